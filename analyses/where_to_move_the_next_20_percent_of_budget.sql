-- Where to move the next 20% of budget, and only where the numbers can carry
-- it. Under one model (set below), over the window of
-- rpt_attribution_intervals (var mta_uncertainty_window_days, 28 days), every
-- campaign with spend is compared with the portfolio's ROAS (all paid
-- campaigns' headline revenue over their spend). Headline = the primary
-- conversion types (var mta_primary_conversion_types, default purchase):
-- a lead or a closed-won deal is never added to purchases.
--   cut:      the whole 90% ROAS interval is below the portfolio's, and the
--             campaign spent enough to expect var mta_min_sample_conversions
--             conversions at the portfolio's cost per conversion;
--   increase: the whole interval is above the portfolio's, on at least that
--             many conversions;
--   hold:     anything else, and `reason` says why (the interval straddles
--             the portfolio's ROAS, too few conversions, one conversion
--             carries most of the revenue).
-- The cuts free at most 20% of the total spend, taken from each cut campaign
-- in proportion to its spend, and go to the increases in proportion to the
-- lower end of their revenue interval. Constant ROAS at the margin is
-- assumed: read it as a direction, not a forecast, and compare models.
{%- set attribution_model = 'time_decay' %}
{%- set share_to_move = 0.2 %}
{%- set min_sample = mta.setting('mta_min_sample_conversions') | int %}
with

intervals as (
    select * from {{ ref('rpt_attribution_intervals') }}
),

campaigns as (
    select
        channel,
        campaign,
        window_start,
        window_end,
        spend,
        sample_conversions,
        attributed_conversions,
        attributed_revenue,
        attributed_revenue_lower,
        roas,
        roas_lower,
        roas_upper,
        largest_conversion_revenue_share
    from intervals
    where
        attribution_model = '{{ attribution_model }}'
        and is_headline
        and interval_grain = 'campaign'
        and spend > 0
),

portfolio as (
    select
        sum(attributed_revenue) / sum(spend) as portfolio_roas,
        sum(spend) / nullif(sum(attributed_conversions), 0) as portfolio_cpa,
        sum(spend) as total_spend
    from campaigns
),

judged as (
    select
        campaigns.*,
        portfolio.portfolio_roas,
        portfolio.portfolio_cpa,
        portfolio.total_spend,
        campaigns.spend / nullif(portfolio.portfolio_cpa, 0) as expected_conversions_at_portfolio_cpa,
        case
            when
                campaigns.roas_upper < portfolio.portfolio_roas
                and (
                    campaigns.sample_conversions >= {{ min_sample }}
                    or campaigns.spend / nullif(portfolio.portfolio_cpa, 0) >= {{ min_sample }}
                )
                then 'cut'
            when
                campaigns.roas_lower > portfolio.portfolio_roas
                and campaigns.sample_conversions >= {{ min_sample }}
                then 'increase'
            else 'hold'
        end as budget_role
    from campaigns
    cross join portfolio
),

moved as (
    select
        least(
            {{ share_to_move }} * max(total_spend),
            coalesce(sum(case when budget_role = 'cut' then spend end), 0)
        ) as moved_budget,
        sum(case when budget_role = 'cut' then spend end) as cut_spend,
        sum(case when budget_role = 'increase' then attributed_revenue_lower end) as increase_revenue_lower
    from judged
),

final as (
    select
        judged.channel,
        judged.campaign,
        judged.spend,
        judged.sample_conversions,
        judged.roas,
        judged.roas_lower,
        judged.roas_upper,
        judged.portfolio_roas,
        judged.budget_role,
        case judged.budget_role
            when 'cut' then -moved.moved_budget * judged.spend / moved.cut_spend
            when 'increase'
                then
                    case
                        when moved.increase_revenue_lower > 0
                            then moved.moved_budget * judged.attributed_revenue_lower / moved.increase_revenue_lower
                        else 0
                    end
            else 0
        end as budget_change,
        case
            when judged.budget_role = 'cut'
                then
                    'ROAS interval ' || {{ mta.format_decimal('judged.roas_lower', 2) }} || '-'
                    || {{ mta.format_decimal('judged.roas_upper', 2) }} || ' is below the portfolio''s '
                    || {{ mta.format_decimal('judged.portfolio_roas', 2) }}
            when judged.budget_role = 'increase'
                then
                    'ROAS interval ' || {{ mta.format_decimal('judged.roas_lower', 2) }} || '-'
                    || {{ mta.format_decimal('judged.roas_upper', 2) }} || ' is above the portfolio''s '
                    || {{ mta.format_decimal('judged.portfolio_roas', 2) }} || ' on '
                    || cast(judged.sample_conversions as {{ dbt.type_string() }}) || ' conversions'
                    || case
                        when moved.moved_budget = 0 then '; no campaign can be cut with confidence, so nothing moves'
                        else ''
                    end
            when judged.roas_upper < judged.portfolio_roas
                then
                    'below the portfolio, but on '
                    || cast(judged.sample_conversions as {{ dbt.type_string() }})
                    || ' conversions, and its spend buys about '
                    || {{ mta.format_decimal('judged.expected_conversions_at_portfolio_cpa', 1) }}
                    || ' at the portfolio''s cost per conversion (minimum {{ min_sample }}): too little to tell'
            when judged.roas_lower > judged.portfolio_roas
                then
                    'above the portfolio, but on only '
                    || cast(judged.sample_conversions as {{ dbt.type_string() }})
                    || ' conversions (minimum {{ min_sample }})'
            when judged.largest_conversion_revenue_share > 0.5
                then
                    'one conversion is ' || {{ mta.format_decimal('100 * judged.largest_conversion_revenue_share', 0) }}
                    || '% of its revenue; ROAS interval ' || {{ mta.format_decimal('judged.roas_lower', 2) }} || '-'
                    || {{ mta.format_decimal('judged.roas_upper', 2) }} || ' includes the portfolio''s '
                    || {{ mta.format_decimal('judged.portfolio_roas', 2) }}
            else
                'ROAS interval ' || {{ mta.format_decimal('judged.roas_lower', 2) }} || '-'
                || {{ mta.format_decimal('judged.roas_upper', 2) }} || ' includes the portfolio''s '
                || {{ mta.format_decimal('judged.portfolio_roas', 2) }} || ': no evidence either way'
        end as reason,
        judged.window_start,
        judged.window_end
    from judged
    cross join moved
)

select * from final
order by budget_change desc, roas desc
