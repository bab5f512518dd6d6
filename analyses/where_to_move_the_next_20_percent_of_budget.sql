-- Where to move the next 20% of budget. Under one model (set below) and over
-- the last 28 days of data, campaigns are ranked by ROAS. The lowest-ROAS
-- campaigns whose spend adds up to 20% of the total are the donors; the
-- budget goes to the campaigns above the median ROAS, in proportion to their
-- attributed revenue. Assumes constant ROAS at the margin, so read it as a
-- direction, not a forecast; compare the answer under several models.
-- ROAS counts the primary conversion types only (var
-- mta_primary_conversion_types, default purchase): a closed-won deal or a
-- lead is never added to purchases.
{%- set attribution_model = 'time_decay' %}
{%- set window_days = 28 %}
{%- set share_to_move = 0.2 %}
with

channel_performance as (
    select * from {{ ref('rpt_channel_performance') }}
),

latest_day as (
    select max(report_date) as max_report_date
    from channel_performance
),

recent_by_type as (
    select
        channel_performance.channel,
        channel_performance.campaign,
        channel_performance.conversion_type,
        sum(channel_performance.spend) as spend,
        sum(channel_performance.attributed_revenue) as attributed_revenue
    from channel_performance
    cross join latest_day
    where
        channel_performance.attribution_model = '{{ attribution_model }}'
        and channel_performance.is_primary_conversion_type
        and channel_performance.report_date > {{ dbt.dateadd('day', -window_days, 'latest_day.max_report_date') }}
    group by
        channel_performance.channel,
        channel_performance.campaign,
        channel_performance.conversion_type
),

-- spend repeats on every conversion type's rows: count it once; revenue
-- adds up over the primary types
recent as (
    select
        channel,
        campaign,
        max(spend) as spend,
        sum(attributed_revenue) as attributed_revenue
    from recent_by_type
    group by channel, campaign
    having max(spend) > 0
),

ranked as (
    select
        channel,
        campaign,
        spend,
        attributed_revenue,
        attributed_revenue / spend as roas,
        sum(spend) over (order by attributed_revenue / spend asc, campaign asc rows unbounded preceding)
        / sum(spend) over () as cumulative_spend_share_from_worst,
        percent_rank() over (order by attributed_revenue / spend asc) as roas_percent_rank
    from recent
),

donors as (
    select
        channel,
        campaign,
        spend,
        roas,
        -spend as budget_change
    from ranked
    where cumulative_spend_share_from_worst <= {{ share_to_move }}
),

moved as (
    select sum(spend) as moved_budget from donors
),

receivers as (
    select
        ranked.channel,
        ranked.campaign,
        ranked.spend,
        ranked.roas,
        moved.moved_budget * ranked.attributed_revenue
        / sum(ranked.attributed_revenue) over () as budget_change
    from ranked
    cross join moved
    where ranked.roas_percent_rank >= 0.5
),

final as (
    select
        channel,
        campaign,
        spend,
        roas,
        budget_change,
        'donor' as budget_role
    from donors
    union all
    select
        channel,
        campaign,
        spend,
        roas,
        budget_change,
        'receiver' as budget_role
    from receivers
)

select * from final
order by budget_change desc
