"""The media buyer's grain and conversion types, checked on the suite's demo warehouse.

- No mart that reports CPA or ROAS adds conversion types together: each has a
  conversion_type column, and its conversions per type equal the credits of
  that type in fct_attribution_credits.
- fct_ad_clicks' costs, recomputed here from the click log and ad spend (the
  rule: the click's own cost, else the campaign-day spend less the reported
  costs spread over the unpriced clicks).
- rpt_ad_performance and rpt_ad_performance_by_slice reconcile to fct_ad_spend
  (cost, to the cent) and to fct_attribution_credits (conversions to 1e-6,
  revenue to the cent) under every model and conversion type.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pytest

MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based", "markov", "shapley"]


def primary_types(db) -> set[str]:
    return {
        r[0]
        for r in db.execute(
            "select distinct conversion_type from marts.rpt_channel_performance where is_primary_conversion_type"
        ).fetchall()
    }


def test_no_mart_adds_conversion_types_into_one_cpa_or_roas(db):
    relations = db.execute(
        """
        select table_name, list(column_name)
        from information_schema.columns
        where table_schema = 'marts'
        group by table_name
        """
    ).fetchall()
    with_ratios = {name: set(cols) for name, cols in relations if {"roas", "cpa"} & set(cols)}
    assert "rpt_channel_performance" in with_ratios and "rpt_ad_performance" in with_ratios
    missing = sorted(name for name, cols in with_ratios.items() if "conversion_type" not in cols)
    assert not missing, f"marts with CPA/ROAS but no conversion_type: {missing}"
    assert primary_types(db) == {"purchase"}


def test_channel_performance_conversions_per_type_equal_credits(db):
    expected = {
        (m, t): v
        for m, t, v in db.execute(
            "select attribution_model, conversion_type, sum(credit) from marts.fct_attribution_credits group by 1, 2"
        ).fetchall()
    }
    actual = {
        (m, t): v
        for m, t, v in db.execute(
            "select attribution_model, conversion_type, sum(attributed_conversions) from marts.rpt_channel_performance "
            "group by 1, 2 having sum(attributed_conversions) <> 0"
        ).fetchall()
    }
    assert len({t for _, t in expected}) > 3, "the demo should have several conversion types"
    assert set(actual) == set(expected)
    for key, value in expected.items():
        assert math.isclose(actual[key], value, abs_tol=1e-6), key
    # a CPA row is that type's conversions against the key's spend, never the sum of types
    rows = db.execute(
        "select spend, attributed_conversions, cpa from marts.rpt_channel_performance "
        "where attributed_conversions > 0 and spend > 0"
    ).fetchall()
    assert rows and all(
        math.isclose(cpa, float(spend) / conversions, rel_tol=1e-12) for spend, conversions, cpa in rows
    )


def test_click_costs_match_python(db):
    clicks = db.execute(
        "select k.click_id, k.source, k.campaign_id, cast(k.clicked_at as date), k.cost, f.cost, f.cost_basis "
        "from staging.stg_ads__clicks as k inner join marts.fct_ad_clicks as f on k.click_id = f.click_id"
    ).fetchall()
    (staged,) = db.execute("select count(*) from staging.stg_ads__clicks").fetchone()
    assert len(clicks) == staged
    spend = defaultdict(float)
    has_spend = set()
    for source, campaign_id, spend_date, amount in db.execute(
        "select source, campaign_id, spend_date, spend from marts.fct_ad_spend"
    ).fetchall():
        spend[(source, campaign_id, spend_date)] += float(amount)
        has_spend.add((source, campaign_id, spend_date))
    reported = defaultdict(float)
    unpriced = defaultdict(int)
    for _, source, campaign_id, day, cost, _, _ in clicks:  # mta_account_time_zone is UTC in the suite
        if cost is None:
            unpriced[(source, campaign_id, day)] += 1
        else:
            reported[(source, campaign_id, day)] += cost
    bases = defaultdict(int)
    for click_id, source, campaign_id, day, cost, actual, basis in clicks:
        key = (source, campaign_id, day)
        if cost is not None:
            expected, expected_basis = cost, "reported"
        elif key in has_spend:
            expected, expected_basis = max(spend[key] - reported[key], 0.0) / unpriced[key], "spread"
        else:
            expected, expected_basis = 0.0, "no_spend"
        assert basis == expected_basis, click_id
        # money: the exact cost rounded to the cent
        assert abs(float(actual) - expected) <= 0.005 + 1e-9, (click_id, actual, expected)
        bases[basis] += 1
    assert bases["reported"] and bases["spread"], bases


@pytest.fixture(scope="module")
def click_credits(db):
    """(model, conversion_type) -> (conversions, revenue) of the credits given to ad-click touches."""
    return {
        (r[0], r[1]): (r[2], r[3])
        for r in db.execute(
            """
        select c.attribution_model, c.conversion_type, sum(c.credit), sum(c.attributed_revenue)
        from marts.fct_attribution_credits as c
        inner join marts.fct_touchpoints as t on c.touchpoint_id = t.touchpoint_id
        inner join staging.stg_ads__clicks as k on t.click_id = k.click_id
        where t.touch_type = 'ad_click'
        group by 1, 2
        """
        ).fetchall()
    }


@pytest.mark.parametrize("relation", ["rpt_ad_performance", "rpt_ad_performance_by_slice"])
def test_ad_reports_reconcile_to_spend_and_credits(db, click_credits, relation):
    (total_spend,) = db.execute("select sum(spend) from marts.fct_ad_spend").fetchone()
    (total_click_cost, total_clicks) = db.execute("select sum(cost), count(*) from marts.fct_ad_clicks").fetchone()
    dimensions = ["slice_dimension"] if relation.endswith("by_slice") else []
    group = ", ".join(dimensions + ["attribution_model", "conversion_type"])
    rows = db.execute(
        f"select {group}, bool_or(is_primary_conversion_type), sum(clicks), sum(cost), "
        f"sum(attributed_conversions), sum(attributed_revenue) from marts.{relation} group by {group}"
    ).fetchall()
    seen = set()
    for row in rows:
        *keys, is_primary, clicks, cost, conversions, revenue = row
        model, conversion_type = keys[-2], keys[-1]
        seen.add((model, conversion_type))
        expected_conversions, expected_revenue = click_credits.get((model, conversion_type), (0.0, 0.0))
        assert math.isclose(conversions, expected_conversions, abs_tol=1e-6), keys
        assert abs(revenue - expected_revenue) <= 0.005, keys
        if is_primary:
            assert clicks == total_clicks, keys
            # the ad report carries all spend; a slice carries the clicks' cost
            expected_cost = total_click_cost if dimensions else total_spend
            assert abs(cost - expected_cost) <= 0.005, (keys, cost, expected_cost)
    assert {key for key, value in click_credits.items() if value[0] > 0} <= seen
    assert {m for m, _ in seen} == set(MODELS)


def test_click_fact_reconciles_to_credits(db, click_credits):
    columns = ", ".join(f"sum({m}_conversions), sum({m}_revenue)" for m in MODELS)
    totals = db.execute(f"select {columns} from marts.fct_ad_clicks").fetchone()
    primary = primary_types(db)
    for i, model in enumerate(MODELS):
        conversions = math.fsum(v[0] for (m, t), v in click_credits.items() if m == model and t in primary)
        revenue = math.fsum(v[1] for (m, t), v in click_credits.items() if m == model and t in primary)
        assert math.isclose(totals[2 * i], conversions, abs_tol=1e-6), model
        assert abs(float(totals[2 * i + 1]) - revenue) <= 0.005, (model, totals[2 * i + 1], revenue)


def test_ad_report_ratios(db):
    rows = db.execute(
        "select clicks, cost, attributed_conversions, attributed_revenue, epc, cpa, roas, conversion_rate "
        "from marts.rpt_ad_performance where attributed_conversions > 0 and clicks > 0 and cost > 0"
    ).fetchall()
    assert rows
    for clicks, cost, conversions, revenue, epc, cpa, roas, rate in rows:
        assert math.isclose(epc, float(revenue) / clicks, rel_tol=1e-12)
        assert math.isclose(cpa, float(cost) / conversions, rel_tol=1e-12)
        assert math.isclose(roas, revenue / cost, rel_tol=1e-12)
        assert math.isclose(rate, conversions / clicks, rel_tol=1e-12)
