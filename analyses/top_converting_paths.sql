-- The 20 paths with the most conversions, with how often the same path
-- ends without a conversion (conversion rate of the exact path).
with

conversion_paths as (
    select * from {{ ref('rpt_conversion_paths') }}
),

final as (
    select
        path_rank,
        channel_path,
        converting_journeys,
        non_converting_journeys,
        conversion_rate,
        share_of_conversions,
        revenue
    from conversion_paths
    where path_rank <= 20
)

select * from final
order by path_rank
