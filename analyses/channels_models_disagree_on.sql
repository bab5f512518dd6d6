-- Where do the models disagree? Per channel, the spread of attributed
-- conversions across the models that have credits (max - min, relative to
-- the mean). A wide spread means the channel's value depends on the model
-- you pick: test it (holdout, geo test) before moving budget. Counts the
-- primary conversion types only (var mta_primary_conversion_types).
with

channel_performance as (
    select * from {{ ref('rpt_channel_performance') }}
),

channel_model_totals as (
    select
        channel,
        attribution_model,
        sum(attributed_conversions) as attributed_conversions
    from channel_performance
    where is_primary_conversion_type
    group by channel, attribution_model
),

spread as (
    select
        channel,
        min(attributed_conversions) as min_conversions,
        max(attributed_conversions) as max_conversions,
        avg(attributed_conversions) as mean_conversions
    from channel_model_totals
    group by channel
),

final as (
    select
        channel,
        min_conversions,
        max_conversions,
        mean_conversions,
        {{ mta.safe_ratio('max_conversions - min_conversions', 'mean_conversions') }} as relative_spread
    from spread
)

select * from final
order by relative_spread desc
