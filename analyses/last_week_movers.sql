-- Biggest week-over-week movers in the last week of data, per channel, under
-- one model and one conversion type: change in attributed revenue,
-- conversions and spend.
{%- set attribution_model = 'linear' %}
{%- set conversion_type = mta.primary_conversion_types()[0] %}
with

week_over_week as (
    select * from {{ ref('rpt_channel_week_over_week') }}
),

last_week as (
    select max(week_start) as week_start
    from week_over_week
),

final as (
    select
        week_over_week.channel,
        week_over_week.week_start,
        week_over_week.attributed_revenue,
        week_over_week.attributed_revenue_change,
        week_over_week.attributed_revenue_change_pct,
        week_over_week.attributed_conversions_change,
        week_over_week.spend_change
    from week_over_week
    inner join last_week
        on week_over_week.week_start = last_week.week_start
    where
        week_over_week.attribution_model = '{{ attribution_model }}'
        and week_over_week.conversion_type = '{{ conversion_type }}'
)

select * from final
order by abs(attributed_revenue_change) desc
