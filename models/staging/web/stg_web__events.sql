{{ config(**mta.partitioned_incremental_config(upstream_model='base_web__events')) }}
{%- set window_start = mta.late_data_window_start() %}

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
        {{ mta.marketing_url('page_url') }} as page_url,
        page_host,
        page_path,
        {{ mta.marketing_url('referrer_url') }} as referrer_url,
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
    where
        quarantine_reason is null
        and {{ mta.in_late_data_window('partition_date', window_start) }}
)

select * from final
