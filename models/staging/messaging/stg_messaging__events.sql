{#-
    A view: the staged rows of the incremental base model, which does all the
    per-row work once per row (README, "Daily runs"), so the view costs a
    filtered scan and can never drift from its base model.
-#}
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
