{#-
    Every (attributable conversion, touchpoint of its person) pair with
    T - lookback(channel) <= touched_at <= T, both bounds inclusive and exact
    to the fraction of a second. lookback(channel) comes from the
    channel_lookback_windows seed, var('mta_default_lookback_days') for
    channels without a row. No path rule (reset, direct, cap) is applied here:
    this is also what decides that a touch was followed by a conversion.
-#}

with

conversions as (
    select * from {{ ref('int_conversions_matched') }}
),

touchpoints as (
    select * from {{ ref('int_touchpoints_deduplicated') }}
),

lookback_windows as (
    select * from {{ ref('channel_lookback_windows') }}
),

attributable_conversions as (
    select
        conversion_id,
        person_id,
        converted_at,
        conversion_type,
        cast(revenue as decimal(18, 2)) as revenue
    from conversions
    where
        is_attributable
        and person_id is not null
),

touchpoints_with_lookback as (
    select
        touchpoints.touchpoint_id,
        touchpoints.person_id,
        touchpoints.channel,
        touchpoints.campaign,
        touchpoints.touched_at,
        coalesce(lookback_windows.lookback_days, {{ var('mta_default_lookback_days', 30) }}) as lookback_days
    from touchpoints
    left join lookback_windows
        on touchpoints.channel = lookback_windows.channel
    where touchpoints.person_id is not null
),

final as (
    select
        attributable_conversions.conversion_id,
        touchpoints_with_lookback.touchpoint_id,
        attributable_conversions.person_id,
        touchpoints_with_lookback.channel,
        touchpoints_with_lookback.campaign,
        touchpoints_with_lookback.touched_at,
        attributable_conversions.converted_at,
        attributable_conversions.conversion_type,
        attributable_conversions.revenue,
        touchpoints_with_lookback.lookback_days
    from attributable_conversions
    inner join touchpoints_with_lookback
        on attributable_conversions.person_id = touchpoints_with_lookback.person_id
    where
        touchpoints_with_lookback.touched_at <= attributable_conversions.converted_at
        and {{ seconds_between('touchpoints_with_lookback.touched_at', 'attributable_conversions.converted_at') }}
        <= touchpoints_with_lookback.lookback_days * 86400
)

select * from final
