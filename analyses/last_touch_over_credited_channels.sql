-- Which channels does last touch over-credit? Channels whose last-touch
-- conversions exceed the average of the multi-touch models (linear,
-- time_decay, position_based, and markov/shapley when built), largest gap first.
-- A positive over_credit means last touch gives the channel more than the
-- multi-touch consensus: typically closers such as brand search and direct.
with

model_comparison as (
    select * from {{ ref('rpt_attribution_model_comparison') }}
),

consensus as (
    select
        channel,
        last_touch_conversions,
        (
            linear_conversions + time_decay_conversions + position_based_conversions
            + markov_conversions + shapley_conversions
        ) / nullif(
            3
            + case when markov_conversions <> 0 then 1 else 0 end
            + case when shapley_conversions <> 0 then 1 else 0 end,
            0
        ) as multi_touch_conversions
    from model_comparison
),

final as (
    select
        channel,
        last_touch_conversions,
        multi_touch_conversions,
        last_touch_conversions - multi_touch_conversions as over_credit,
        {{ mta.safe_ratio('last_touch_conversions', 'multi_touch_conversions') }} as over_credit_ratio
    from consensus
)

select * from final
order by over_credit desc
