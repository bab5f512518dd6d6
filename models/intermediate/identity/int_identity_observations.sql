{#- The union of the per-source observation models in observations/ (one per staged table). -#}

with all_rows as (

    select * from {{ ref('int_identity_observations__web_events') }}
    union all
    select * from {{ ref('int_identity_observations__conversions') }}
    union all
    select * from {{ ref('int_identity_observations__crm_contacts') }}
    union all
    select * from {{ ref('int_identity_observations__crm_deals') }}
    union all
    select * from {{ ref('int_identity_observations__message_events') }}
    union all
    select * from {{ ref('int_identity_observations__ad_clicks') }}

),

final as (

    select
        all_rows.source_table,
        all_rows.is_linkable,
        all_rows.contact_identifier,
        all_rows.user_identifier,
        all_rows.email_identifier,
        all_rows.phone_identifier,
        all_rows.anonymous_identifier,
        all_rows.click_identifier,
        all_rows.linked_identifier,
        all_rows.event_anchor_identifier,
        all_rows.order_anchor_identifier,
        min(all_rows.first_seen_at) as first_seen_at,
        max(all_rows.last_seen_at) as last_seen_at,
        cast(sum(all_rows.n_rows) as {{ dbt.type_bigint() }}) as n_rows
    from all_rows
    where
        coalesce(
            all_rows.contact_identifier,
            all_rows.user_identifier,
            all_rows.email_identifier,
            all_rows.phone_identifier,
            all_rows.anonymous_identifier,
            all_rows.click_identifier,
            all_rows.linked_identifier,
            all_rows.event_anchor_identifier,
            all_rows.order_anchor_identifier
        ) is not null
    group by
        all_rows.source_table,
        all_rows.is_linkable,
        all_rows.contact_identifier,
        all_rows.user_identifier,
        all_rows.email_identifier,
        all_rows.phone_identifier,
        all_rows.anonymous_identifier,
        all_rows.click_identifier,
        all_rows.linked_identifier,
        all_rows.event_anchor_identifier,
        all_rows.order_anchor_identifier

)

select * from final
