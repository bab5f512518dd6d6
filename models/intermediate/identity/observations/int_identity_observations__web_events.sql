with web_events as (

    select * from {{ ref('stg_web__events') }}

),

web_event_values as (

    {#- the two big event tables are first reduced to their distinct raw
        identifier combinations, so the identifier cleaning runs once per
        combination instead of once per event -#}
    select
        coalesce(web_events.consent_marketing, true) as is_linkable,
        web_events.user_id,
        web_events.email_hash,
        web_events.anonymous_id,
        web_events.click_id,
        min(web_events.occurred_at) as first_seen_at,
        max(web_events.occurred_at) as last_seen_at,
        count(*) as n_rows
    from web_events
    group by
        coalesce(web_events.consent_marketing, true),
        web_events.user_id,
        web_events.email_hash,
        web_events.anonymous_id,
        web_events.click_id

),

web_event_rows as (

    select
        'web_events' as source_table,
        web_event_values.is_linkable,
        cast(null as {{ dbt.type_string() }}) as contact_identifier,
        {{ mta.identity_identifier('user', 'web_event_values.user_id') }} as user_identifier,
        {{ mta.identity_identifier('email', 'web_event_values.email_hash') }} as email_identifier,
        cast(null as {{ dbt.type_string() }}) as phone_identifier,
        {{ mta.identity_identifier('anon', 'web_event_values.anonymous_id') }} as anonymous_identifier,
        {{ mta.identity_identifier('click', 'web_event_values.click_id') }} as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        web_event_values.first_seen_at,
        web_event_values.last_seen_at,
        web_event_values.n_rows
    from web_event_values

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
    from web_event_rows

)

select * from final
