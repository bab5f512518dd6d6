{#-
    One row per exact channel path (fct_journeys.channel_path, oldest first):
    converting and non-converting journeys with that path, its conversion
    rate, revenue, and its rank among converting paths (1 = most conversions).
-#}
with

journeys as (
    select * from {{ ref('fct_journeys') }}
),

journeys_with_revenue as (
    select
        journeys.journey_id,
        journeys.channel_path,
        journeys.touchpoint_count,
        journeys.is_converted,
        coalesce(journeys.revenue, 0) as revenue
    from journeys
),

path_totals as (
    select
        channel_path,
        max(touchpoint_count) as max_touchpoint_count,
        sum(case when is_converted then 1 else 0 end) as converting_journeys,
        sum(case when is_converted then 0 else 1 end) as non_converting_journeys,
        sum(case when is_converted then revenue else 0 end) as revenue,
        avg(case when is_converted then 1.0 * touchpoint_count end) as avg_converting_touchpoints
    from journeys_with_revenue
    group by 1
),

final as (
    select
        channel_path,
        cast(converting_journeys as bigint) as converting_journeys,
        cast(non_converting_journeys as bigint) as non_converting_journeys,
        cast(converting_journeys + non_converting_journeys as bigint) as journeys,
        {{ mta.safe_ratio('converting_journeys', 'converting_journeys + non_converting_journeys') }}
            as conversion_rate,
        {{ mta.money("revenue") }} as revenue,
        {{ mta.safe_ratio('converting_journeys', 'sum(converting_journeys) over ()') }} as share_of_conversions,
        cast(avg_converting_touchpoints as {{ mta.double_type() }}) as avg_converting_touchpoints,
        cast(
            row_number() over (order by converting_journeys desc, revenue desc, channel_path asc) as bigint
        ) as path_rank
    from path_totals
)

select * from final
