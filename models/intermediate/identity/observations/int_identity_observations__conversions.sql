{%- set link_conversion_copies = mta.setting('mta_identity_link_conversion_copies') -%}

with conversions as (

    select * from {{ ref('stg_collectors__conversions') }}

),

conversion_rows as (

    select
        conversions.conversion_event_id,
        {{ mta.identity_clean_value('conversions.order_id') }} as order_id,
        {{ mta.identity_identifier('user', 'conversions.user_id') }} as user_identifier,
        {{ mta.identity_identifier('email', 'conversions.email_hash') }} as email_identifier,
        {{ mta.identity_identifier('phone', 'conversions.phone_hash') }} as phone_identifier,
        {{ mta.identity_identifier('anon', 'conversions.anonymous_id') }} as anonymous_identifier,
        {{ mta.identity_identifier('click', 'conversions.click_id') }} as click_identifier,
        conversions.occurred_at as seen_at
    from conversions

),

conversion_rows_anchored as (

    select
        conversion_rows.*,
        coalesce(
            conversion_rows.user_identifier,
            conversion_rows.email_identifier,
            conversion_rows.phone_identifier,
            conversion_rows.anonymous_identifier,
            conversion_rows.click_identifier
        ) as row_anchor
    from conversion_rows

),

conversion_copy_anchors as (

    {#- every copy of one conversion event, and every conversion row of one
        order, links to the smallest anchor of its group -#}
    select
        conversion_rows_anchored.*,
        min(conversion_rows_anchored.row_anchor) over (
            partition by conversion_rows_anchored.conversion_event_id
        ) as event_anchor,
        case
            when conversion_rows_anchored.order_id is not null
                then min(conversion_rows_anchored.row_anchor) over (
                    partition by conversion_rows_anchored.order_id
                )
        end as order_anchor
    from conversion_rows_anchored

),

conversion_observation_rows as (

    select
        'conversions' as source_table,
        true as is_linkable,
        cast(null as {{ dbt.type_string() }}) as contact_identifier,
        conversion_copy_anchors.user_identifier,
        conversion_copy_anchors.email_identifier,
        conversion_copy_anchors.phone_identifier,
        conversion_copy_anchors.anonymous_identifier,
        conversion_copy_anchors.click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        {%- if link_conversion_copies %}
        conversion_copy_anchors.event_anchor as event_anchor_identifier,
        conversion_copy_anchors.order_anchor as order_anchor_identifier,
        {%- else %}
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        {%- endif %}
        conversion_copy_anchors.seen_at as first_seen_at,
        conversion_copy_anchors.seen_at as last_seen_at,
        1 as n_rows
    from conversion_copy_anchors

),

final as (

    select
        source_table,
        is_linkable,
        contact_identifier,
        user_identifier,
        email_identifier,
        phone_identifier,
        anonymous_identifier,
        click_identifier,
        linked_identifier,
        event_anchor_identifier,
        order_anchor_identifier,
        first_seen_at,
        last_seen_at,
        n_rows
    from conversion_observation_rows

)

select * from final
