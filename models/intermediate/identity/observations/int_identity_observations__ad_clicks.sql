with ad_clicks as (

    select * from {{ ref('stg_ads__clicks') }}

),

ad_click_rows as (

    {#- the click log names click ids (so a click with no landing still
        resolves to a person of its own); it links a click to a visitor only
        if a tracker ever fills landing_anonymous_id -#}
    select
        'ad_clicks' as source_table,
        true as is_linkable,
        cast(null as {{ dbt.type_string() }}) as contact_identifier,
        cast(null as {{ dbt.type_string() }}) as user_identifier,
        cast(null as {{ dbt.type_string() }}) as email_identifier,
        cast(null as {{ dbt.type_string() }}) as phone_identifier,
        {{ mta.identity_identifier('anon', 'ad_clicks.landing_anonymous_id') }} as anonymous_identifier,
        {{ mta.identity_identifier('click', 'ad_clicks.click_id') }} as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        ad_clicks.clicked_at as first_seen_at,
        ad_clicks.clicked_at as last_seen_at,
        1 as n_rows
    from ad_clicks

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
    from ad_click_rows

)

select * from final
