{#-
    A view: the staged rows of the incremental base model, which does all the
    per-row work once per row (README, "Daily runs"), so the view costs a
    filtered scan and can never drift from its base model.
-#}
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
