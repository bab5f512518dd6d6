with

base_spend as (
    select * from {{ ref('base_ads__spend') }}
),

final as (
    select
        spend_id,
        spend_date,
        platform,
        source,
        channel,
        campaign_id,
        campaign_name,
        impressions,
        clicks,
        spend,
        spend_original,
        currency,
        platform_conversions,
        platform_conversion_value
    from base_spend
    where quarantine_reason is null
)

select * from final
