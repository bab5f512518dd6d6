with message_events as (

    select * from {{ ref('stg_messaging__events') }}

),

message_event_values as (

    select
        message_events.contact_id,
        message_events.user_id,
        message_events.email_hash,
        message_events.phone_hash,
        min(message_events.occurred_at) as first_seen_at,
        max(message_events.occurred_at) as last_seen_at,
        count(*) as n_rows
    from message_events
    group by
        message_events.contact_id,
        message_events.user_id,
        message_events.email_hash,
        message_events.phone_hash

),

message_rows as (

    select
        'message_events' as source_table,
        true as is_linkable,
        {{ mta.identity_identifier('contact', 'message_event_values.contact_id') }} as contact_identifier,
        {{ mta.identity_identifier('user', 'message_event_values.user_id') }} as user_identifier,
        {{ mta.identity_identifier('email', 'message_event_values.email_hash') }} as email_identifier,
        {{ mta.identity_identifier('phone', 'message_event_values.phone_hash') }} as phone_identifier,
        cast(null as {{ dbt.type_string() }}) as anonymous_identifier,
        cast(null as {{ dbt.type_string() }}) as click_identifier,
        cast(null as {{ dbt.type_string() }}) as linked_identifier,
        cast(null as {{ dbt.type_string() }}) as event_anchor_identifier,
        cast(null as {{ dbt.type_string() }}) as order_anchor_identifier,
        message_event_values.first_seen_at,
        message_event_values.last_seen_at,
        message_event_values.n_rows
    from message_event_values

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
    from message_rows

)

select * from final
