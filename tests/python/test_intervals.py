"""Coverage of rpt_attribution_intervals, by simulation against a known truth.

The synthetic world (numpy, seed fixed): R campaigns, each an independent
repetition of the same experiment. A campaign gets N ~ Poisson(100)
conversions; each conversion's path has 1, 2 or 3 touches (equally likely),
one of them the campaign's, the others email; the linear model gives the
campaign 1/n of the conversion; revenue is lognormal with mean 100 and
sigma 0.5 (basket values with a median near 88 and a 95th percentile near
200). So the truth of every campaign is known exactly:
E[attributed conversions] = 100 * E[1/n] = 100 * 11/18, E[attributed revenue]
= that * 100, E[ROAS] = E[revenue] / spend (spend 1,000 per campaign).

The rows go into marts.fct_attribution_credits and marts.fct_ad_spend of a
fresh DuckDB file, and `dbt run --select rpt_attribution_intervals` computes
the intervals with the project's own SQL. The share of campaigns whose 90%
interval holds the truth is the simulated coverage; it must be within two
points of 90%.

Why R = 10,000: the coverage estimate's Monte Carlo standard error is
sqrt(0.9 * 0.1 / 10000) = 0.3 points, so the two-point band is 6.7 standard
errors wide on either side of 90%. The percentile bootstrap itself
undercovers a little for sums of right-skewed values (about 0.5 points for
the conversions and 1 point for the revenue here, measured; more for heavier
tails and smaller samples, see the README), which leaves the test about
three standard errors of room: a correct implementation fails by chance
about once in a thousand runs, while one whose coverage is 86% or 94% (wrong
weights, wrong ranks, a variance off by 20%) fails almost surely.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

import duckdb
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import run_dbt

CAMPAIGNS = 10000
MEAN_CONVERSIONS = 100.0
MEAN_REVENUE = 100.0
SIGMA = 0.5
SPEND = 1000.0
EXPECTED_SHARE = (1 + 1 / 2 + 1 / 3) / 3  # E[1/n], n uniform on {1, 2, 3}
TRUE_CONVERSIONS = MEAN_CONVERSIONS * EXPECTED_SHARE
TRUE_REVENUE = TRUE_CONVERSIONS * MEAN_REVENUE
TRUE_ROAS = TRUE_REVENUE / SPEND


def synthetic_world(seed: int = 20260301):
    rng = np.random.default_rng(seed)
    counts = rng.poisson(MEAN_CONVERSIONS, CAMPAIGNS)
    total = int(counts.sum())
    campaign = np.repeat(np.arange(CAMPAIGNS), counts)
    touches = rng.integers(1, 4, total)
    mu = math.log(MEAN_REVENUE) - SIGMA**2 / 2
    revenue = rng.lognormal(mu, SIGMA, total)
    conversion_ids = [f"cv{i:07d}" for i in range(total)]
    campaigns = [f"c{k:04d}" for k in campaign]
    share = 1.0 / touches
    rows = list(zip(conversion_ids, campaigns, share.tolist(), (share * revenue).tolist()))
    # the other touches of the path: email, sharing the rest of the conversion
    email = [(cid, "(none)", 1.0 - s, (1.0 - s) * r) for cid, s, r in zip(conversion_ids, share, revenue) if s < 1]
    return rows, email


@pytest.fixture(scope="module")
def intervals(tmp_path_factory):
    work = tmp_path_factory.mktemp("intervals")
    db = work / "synthetic.duckdb"
    rows, email = synthetic_world()
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.fct_attribution_credits (conversion_id varchar, touchpoint_id varchar,"
        " attribution_model varchar, credit double, attributed_revenue double, channel varchar, campaign varchar,"
        " touched_at timestamp, converted_at timestamp, conversion_type varchar)"
    )
    csv_path = work / "credits.csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerows((cid, f"{cid}-{c}", s, r, "paid_search", c) for cid, c, s, r in rows)
        writer.writerows((cid, f"{cid}-e", s, r, "email", c) for cid, c, s, r in email)
    con.execute(
        "insert into marts.fct_attribution_credits select column0, column1, 'linear', column2, column3, column4,"
        " column5, timestamp '2026-03-01 10:00:00', timestamp '2026-03-01 12:00:00', 'purchase'"
        f" from read_csv('{csv_path}', header = false, columns = {{'column0': 'varchar', 'column1': 'varchar',"
        " 'column2': 'double', 'column3': 'double', 'column4': 'varchar', 'column5': 'varchar'})"
    )
    con.execute("create table marts.fct_ad_spend (spend_date date, channel varchar, campaign varchar, spend double)")
    con.executemany(
        "insert into marts.fct_ad_spend values (date '2026-03-01', 'paid_search', ?, ?)",
        [(f"c{k:04d}", SPEND) for k in range(CAMPAIGNS)],
    )
    con.close()
    run_dbt(
        ["run", "--select", "rpt_attribution_intervals", "--vars", json.dumps({"mta_uncertainty_window_days": None})],
        db,
        work,
    )
    con = duckdb.connect(str(db), read_only=True)
    result = con.execute(
        """
        select campaign, sample_conversions, attributed_conversions, attributed_conversions_lower,
               attributed_conversions_upper, attributed_revenue, attributed_revenue_lower, attributed_revenue_upper,
               roas, roas_lower, roas_upper, replicates, interval_level
        from marts.rpt_attribution_intervals
        where attribution_model = 'linear' and channel = 'paid_search' and interval_grain = 'campaign'
        """
    ).fetchall()
    con.close()
    return result


def test_synthetic_world_is_what_the_docstring_says():
    rows, _ = synthetic_world()
    shares = np.array([r[2] for r in rows])
    revenue = np.array([r[3] for r in rows]) / shares
    assert abs(len(rows) / CAMPAIGNS - MEAN_CONVERSIONS) < 1.0
    assert abs(shares.mean() - EXPECTED_SHARE) < 0.005
    assert abs(revenue.mean() - MEAN_REVENUE) < 1.0


def test_every_campaign_has_an_interval(intervals):
    assert len(intervals) == CAMPAIGNS
    assert {r[11] for r in intervals} == {200} and {r[12] for r in intervals} == {0.9}
    for row in intervals:
        assert row[3] <= row[2] <= row[4] or row[1] < 10, row
        # ROAS is a ratio of the exact revenue; the revenue column is money, rounded to the cent
        assert row[6] <= row[7] and abs(row[8] * SPEND - float(row[5])) <= 0.005 + 1e-9, row


@pytest.mark.parametrize(
    "measure, columns, truth",
    [
        ("attributed conversions", (3, 4), TRUE_CONVERSIONS),
        ("attributed revenue", (6, 7), TRUE_REVENUE),
        ("ROAS", (9, 10), TRUE_ROAS),
    ],
)
def test_simulated_coverage_is_within_two_points_of_90(intervals, measure, columns, truth):
    lower, upper = columns
    covered = sum(1 for row in intervals if row[lower] <= truth <= row[upper])
    coverage = covered / len(intervals)
    below = sum(1 for row in intervals if truth < row[lower]) / len(intervals)
    above = sum(1 for row in intervals if truth > row[upper]) / len(intervals)
    print(f"\n{measure}: coverage {coverage:.4f} (truth below the interval {below:.4f}, above {above:.4f})")
    assert abs(coverage - 0.90) <= 0.02, f"{measure}: simulated coverage {coverage:.4f}"
    # and neither tail takes all the misses
    assert 0.02 <= below <= 0.08 and 0.02 <= above <= 0.08, (below, above)


# --------------------------------------------------------------------------- the budget analysis on the demo


@pytest.fixture(scope="module")
def budget(built_warehouse, tmp_path_factory):
    """The compiled budget analysis run on a copy of the suite warehouse, with its intervals."""
    from warehouse_tools import connect, copy_warehouse

    work = tmp_path_factory.mktemp("budget")
    db = copy_warehouse(built_warehouse, work)
    run_dbt(["compile", "--select", "where_to_move_the_next_20_percent_of_budget"], db, work)
    sql = (
        work / "target" / "compiled" / "mta" / "analyses" / "where_to_move_the_next_20_percent_of_budget.sql"
    ).read_text(encoding="utf-8")
    con = connect(db)
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    (campaigns,) = con.execute(
        "select count(*) from marts.rpt_attribution_intervals where attribution_model = 'time_decay'"
        " and is_headline and interval_grain = 'campaign' and spend > 0"
    ).fetchone()
    con.close()
    return rows, campaigns


def test_budget_analysis_recommends_only_where_the_interval_supports_it(budget):
    rows, campaigns = budget
    assert rows and len(rows) == campaigns
    min_sample = 10
    roles = {row["budget_role"] for row in rows}
    assert roles <= {"cut", "increase", "hold"}
    for row in rows:
        portfolio = row["portfolio_roas"]
        assert row["reason"], row
        if row["budget_role"] == "increase":
            assert row["roas_lower"] > portfolio and row["sample_conversions"] >= min_sample, row
        elif row["budget_role"] == "cut":
            assert row["roas_upper"] < portfolio and row["budget_change"] < 0, row
        else:
            assert row["budget_change"] == 0, row
            assert not (row["roas_lower"] > portfolio and row["sample_conversions"] >= min_sample), row
    moved_out = -sum(row["budget_change"] for row in rows if row["budget_change"] < 0)
    moved_in = sum(row["budget_change"] for row in rows if row["budget_change"] > 0)
    assert moved_out <= 0.2 * float(sum(row["spend"] for row in rows)) + 1e-9
    if moved_in > 0:
        assert math.isclose(moved_in, moved_out, rel_tol=1e-9)
    # every hold says why in words a media buyer reads
    holds = [row["reason"] for row in rows if row["budget_role"] == "hold"]
    assert all(
        any(word in reason for word in ("includes the portfolio", "too little", "only", "one conversion"))
        for reason in holds
    ), holds
