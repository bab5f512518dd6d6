with deals as (

    select * from {{ ref('stg_crm__deals') }}

),

deal_rows as (

    select
        'crm_deals' as source_table,
        true as is_linkable,
        {{ mta.identity_identifier('contact', 'deals.contact_id') }} as contact_identifier,
        cast(null as {{ dbt.type_string() }}) as user_identifier,
        cast(null as {{ dbt.type_string() }}) as email_identifier,
        cast(null as {{ dbt.type_string() }}) as phone_identifier,
        cast(null as {{ dbt.type_string() }}) as anonymous_identifier,
        cast(null as {{ dbt.type_string() }}) as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        deals.created_at as first_seen_at,
        deals.created_at as last_seen_at,
        1 as n_rows
    from deals

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
    from deal_rows

)

select * from final
