{#- A view of the staged rows of base_messaging__events, which does the per-row work (README, "Daily runs"). -#}
{{ config(materialized='view') }}

with

base_events as (
    select * from {{ ref('base_messaging__events') }}
),

final as (
    select
        message_event_id,
        channel,
        event_type,
        occurred_at,
        campaign_name,
        contact_id,
        user_id,
        email_hash,
        phone_hash,
        marketing_link_url as link_url,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        is_click,
        partition_date
    from base_events
    where quarantine_reason is null
)

select * from final
