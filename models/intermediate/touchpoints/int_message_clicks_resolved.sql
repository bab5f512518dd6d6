{#- Contact first, then user id, email hash, phone hash: the strongest identifier that resolves. -#}
with

message_events as (
    select * from {{ ref('stg_messaging__events') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_resolved') }}
),

final as (
    select
        message_events.message_event_id,
        message_events.channel,
        message_events.occurred_at,
        message_events.campaign_name,
        message_events.utm_source,
        message_events.utm_medium,
        message_events.utm_campaign,
        message_events.utm_content,
        message_events.utm_term,
        coalesce(
            contact_identifiers.person_id,
            user_identifiers.person_id,
            email_identifiers.person_id,
            phone_identifiers.person_id
        ) as person_id
    from message_events
    left join identifiers as contact_identifiers
        on {{ identity_identifier('contact', 'message_events.contact_id') }} = contact_identifiers.identifier
    left join identifiers as user_identifiers
        on {{ identity_identifier('user', 'message_events.user_id') }} = user_identifiers.identifier
    left join identifiers as email_identifiers
        on {{ identity_identifier('email', 'message_events.email_hash') }} = email_identifiers.identifier
    left join identifiers as phone_identifiers
        on {{ identity_identifier('phone', 'message_events.phone_hash') }} = phone_identifiers.identifier
    where message_events.is_click
)

select * from final
