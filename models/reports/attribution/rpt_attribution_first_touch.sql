{{ config(materialized='view') }}

with

channel_performance as (
    select * from {{ ref('rpt_channel_performance') }}
),

final as (
    select
        report_date,
        channel,
        campaign,
        attributed_conversions,
        attributed_revenue,
        spend,
        clicks,
        impressions,
        touches,
        roas,
        cpa,
        conversion_type,
        is_primary_conversion_type
    from channel_performance
    where attribution_model = 'first_touch'
)

select * from final
