{#-
    A view: the staged rows of the incremental base model, which does all the
    per-row work once per row (README, "Daily runs"), so the view costs a
    filtered scan and can never drift from its base model.
-#}
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
        currency,
        partition_date
    from base_clicks
    where quarantine_reason is null
)

select * from final
