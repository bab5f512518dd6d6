"""The semantic layer (MetricFlow), checked against the marts of the suite's demo warehouse.

`mf validate-configs` and `mf query` run as a user runs them - in a dbt
project directory with a parsed `target/semantic_manifest.json` - on the built
DuckDB file opened read-only (the project's profile with
MTA_DUCKDB_ACCESS_MODE=read_only). `mf` reads target/semantic_manifest.json
of the project directory whatever DBT_TARGET_PATH says, so the project
directory is a temporary one whose dbt_project.yml, profiles.yml, models/,
macros/, seeds/, tests/ and analyses/ are links to this repository: nothing
lands in the repo's target/.

Every metric's value is compared with an independent aggregation of the
marts: spend with sum(fct_ad_spend.spend) - by channel, campaign, platform,
day, week and month, which is where a spend repeated per attribution row
would show (the 7x bug); attributed conversions and revenue, ROAS, CPA, EPC
and conversion rate with rpt_channel_performance row by row (day x channel
x campaign, one model, the primary conversion types) and with
fct_attribution_credits; platform claims and over-claim ratios with
rpt_platform_claims_vs_reality; click, touch, conversion and person counts
with their facts.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based", "markov", "shapley"]
PER_MODEL_FAMILIES = [
    "attributed_conversions",
    "attributed_revenue",
    "roas",
    "cpa",
    "epc",
    "conversion_rate",
    "platform_attributed_conversions",
    "over_claim_ratio",
]
# measures that are meaningful within one attribution model only
PER_MODEL_MEASURES = {"attributed_conversions", "attributed_revenue", "platform_attributed_conversions"}
PROJECT_LINKS = ["dbt_project.yml", "profiles.yml", "selectors.yml", "models", "macros", "seeds", "tests", "analyses"]


def close(actual, expected, rel=1e-9, abs_tol=1e-6) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(float(actual), float(expected), rel_tol=rel, abs_tol=abs_tol)


def ratio(numerator, denominator):
    # money is decimal in the marts, ratios are floats
    return None if not denominator else float(numerator) / float(denominator)


def per_model(family: str) -> list[str]:
    return [f"{family}_{model}" for model in MODELS]


class SemanticLayer:
    """`mf` against one built warehouse, from a temporary dbt project directory."""

    def __init__(self, project: Path, db_path: Path):
        self.project = project
        self.env = dict(os.environ)
        self.env.update(
            {
                "DBT_PROJECT_DIR": str(project),
                "DBT_PROFILES_DIR": str(project),
                "DBT_DUCKDB_PATH": str(db_path),
                "DBT_TARGET_PATH": str(project / "target"),
                "DBT_LOG_PATH": str(project / "logs"),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                "MTA_DUCKDB_ACCESS_MODE": "read_only",  # the suite's warehouse is only ever read
            }
        )
        self.queries = 0

    def run(self, tool: str, args: list[str]) -> subprocess.CompletedProcess:
        exe = Path(sys.executable).with_name(tool)
        return subprocess.run(
            [str(exe) if exe.exists() else tool, *args],
            check=False,
            env=self.env,
            cwd=self.project,
            capture_output=True,
            text=True,
        )

    def manifest(self) -> dict:
        return json.loads((self.project / "target" / "semantic_manifest.json").read_text())

    def query(
        self, metrics: list[str], group_by: list[str] = (), start: str | None = None, end: str | None = None
    ) -> list[dict]:
        """Rows of `mf query`, numbers as floats, empty cells as None."""
        out = self.project / f"query_{self.queries}.csv"
        self.queries += 1
        args = ["query", "--metrics", ",".join(metrics), "--csv", str(out), "--quiet"]
        if group_by:
            args += ["--group-by", ",".join(group_by)]
        if start:
            args += ["--start-time", start]
        if end:
            args += ["--end-time", end]
        proc = self.run("mf", args)
        assert proc.returncode == 0 and out.exists(), (
            f"mf {' '.join(args)} failed:\n{proc.stdout[-5000:]}\n{proc.stderr[-3000:]}"
        )
        with out.open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for name in metrics:
                row[name] = float(row[name]) if row[name] not in ("", None) else None
        return rows


@pytest.fixture(scope="module")
def mf(built_warehouse, tmp_path_factory) -> SemanticLayer:
    mf_cli = Path(sys.executable).with_name("mf")
    assert mf_cli.exists() or shutil.which("mf"), (
        "MetricFlow's `mf` is missing: pip install dbt-metricflow (requirements.txt)"
    )
    project = tmp_path_factory.mktemp("semantic_project")
    for name in PROJECT_LINKS:
        if (PROJECT_DIR / name).exists():
            (project / name).symlink_to(PROJECT_DIR / name)
    layer = SemanticLayer(project, Path(built_warehouse))
    proc = layer.run("dbt", ["parse", "--project-dir", str(project)])
    assert proc.returncode == 0, f"dbt parse failed:\n{proc.stdout[-5000:]}\n{proc.stderr[-3000:]}"
    return layer


@pytest.fixture(scope="module")
def primary_types(db) -> tuple[str, ...]:
    types = tuple(
        sorted(
            r[0]
            for r in db.execute(
                "select distinct conversion_type from marts.rpt_channel_performance where is_primary_conversion_type"
            ).fetchall()
        )
    )
    assert types, "the demo warehouse has no primary conversion type"
    return types


# ---------------------------------------------------------------------------------------------
# definitions
# ---------------------------------------------------------------------------------------------


def test_validate_configs_passes_against_the_warehouse(mf):
    proc = mf.run("mf", ["validate-configs"])
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-5000:]
    # the semantic checks and the data-warehouse checks (every dimension, entity, measure and metric queried)
    assert output.count("ERRORS: 0, FUTURE_ERRORS: 0, WARNINGS: 0") >= 6, output[-5000:]


def test_every_model_has_every_metric_and_no_metric_mixes_models(mf):
    manifest = mf.manifest()
    metrics = {m["name"]: m for m in manifest["metrics"]}
    for family in PER_MODEL_FAMILIES:
        for name in per_model(family):
            assert name in metrics, f"missing metric {name}"
    # a measure that adds up within one model only is never read without its model's filter
    for metric in metrics.values():
        measure = metric["type_params"].get("measure") or {}
        if measure.get("name") not in PER_MODEL_MEASURES:
            continue
        filters = [
            *(metric.get("filter") or {}).get("where_filters", []),
            *(measure.get("filter") or {}).get("where_filters", []),
        ]
        where = " ".join(f["where_sql_template"] for f in filters)
        named = [model for model in MODELS if f"attribution_model') }}}} = '{model}'" in where]
        own = [model for model in MODELS if metric["name"].endswith(f"_{model}")]
        assert len(own) == 1 and named == own, (
            f"{metric['name']} reads {measure['name']} without exactly its own attribution model's filter: {where!r}"
        )
        if measure["name"] != "platform_attributed_conversions":
            assert "is_primary_conversion_type') }}" in where, f"{metric['name']} adds conversion types together"
    # spend is read from fct_ad_spend, nowhere else
    spend_models = [
        sm["node_relation"]["alias"]
        for sm in manifest["semantic_models"]
        if any(ms["name"] == "spend" for ms in sm["measures"])
    ]
    assert spend_models == ["fct_ad_spend"]


def test_every_metric_is_checked_here(mf):
    defined = {m["name"] for m in mf.manifest()["metrics"]}
    assert defined == CHECKED_METRICS, (
        f"metrics without a check in this file: {sorted(defined - CHECKED_METRICS)}; "
        f"checked but not defined: {sorted(CHECKED_METRICS - defined)}"
    )


# ---------------------------------------------------------------------------------------------
# spend at its own grain (the 7x bug)
# ---------------------------------------------------------------------------------------------

SPEND_METRICS = [
    "spend",
    "platform_clicks",
    "impressions",
    "platform_claimed_conversions",
    "platform_claimed_conversion_value",
]
SPEND_COLUMNS = "sum(spend), sum(clicks), sum(impressions), sum(platform_conversions), sum(platform_conversion_value)"


@pytest.mark.parametrize(
    "group_by, columns",
    [
        ([], []),
        (["channel"], ["channel"]),
        (["channel", "campaign"], ["channel", "campaign"]),
        (["platform"], ["source"]),
        (["metric_time__day"], ["spend_date"]),
        (["metric_time__week"], ["date_trunc('week', spend_date)"]),
        (["metric_time__month", "channel"], ["date_trunc('month', spend_date)", "channel"]),
        (["ad_spend__platform_name", "ad_spend__campaign_id"], ["platform", "campaign_id"]),
    ],
)
def test_spend_metrics_equal_fct_ad_spend_however_sliced(mf, db, group_by, columns):
    select = ", ".join([f"cast({c} as varchar)" for c in columns] + [SPEND_COLUMNS])
    grouping = f"group by {', '.join(str(i + 1) for i in range(len(columns)))}" if columns else ""
    expected = {
        tuple(str(v)[:10] if "date" in c else v for v, c in zip(r[: len(columns)], columns)): r[len(columns) :]
        for r in db.execute(f"select {select} from marts.fct_ad_spend {grouping}").fetchall()
    }
    rows = mf.query(SPEND_METRICS, group_by)
    actual = {
        tuple((row[g] or None) if not g.startswith("metric_time") else row[g][:10] for g in group_by): [
            row[m] for m in SPEND_METRICS
        ]
        for row in rows
    }
    assert set(actual) == set(expected)
    for key, values in expected.items():
        for name, got, want in zip(SPEND_METRICS, actual[key], values):
            assert close(got, float(want or 0)), (group_by, key, name, got, want)


def test_the_spend_trap_is_real_in_this_data(db):
    """The same sum over rpt_channel_performance, where spend repeats per model and type, is many times too big."""
    real, repeated = db.execute(
        "select (select sum(spend)::double from marts.fct_ad_spend), (select sum(spend)::double from marts.rpt_channel_performance)"
    ).fetchone()
    assert real > 0 and repeated >= 7 * real - 1e-6


# ---------------------------------------------------------------------------------------------
# attribution metrics against rpt_channel_performance, row by row
# ---------------------------------------------------------------------------------------------

PERFORMANCE_FAMILIES = ["attributed_conversions", "attributed_revenue", "roas", "cpa", "epc", "conversion_rate"]


def test_attribution_metrics_equal_channel_performance_per_day_channel_and_campaign(mf, db, primary_types):
    assert len(primary_types) == 1, "rpt_channel_performance keeps primary types apart; the demo has one"
    metrics = ["spend", "platform_clicks"] + [f"{f}_{m}" for m in MODELS for f in PERFORMANCE_FAMILIES]
    rows = mf.query(metrics, ["metric_time__day", "channel", "campaign"])
    actual = {(row["metric_time__day"][:10], row["channel"], row["campaign"]): row for row in rows}
    mart = db.execute(
        """
        select cast(report_date as varchar), channel, campaign, attribution_model, spend, clicks,
               attributed_conversions, attributed_revenue, roas, cpa, epc, conversion_rate
        from marts.rpt_channel_performance
        where conversion_type = ?
        """,
        [primary_types[0]],
    ).fetchall()
    assert {r[3] for r in mart} == set(MODELS)
    checked = 0
    for day, channel, campaign, model, spend, clicks, conversions, revenue, roas, cpa, epc, rate in mart:
        row = actual.get((day, channel, campaign))
        if row is None:
            # a key the mart has for its touches only: nothing to spend or credit
            assert spend == 0 and conversions == 0 and revenue == 0, (day, channel, campaign, model)
            continue
        expected = {
            "spend": spend,
            "platform_clicks": clicks,
            f"attributed_conversions_{model}": conversions,
            f"attributed_revenue_{model}": revenue,
            f"roas_{model}": roas,
            f"cpa_{model}": cpa,
            f"epc_{model}": epc,
            f"conversion_rate_{model}": rate,
        }
        for name, want in expected.items():
            assert close(row[name], want), (day, channel, campaign, name, row[name], want)
        checked += 1
    assert checked > 100
    # and no semantic row is missing from the mart
    mart_keys = {(r[0], r[1], r[2]) for r in mart}
    assert set(actual) <= mart_keys, sorted(set(actual) - mart_keys)[:5]


def test_attribution_totals_equal_fct_attribution_credits(mf, db, primary_types):
    metrics = per_model("attributed_conversions") + per_model("attributed_revenue") + ["spend", "platform_clicks"]
    (row,) = mf.query(metrics)
    placeholders = ", ".join("?" for _ in primary_types)
    credits = {
        m: (c, r)
        for m, c, r in db.execute(
            f"""
        select attribution_model, sum(credit), sum(attributed_revenue)
        from marts.fct_attribution_credits
        where conversion_type in ({placeholders})
        group by 1
        """,
            list(primary_types),
        ).fetchall()
    }
    observed_count, observed_revenue = db.execute(
        f"""
        select count(*), sum(revenue) from marts.fct_conversions
        where revenue_basis = 'observed' and conversion_type in ({placeholders})
        """,
        list(primary_types),
    ).fetchone()
    spend, clicks = db.execute("select sum(spend), sum(clicks) from marts.fct_ad_spend").fetchone()
    for model in MODELS:
        assert close(row[f"attributed_conversions_{model}"], credits[model][0]), model
        assert close(row[f"attributed_revenue_{model}"], credits[model][1]), model
        # each model credits every observed primary conversion exactly once
        assert close(row[f"attributed_conversions_{model}"], observed_count), model
        assert close(row[f"attributed_revenue_{model}"], float(observed_revenue), abs_tol=0.005), model
    assert close(row["spend"], spend) and close(row["platform_clicks"], clicks)


def test_ratios_are_ratios_of_sums_per_channel(mf, db, primary_types):
    """ROAS, CPA, EPC and conversion rate of a channel: the channel's sums, divided - never an average of rows."""
    metrics = ["spend"] + [f"{f}_{m}" for m in ("linear", "markov") for f in PERFORMANCE_FAMILIES]
    rows = {row["channel"]: row for row in mf.query(metrics, ["channel"])}
    spend = dict(db.execute("select channel, sum(spend) from marts.fct_ad_spend group by 1").fetchall())
    clicks = dict(db.execute("select channel, sum(clicks) from marts.fct_ad_spend group by 1").fetchall())
    placeholders = ", ".join("?" for _ in primary_types)
    credits = defaultdict(lambda: (0.0, 0.0))
    for model, channel, conversions, revenue in db.execute(
        f"""
        select attribution_model, channel, sum(credit), sum(attributed_revenue)
        from marts.fct_attribution_credits where conversion_type in ({placeholders}) group by 1, 2
        """,
        list(primary_types),
    ).fetchall():
        credits[(model, channel)] = (conversions, revenue)
    assert set(rows) == set(spend) | {c for _, c in credits}
    for channel, row in rows.items():
        for model in ("linear", "markov"):
            conversions, revenue = credits[(model, channel)]
            assert close(row[f"attributed_conversions_{model}"], conversions), (channel, model)
            assert close(row[f"attributed_revenue_{model}"], revenue), (channel, model)
            assert close(row[f"roas_{model}"], ratio(revenue, spend.get(channel))), (channel, model)
            assert close(row[f"cpa_{model}"], ratio(spend.get(channel, 0), conversions)), (channel, model)
            assert close(row[f"epc_{model}"], ratio(revenue, clicks.get(channel))), (channel, model)
            assert close(row[f"conversion_rate_{model}"], ratio(conversions, clicks.get(channel))), (channel, model)


def test_the_budget_query_of_the_last_28_days_equals_the_intervals_point_estimates(mf, db, primary_types):
    """The README's budget question: ROAS and CPA per campaign over rpt_attribution_intervals' window."""
    model = "time_decay"
    window_start, window_end = db.execute(
        "select min(window_start), max(window_end) from marts.rpt_attribution_intervals"
    ).fetchone()
    rows = mf.query(
        ["spend", f"attributed_conversions_{model}", f"attributed_revenue_{model}", f"roas_{model}", f"cpa_{model}"],
        ["channel", "campaign"],
        start=str(window_start),
        end=str(window_end),
    )
    actual = {(row["channel"], row["campaign"]): row for row in rows}
    intervals = db.execute(
        """
        select channel, campaign, spend, attributed_conversions, attributed_revenue, roas
        from marts.rpt_attribution_intervals
        where attribution_model = ? and conversion_type = ? and interval_grain = 'campaign'
        """,
        [model, primary_types[0]],
    ).fetchall()
    assert len(intervals) > 5
    for channel, campaign, spend, conversions, revenue, roas in intervals:
        row = actual[(channel, campaign)]
        assert close(row["spend"], spend), (channel, campaign)
        assert close(row[f"attributed_conversions_{model}"], conversions), (channel, campaign)
        assert close(row[f"attributed_revenue_{model}"], revenue), (channel, campaign)
        assert close(row[f"roas_{model}"], roas), (channel, campaign)
        assert close(row[f"cpa_{model}"], ratio(spend, conversions)), (channel, campaign)


# ---------------------------------------------------------------------------------------------
# the touch's and the conversion's dimensions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dimension, column",
    [
        ("touchpoint__ad_group", "ad_group"),
        ("touchpoint__creative", "creative"),
        ("touchpoint__placement", "placement"),
        ("touchpoint__device_type", "device_type"),
        ("touchpoint__country", "country"),
    ],
)
def test_attributed_metrics_by_the_touch_dimensions(mf, db, primary_types, dimension, column):
    rows = mf.query(["attributed_conversions_position_based", "attributed_revenue_shapley"], [dimension])
    actual = {row[dimension] or None: row for row in rows}
    placeholders = ", ".join("?" for _ in primary_types)
    expected = db.execute(
        f"""
        select
            touchpoints.{column},
            sum(case when credits.attribution_model = 'position_based' then credits.credit else 0 end),
            sum(case when credits.attribution_model = 'shapley' then credits.attributed_revenue else 0 end)
        from marts.fct_attribution_credits as credits
        inner join marts.fct_touchpoints as touchpoints on credits.touchpoint_id = touchpoints.touchpoint_id
        where credits.conversion_type in ({placeholders})
        group by 1
        """,
        list(primary_types),
    ).fetchall()
    assert len(expected) > 1
    assert set(actual) == {r[0] for r in expected}
    for value, conversions, revenue in expected:
        assert close(actual[value]["attributed_conversions_position_based"], conversions), (value,)
        assert close(actual[value]["attributed_revenue_shapley"], revenue), (value,)


def test_attributed_metrics_by_conversion_type_and_collector(mf, db, primary_types):
    rows = mf.query(
        ["attributed_conversions_first_touch"], ["attribution_credit__conversion_type", "conversion__collector"]
    )
    actual = {
        (row["attribution_credit__conversion_type"], row["conversion__collector"]): row[
            "attributed_conversions_first_touch"
        ]
        for row in rows
    }
    expected = {
        (t, c): v
        for t, c, v in db.execute(
            """
        select credits.conversion_type, conversions.collector, sum(credits.credit)
        from marts.fct_attribution_credits as credits
        inner join marts.fct_conversions as conversions on credits.conversion_id = conversions.conversion_id
        where credits.attribution_model = 'first_touch'
        group by 1, 2
        """
        ).fetchall()
        if t in primary_types
    }
    assert actual.keys() == expected.keys()
    assert all(close(actual[k], v) for k, v in expected.items())


# ---------------------------------------------------------------------------------------------
# platform claims against rpt_platform_claims_vs_reality
# ---------------------------------------------------------------------------------------------


def test_platform_claims_and_over_claim_ratios_equal_the_claims_mart(mf, db):
    metrics = (
        ["platform_claimed_conversions"] + per_model("platform_attributed_conversions") + per_model("over_claim_ratio")
    )
    rows = mf.query(metrics, ["metric_time__week", "platform"])
    actual = {(row["metric_time__week"][:10], row["platform"]): row for row in rows}
    mart = db.execute(
        """
        select cast(week_start as varchar), platform, attribution_model,
               claimed_conversions, attributed_conversions, over_claim_ratio
        from marts.rpt_platform_claims_vs_reality
        """
    ).fetchall()
    assert {r[2] for r in mart} == set(MODELS)
    assert {(r[0], r[1]) for r in mart} == set(actual)
    over_claimed = 0
    for week, platform, model, claimed, attributed, over_claim in mart:
        row = actual[(week, platform)]
        assert close(row["platform_claimed_conversions"], claimed), (week, platform)
        assert close(row[f"platform_attributed_conversions_{model}"], attributed), (week, platform, model)
        assert close(row[f"over_claim_ratio_{model}"], over_claim), (week, platform, model)
        over_claimed += bool(over_claim and over_claim > 1)
    assert over_claimed > 0, "the demo platforms should over-claim somewhere"
    # over all weeks: every platform's claims against the model's deduplicated credit to the platforms
    (total,) = mf.query(
        ["platform_claimed_conversions", "platform_attributed_conversions_linear", "over_claim_ratio_linear"]
    )
    claimed, attributed = db.execute(
        """
        select sum(claimed_conversions), sum(attributed_conversions)
        from marts.rpt_platform_claims_vs_reality where attribution_model = 'linear'
        """
    ).fetchone()
    assert close(total["platform_claimed_conversions"], claimed)
    assert close(total["over_claim_ratio_linear"], claimed / attributed)


# ---------------------------------------------------------------------------------------------
# clicks, touches, conversions, persons
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dimension, column",
    [
        ("ad_click__creative_id", "creative_id"),
        ("ad_click__placement", "placement"),
        ("ad_click__device_type", "device_type"),
        ("ad_click__country", "country"),
        ("metric_time__day", "cast(click_date as varchar)"),
    ],
)
def test_click_metrics_equal_fct_ad_clicks(mf, db, dimension, column):
    rows = mf.query(["ad_clicks", "click_cost", "cost_per_click"], [dimension])
    actual = {
        (row[dimension][:10] if dimension.startswith("metric_time") else row[dimension]) or None: row for row in rows
    }
    expected = db.execute(f"select {column}, count(*), sum(cost) from marts.fct_ad_clicks group by 1").fetchall()
    assert set(actual) == {r[0] for r in expected}
    for value, clicks, cost in expected:
        assert close(actual[value]["ad_clicks"], clicks), value
        assert close(actual[value]["click_cost"], cost), value
        assert close(actual[value]["cost_per_click"], ratio(cost, clicks)), value


def test_touches_conversions_and_persons_equal_their_facts(mf, db):
    touches = {row["channel"]: row["touches"] for row in mf.query(["touches"], ["channel"])}
    assert touches == {
        c: float(n) for c, n in db.execute("select channel, count(*) from marts.fct_touchpoints group by 1").fetchall()
    }
    rows = mf.query(["conversions", "conversion_revenue"], ["conversion__revenue_basis", "conversion__conversion_type"])
    actual = {
        (r["conversion__revenue_basis"], r["conversion__conversion_type"]): (r["conversions"], r["conversion_revenue"])
        for r in rows
    }
    expected = {
        (b, t): (n, float(v or 0))
        for b, t, n, v in db.execute(
            "select revenue_basis, conversion_type, count(*), sum(revenue) from marts.fct_conversions group by 1, 2"
        ).fetchall()
    }
    assert actual.keys() == expected.keys()
    for key, (count, revenue) in expected.items():
        assert close(actual[key][0], count) and close(actual[key][1], revenue, abs_tol=0.005), key
    persons = {
        row["person__first_touch_channel"] or None: row["persons"]
        for row in mf.query(["persons"], ["person__first_touch_channel"])
    }
    assert persons == {
        c: float(n)
        for c, n in db.execute("select first_touch_channel, count(*) from marts.dim_persons group by 1").fetchall()
    }


CHECKED_METRICS = (
    set(SPEND_METRICS)
    | {f"{f}_{m}" for m in MODELS for f in PER_MODEL_FAMILIES}
    | {"ad_clicks", "click_cost", "cost_per_click", "touches", "conversions", "conversion_revenue", "persons"}
)
