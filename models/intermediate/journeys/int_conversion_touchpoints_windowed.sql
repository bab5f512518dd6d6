with

conversions as (
    select * from {{ ref('int_conversions_matched') }}
),

touchpoints as (
    select * from {{ ref('int_touchpoints_deduplicated') }}
),

lookback_windows as (
    select * from {{ mta.seed_ref('channel_lookback_windows') }}
),

person_conversions as (
    select
        conversion_id,
        person_id,
        converted_at,
        conversion_type,
        is_attributable,
        cast(revenue as decimal(18, 2)) as revenue
    from conversions
    where person_id is not null
),

touchpoints_with_lookback as (
    select
        touchpoints.touchpoint_id,
        touchpoints.person_id,
        touchpoints.channel,
        touchpoints.campaign,
        touchpoints.touched_at,
        coalesce(lookback_windows.lookback_days, {{ mta.setting('mta_default_lookback_days') }}) as lookback_days
    from touchpoints
    left join lookback_windows
        on touchpoints.channel = lookback_windows.channel
    where touchpoints.person_id is not null
),

final as (
    select
        person_conversions.conversion_id,
        touchpoints_with_lookback.touchpoint_id,
        person_conversions.person_id,
        touchpoints_with_lookback.channel,
        touchpoints_with_lookback.campaign,
        touchpoints_with_lookback.touched_at,
        person_conversions.converted_at,
        person_conversions.conversion_type,
        person_conversions.is_attributable,
        person_conversions.revenue,
        touchpoints_with_lookback.lookback_days
    from person_conversions
    inner join touchpoints_with_lookback
        on person_conversions.person_id = touchpoints_with_lookback.person_id
    where
        touchpoints_with_lookback.touched_at <= person_conversions.converted_at
        and {{ seconds_between('touchpoints_with_lookback.touched_at', 'person_conversions.converted_at') }}
        <= touchpoints_with_lookback.lookback_days * 86400
)

select * from final
