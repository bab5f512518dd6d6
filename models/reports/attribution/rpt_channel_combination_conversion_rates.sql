{#-
    One row per channel combination (the set of distinct channels of a
    journey, sorted by name and joined by ' + '): converting and
    non-converting journeys with exactly that set, and the conversion rate.
    This is also the coalition value v(S) the Shapley model uses.
-#}
with

journey_touchpoints as (
    select * from {{ ref('int_journey_touchpoints') }}
),

conversions as (
    select * from {{ ref('fct_conversions') }}
),

journey_channels as (
    select distinct
        journey_id,
        conversion_id,
        is_converted,
        channel
    from journey_touchpoints
),

journey_combinations as (
    select
        journey_id,
        conversion_id,
        is_converted,
        {{ mta.ordered_string_agg('channel', ' + ', 'channel') }} as channel_combination,
        count(*) as channel_count
    from journey_channels
    group by 1, 2, 3
),

journeys_with_revenue as (
    select
        journey_combinations.channel_combination,
        journey_combinations.channel_count,
        journey_combinations.is_converted,
        coalesce(conversions.revenue, 0) as revenue
    from journey_combinations
    left join conversions
        on journey_combinations.conversion_id = conversions.conversion_id
),

combination_totals as (
    select
        channel_combination,
        max(channel_count) as channel_count,
        sum(case when is_converted then 1 else 0 end) as converting_journeys,
        sum(case when is_converted then 0 else 1 end) as non_converting_journeys,
        sum(case when is_converted then revenue else 0 end) as revenue
    from journeys_with_revenue
    group by 1
),

final as (
    select
        channel_combination,
        cast(channel_count as bigint) as channel_count,
        cast(converting_journeys as bigint) as converting_journeys,
        cast(non_converting_journeys as bigint) as non_converting_journeys,
        cast(converting_journeys + non_converting_journeys as bigint) as journeys,
        {{ mta.safe_ratio('converting_journeys', 'converting_journeys + non_converting_journeys') }}
            as conversion_rate,
        {{ mta.money("revenue") }} as revenue
    from combination_totals
)

select * from final
