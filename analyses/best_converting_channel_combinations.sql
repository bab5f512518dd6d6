-- Channel combinations that convert best: conversion rate of journeys with
-- exactly that set of channels, among combinations seen in at least 20
-- journeys, against the overall conversion rate.
with

combinations as (
    select * from {{ ref('rpt_channel_combination_conversion_rates') }}
),

overall as (
    select {{ mta.safe_ratio('sum(converting_journeys)', 'sum(journeys)') }} as overall_conversion_rate
    from combinations
),

final as (
    select
        combinations.channel_combination,
        combinations.channel_count,
        combinations.journeys,
        combinations.conversion_rate,
        overall.overall_conversion_rate,
        {{ mta.safe_ratio('combinations.conversion_rate', 'overall.overall_conversion_rate') }} as lift
    from combinations
    cross join overall
    where combinations.journeys >= 20
)

select * from final
order by lift desc
