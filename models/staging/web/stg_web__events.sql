{#- A view of the staged rows of base_web__events, which does the per-row work (README, "Daily runs"). -#}
{{ config(materialized='view') }}

with

base_events as (
    select * from {{ ref('base_web__events') }}
),

final as (
    select
        event_id,
        event_type,
        occurred_at,
        anonymous_id,
        user_id,
        email_hash,
        session_id,
        marketing_page_url as page_url,
        page_host,
        page_path,
        marketing_referrer_url as referrer_url,
        referrer_host,
        referrer_source,
        referrer_category,
        is_external_referrer,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        click_id,
        click_id_param,
        has_utm,
        has_campaign_evidence,
        channel,
        user_agent,
        device_type,
        ip_hash,
        consent_marketing,
        partition_date
    from base_events
    where quarantine_reason is null
)

select * from final
