"""Lift-test results (`raw.lift_tests`) and what they should have found (`truth.lift_tests`).

The company ran a few incrementality experiments during the period (geo
holdouts, audience holdouts, a budget perturbation test). Each one names a
channel (or one campaign of it), a period of whole UTC days and the
conversion type it counted. Its true effect comes from the causal model
(journeys.py): the conversions of that type, with an opportunity in the
period, that convert as they are but not without the tested channel's (or
campaign's) touches, the same uniform draw deciding both (common random
numbers, as in truth.channel_incrementality). Removing a campaign keeps the
channel's other touches, with their diminishing returns recomputed.

What the test reports is that truth plus sampling noise, as a real test has:
the standard error follows the test's volume, se = sqrt(design x C), where C
is the number of conversions in the test's scope (type and period) and the
design factor is that of the method (an audience holdout randomizes people
and is the most precise, a budget perturbation the least). The estimate is
truth + se x N(0, 1); the interval is estimate -/+ z x se at the test's
confidence level. Revenue is measured the same way, its noise scaled by the
average conversion value and correlated with the conversions' noise. Nothing
in a reported row is exact: intervals miss the truth at their stated rate.

Tables: `raw_lift_tests` (contract columns plus the helper columns dirt.py
expects), `truth_lift_tests`.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from . import catalog as cat
from .context import DAY_MS, Ctx, sql_list

TYPES = ["purchase", "signup", "subscription", "lead"]

# Precision of each method: the variance of the estimate per conversion in scope.
DESIGN = {"audience_holdout": 0.15, "geo_holdout": 0.30, "budget_perturbation": 0.50}

# (experiment_id, channel, campaign name or None, method, conversion type,
#  first and last day as fractions of the period, interval level, currency)
TESTS = [
    ("lt-psoc-geo-01", "paid_social", None, "geo_holdout", "purchase", 0.05, 0.95, 0.90, "USD"),
    ("lt-psoc-aud-02", "paid_social", None, "audience_holdout", "lead", 0.05, 0.95, 0.90, None),
    ("lt-video-geo-01", "video", None, "geo_holdout", "purchase", 0.10, 0.90, 0.90, "USD"),
    ("lt-search-geo-01", "paid_search", None, "geo_holdout", "purchase", 0.05, 0.95, 0.90, "USD"),
    ("lt-brand-geo-01", "paid_search", "Brand | Search | Exact", "geo_holdout", "purchase", 0.30, 0.80, 0.90, "USD"),
    ("lt-display-bud-01", "display", None, "budget_perturbation", "purchase", 0.20, 0.90, 0.80, "USD"),
    ("lt-email-aud-01", "email", None, "audience_holdout", "purchase", 0.10, 0.70, 0.95, "USD"),
    ("lt-native-geo-01", "native", None, "geo_holdout", "purchase", 0.05, 0.95, 0.90, "EUR"),
]


def build(ctx: Ctx) -> None:
    window = cat.CAUSAL_WINDOW_DAYS * DAY_MS
    campaigns = {c[1]: i for i, c in enumerate(cat.CAMPAIGNS)}
    rows = []
    for idx, (exp_id, channel, campaign, method, ctype, first, last, level, currency) in enumerate(TESTS):
        start_day = math.floor(first * ctx.days)
        end_day = max(start_day, math.floor(last * ctx.days) - 1)
        rows.append(
            f"({idx}, '{exp_id}', '{channel}', {campaigns[campaign] if campaign else -1}, "
            f"{sql_list([campaign])[1:-1]}, '{method}', '{ctype}', {start_day}, {end_day}, {level}, "
            f"{sql_list([currency])[1:-1]}, {DESIGN[method]})"
        )
    ctx.sql(f"""
        create or replace table lift_test_specs as
        select
            * exclude (start_day, end_day),
            {ctx.start_ms}::bigint + start_day::bigint * {DAY_MS} as start_ms,
            {ctx.start_ms}::bigint + (end_day::bigint + 1) * {DAY_MS} as end_ms,
            strftime(utc_ts({ctx.start_ms}::bigint + start_day::bigint * {DAY_MS}), '%Y-%m-%d') as start_date,
            strftime(utc_ts({ctx.start_ms}::bigint + end_day::bigint * {DAY_MS}), '%Y-%m-%d') as end_date
        from (values {", ".join(rows)}) as v(
            test_idx, experiment_id, channel, campaign_idx, campaign, method, conversion_type,
            start_day, end_day, interval_level, currency, design
        );

        create or replace table truth_lift_tests_base as
        with scoped as (
            select s.test_idx, o.opp_id, o.pid, o.opp_ms, o.converted, o.u, o.base_logit, o.total_contribution
            from lift_test_specs as s
            inner join opps as o
                on o.opp_ms >= s.start_ms and o.opp_ms < s.end_ms
                and pick({sql_list(TYPES)}, o.opp_type_code) = s.conversion_type
        ),
        channel_touches as (
            select
                sc.test_idx, sc.opp_id, t.lift,
                t.campaign_idx = s.campaign_idx as is_tested_campaign,
                row_number() over (partition by sc.test_idx, sc.opp_id order by t.touched_ms desc, t.tid desc) as rank_all,
                row_number() over (
                    partition by sc.test_idx, sc.opp_id, t.campaign_idx = s.campaign_idx
                    order by t.touched_ms desc, t.tid desc
                ) as rank_in_group
            from scoped as sc
            inner join lift_test_specs as s on s.test_idx = sc.test_idx
            inner join touches as t
                on t.pid = sc.pid
                and t.channel = s.channel
                and t.touched_ms < sc.opp_ms
                and t.touched_ms >= sc.opp_ms - {window}
        ),
        removed as (
            -- the channel's contribution, and what is left of it without the tested touches
            -- (a campaign test keeps the channel's other touches, re-ranked among themselves)
            select
                ct.test_idx,
                ct.opp_id,
                sum(ct.lift * power(0.5, ct.rank_all - 1)) as contribution,
                coalesce(sum(ct.lift * power(0.5, ct.rank_in_group - 1))
                    filter (where s.campaign_idx >= 0 and not ct.is_tested_campaign), 0) as remaining
            from channel_touches as ct
            inner join lift_test_specs as s on s.test_idx = ct.test_idx
            group by ct.test_idx, ct.opp_id
        ),
        outcomes as (
            select
                sc.test_idx,
                sc.opp_id,
                sc.converted,
                sc.u < 1 / (1 + exp(-(sc.base_logit + sc.total_contribution
                    - coalesce(r.contribution, 0) + coalesce(r.remaining, 0)))) as converts_without,
                coalesce(cb.revenue_local * cb.usd_rate, 0) as revenue_usd
            from scoped as sc
            left join removed as r on r.test_idx = sc.test_idx and r.opp_id = sc.opp_id
            left join conv_base as cb on cb.opp_id = sc.opp_id
        )
        select
            s.*,
            count(o.opp_id) filter (where o.converted) as conversions_in_scope,
            coalesce(sum(o.revenue_usd) filter (where o.converted), 0) as revenue_in_scope_usd,
            count(o.opp_id) filter (where o.converted and not o.converts_without) as true_incremental_conversions,
            coalesce(sum(o.revenue_usd) filter (where o.converted and not o.converts_without), 0)
                as true_incremental_revenue_usd
        from lift_test_specs as s
        left join outcomes as o on o.test_idx = s.test_idx
        group by all
        order by s.test_idx;
    """)
    _measure(ctx)


def _measure(ctx: Ctx) -> None:
    """The reported figures: truth plus the test's sampling noise (numpy, one stream)."""
    rng = ctx.rng("lift_tests")
    t = ctx.fetch("""
        select test_idx, design, interval_level, conversions_in_scope, revenue_in_scope_usd,
               true_incremental_conversions, true_incremental_revenue_usd, conversion_type
        from truth_lift_tests_base order by test_idx
    """)
    n = len(t["test_idx"])
    z = rng.standard_normal((n, 2))
    volume = np.maximum(t["conversions_in_scope"].astype(float), 1.0)
    se = np.sqrt(t["design"] * volume)
    level_z = np.array([NormalDist().inv_cdf(0.5 + lvl / 2) for lvl in t["interval_level"]])
    measured = t["true_incremental_conversions"] + se * z[:, 0]
    value = t["revenue_in_scope_usd"] / volume
    se_revenue = se * value * 1.2
    measured_revenue = t["true_incremental_revenue_usd"] + se_revenue * (0.8 * z[:, 0] + 0.6 * z[:, 1])
    has_revenue = t["revenue_in_scope_usd"] > 0
    ctx.register(
        "lift_test_measures",
        {
            "test_idx": t["test_idx"],
            "standard_error": se,
            "revenue_standard_error_usd": np.where(has_revenue, se_revenue, np.nan),
            "measured": np.round(measured, 1),
            "measured_low": np.round(measured - level_z * se, 1),
            "measured_high": np.round(measured + level_z * se, 1),
            "measured_revenue_usd": np.where(has_revenue, measured_revenue, np.nan),
            "measured_revenue_low_usd": np.where(has_revenue, measured_revenue - level_z * se_revenue, np.nan),
            "measured_revenue_high_usd": np.where(has_revenue, measured_revenue + level_z * se_revenue, np.nan),
        },
    )
    rates = sql_list(list(cat.USD_RATES))
    rate_values = "[" + ", ".join(str(v) for v in cat.USD_RATES.values()) + "]"
    ctx.sql(f"""
        create or replace table raw_lift_tests as
        with joined as (
            select
                b.*,
                m.* exclude (test_idx),
                coalesce({rate_values}[list_position({rates}, b.currency)], 1.0) as usd_rate
            from truth_lift_tests_base as b
            inner join lift_test_measures as m on m.test_idx = b.test_idx
        )
        select
            experiment_id,
            channel,
            campaign,
            start_date,
            end_date,
            method,
            conversion_type,
            measured as incremental_conversions,
            measured_low as incremental_conversions_low,
            measured_high as incremental_conversions_high,
            case when not isnan(measured_revenue_usd) then round(measured_revenue_usd / usd_rate, 0) end
                as incremental_revenue,
            case when not isnan(measured_revenue_usd) then round(measured_revenue_low_usd / usd_rate, 0) end
                as incremental_revenue_low,
            case when not isnan(measured_revenue_usd) then round(measured_revenue_high_usd / usd_rate, 0) end
                as incremental_revenue_high,
            case when not isnan(measured_revenue_usd) then currency end as currency,
            interval_level,
            test_idx::bigint as _rid,
            0 as _copy,
            false as _claimed,
            null::varchar as _dirt,
            null::varchar as _reason
        from joined
        order by test_idx;

        create or replace table truth_lift_tests as
        select
            b.experiment_id,
            b.channel,
            b.campaign,
            b.method,
            b.conversion_type,
            cast(b.start_date as date) as start_date,
            cast(b.end_date as date) as end_date,
            b.conversions_in_scope::bigint as conversions_in_scope,
            b.true_incremental_conversions::bigint as true_incremental_conversions,
            round(b.true_incremental_revenue_usd, 2) as true_incremental_revenue_usd,
            m.standard_error,
            b.interval_level::double as interval_level
        from truth_lift_tests_base as b
        inner join lift_test_measures as m on m.test_idx = b.test_idx
        order by b.experiment_id;

        drop table lift_test_measures;
        drop table lift_test_specs;
        drop table truth_lift_tests_base;
    """)
