with

calibrated_credits as (
    select * from {{ ref('fct_attribution_credits_calibrated') }}
),

channel_calibration as (
    select * from {{ ref('dim_channel_calibration') }}
),

channel_totals as (
    select
        channel,
        sum(base_credit) as base_conversions,
        sum(credit) as calibrated_conversions,
        sum(base_credit * conversion_revenue) as base_revenue,
        sum(attributed_revenue) as calibrated_revenue
    from calibrated_credits
    group by channel
),

grand_totals as (
    select sum(calibrated_conversions) as total_conversions
    from channel_totals
),

final as (
    select
        channel_totals.channel,
        channel_calibration.base_attribution_model,
        channel_calibration.calibration_factor,
        channel_calibration.calibration_status,
        channel_calibration.experiment_ids,
        cast(channel_totals.base_conversions as {{ mta.double_type() }}) as base_conversions,
        cast(channel_totals.calibrated_conversions as {{ mta.double_type() }}) as calibrated_conversions,
        cast(channel_totals.base_conversions / grand_totals.total_conversions as {{ mta.double_type() }})
            as base_share,
        cast(channel_totals.calibrated_conversions / grand_totals.total_conversions as {{ mta.double_type() }})
            as calibrated_share,
        {{ mta.money("channel_totals.base_revenue") }} as base_revenue,
        {{ mta.money("channel_totals.calibrated_revenue") }} as calibrated_revenue
    from channel_totals
    left join channel_calibration
        on channel_totals.channel = channel_calibration.channel
    cross join grand_totals
)

select * from final
