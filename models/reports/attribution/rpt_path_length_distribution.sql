{#-
    One row per journey length (touchpoints): converting and non-converting
    journeys of that length, conversion rate, share and cumulative share of
    conversions.
-#}
with

journeys as (
    select * from {{ ref('fct_journeys') }}
),

journeys_with_revenue as (
    select
        journeys.touchpoint_count,
        journeys.is_converted,
        coalesce(journeys.revenue, 0) as revenue
    from journeys
),

length_totals as (
    select
        touchpoint_count as path_length,
        sum(case when is_converted then 1 else 0 end) as converting_journeys,
        sum(case when is_converted then 0 else 1 end) as non_converting_journeys,
        sum(case when is_converted then revenue else 0 end) as revenue
    from journeys_with_revenue
    group by 1
),

final as (
    select
        cast(path_length as integer) as path_length,
        cast(converting_journeys as bigint) as converting_journeys,
        cast(non_converting_journeys as bigint) as non_converting_journeys,
        {{ mta.safe_ratio('converting_journeys', 'converting_journeys + non_converting_journeys') }}
            as conversion_rate,
        {{ mta.money("revenue") }} as revenue,
        {{ mta.safe_ratio('converting_journeys', 'sum(converting_journeys) over ()') }} as share_of_conversions,
        {{ mta.safe_ratio(
            'sum(converting_journeys) over (order by path_length rows between unbounded preceding and current row)',
            'sum(converting_journeys) over ()'
        ) }} as cumulative_share_of_conversions
    from length_totals
)

select * from final
