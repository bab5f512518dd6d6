{#- A view of the staged rows of base_ads__clicks, which does the per-row work (README, "Daily runs"). -#}
{{ config(materialized='view') }}

with

base_clicks as (
    select * from {{ ref('base_ads__clicks') }}
),

final as (
    select
        click_id,
        clicked_at,
        traffic_source,
        source,
        campaign_id,
        campaign_name,
        ad_group_id,
        ad_group_name,
        creative_id,
        placement,
        device_type,
        os,
        browser,
        country,
        ip_hash,
        marketing_landing_page_url as landing_page_url,
        landing_anonymous_id,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        medium,
        channel,
        cost,
        cost_original,
        cost_issue,
        currency,
        partition_date
    from base_clicks
    where quarantine_reason is null
)

select * from final
