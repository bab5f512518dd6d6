"""Rule-based attribution checked against an independent Python implementation.

The paths are re-derived here from fct_touchpoints and fct_conversions (the
journey rules of attribution-semantics.md: per-channel lookback from the seed,
T - lookback <= touched_at <= T, oldest first with ties by touchpoint_id,
direct dropped from mixed paths, optional cap on the last N touches), the five
rule-based models are computed in plain Python, and the results are compared
with fct_attribution_credits and the per-model marts to 1e-9. The path
transforms (`exposure`, `unique`) are checked the same way on a copy of the
warehouse rebuilt with var mta_path_transform.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference_attribution as ref
from conftest import run_dbt
from warehouse_tools import connect, copy_warehouse

PROJECT_DIR = Path(__file__).resolve().parents[2]
RULE_BASED_MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based"]
TOLERANCE = 1e-9


def project_vars() -> dict:
    with open(PROJECT_DIR / "dbt_project.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)["vars"]


def campaign_key(name: str | None) -> str:
    """The slug the marts join spend and touches on (macro campaign_key)."""
    slug = re.sub(r"[^a-z0-9]+", "_", (name or "").lower()).strip("_")
    return slug or "(none)"


# --- the five models, written from the spec ------------------------------------


def rule_based_credits(touch_times: list, converted_at, vars_: dict) -> dict[str, list[float]]:
    """Credits of each model for a path (touch times oldest first) converting at converted_at."""
    n = len(touch_times)
    half_life_seconds = float(vars_["mta_time_decay_half_life_days"]) * 86400.0
    first_weight = float(vars_["mta_position_based_first_weight"])
    last_weight = float(vars_["mta_position_based_last_weight"])

    decay = [2.0 ** (-(converted_at - t).total_seconds() / half_life_seconds) for t in touch_times]
    decay_total = math.fsum(decay)

    if n == 1:
        position = [1.0]
    elif n == 2:
        position = [0.5, 0.5]
    else:
        middle = (1.0 - first_weight - last_weight) / (n - 2)
        position = [first_weight] + [middle] * (n - 2) + [last_weight]

    return {
        "first_touch": [1.0 if i == 0 else 0.0 for i in range(n)],
        "last_touch": [1.0 if i == n - 1 else 0.0 for i in range(n)],
        "linear": [1.0 / n] * n,
        "time_decay": [w / decay_total for w in decay],
        "position_based": position,
    }


def test_python_models_on_hand_examples():
    """The reference implementation itself, on hand-computed paths (h = 7 days)."""
    vars_ = {
        "mta_time_decay_half_life_days": 7,
        "mta_position_based_first_weight": 0.4,
        "mta_position_based_last_weight": 0.4,
    }
    from datetime import datetime

    conversion = datetime(2026, 3, 1, 12)
    times = [conversion - timedelta(days=d) for d in (14, 7, 0)]
    credits = rule_based_credits(times, conversion, vars_)
    assert credits["time_decay"] == pytest.approx([1 / 7, 2 / 7, 4 / 7], abs=1e-15)
    assert credits["position_based"] == pytest.approx([0.4, 0.2, 0.4], abs=1e-15)
    times5 = [conversion - timedelta(days=d) for d in (28, 21, 14, 7, 0)]
    credits5 = rule_based_credits(times5, conversion, vars_)
    assert credits5["position_based"] == pytest.approx([0.4, 1 / 15, 1 / 15, 1 / 15, 0.4], abs=1e-15)
    assert credits5["time_decay"] == pytest.approx([1 / 31, 2 / 31, 4 / 31, 8 / 31, 16 / 31], abs=1e-15)


def transformed_credits(touch_times: list, channels: list, converted_at, vars_: dict, transform: str) -> dict:
    """Credits per model over the whole path: the models run on the kept touches, dropped touches get 0."""
    kept = ref.path_transform_kept(channels, transform)
    kept_credits = rule_based_credits([t for t, k in zip(touch_times, kept) if k], converted_at, vars_)
    out = {}
    for model, values in kept_credits.items():
        remaining = iter(values)
        out[model] = [next(remaining) if k else 0.0 for k in kept]
    return out


def test_path_transforms_on_snowplow_example():
    """Snowplow's example: Direct > Organic_Search > Organic_Search > Direct, 140 of revenue."""
    from datetime import datetime

    vars_ = {
        "mta_time_decay_half_life_days": 7,
        "mta_position_based_first_weight": 0.4,
        "mta_position_based_last_weight": 0.4,
    }
    conversion = datetime(2026, 3, 1, 12)
    channels = ["direct", "organic_search", "organic_search", "direct"]
    times = [conversion - timedelta(days=d) for d in (21, 14, 7, 0)]
    assert ref.path_transform_kept(channels, "exposure") == [True, True, False, True]
    assert ref.path_transform_kept(channels, "unique") == [True, True, False, False]
    assert ref.path_transform_kept(channels, "none") == [True] * 4
    credits = transformed_credits(times, channels, conversion, vars_, "exposure")
    assert [140 * c for c in credits["position_based"]] == pytest.approx([56, 28, 0, 56], abs=1e-12)
    assert [140 * c for c in credits["linear"]] == pytest.approx([140 / 3, 140 / 3, 0, 140 / 3], abs=1e-12)
    assert round(140 * credits["linear"][0], 2) == 46.67


# --- paths re-derived from the core marts -------------------------------------


@pytest.fixture(scope="module")
def vars_() -> dict:
    values = project_vars()
    if values.get("mta_reset_path_after_conversion"):
        pytest.skip("the Python path derivation covers the default mta_reset_path_after_conversion = false")
    return values


@pytest.fixture(scope="module")
def python_paths(db, vars_):
    """conversion_id -> (converted_at, revenue, [touch rows oldest first], conversion_type) for observed conversions."""
    default_lookback = int(vars_["mta_default_lookback_days"])
    # an empty seed value means var mta_default_lookback_days
    lookback = {
        channel: int(days)
        for channel, days in db.execute(
            "select channel, lookback_days from reference.channel_lookback_windows"
        ).fetchall()
        if days is not None
    }
    max_touches = vars_.get("mta_max_path_touches")
    drop_direct = bool(vars_.get("mta_drop_direct_from_mixed_paths", True))

    touches_by_person = defaultdict(list)
    for row in db.execute(
        "select touchpoint_id, person_id, touched_at, channel, campaign from marts.fct_touchpoints "
        "where person_id is not null"
    ).fetchall():
        touches_by_person[row[1]].append(row)

    paths = {}
    for conversion_id, person_id, converted_at, revenue, conversion_type in db.execute(
        "select conversion_id, person_id, converted_at, revenue, conversion_type from marts.fct_conversions "
        "where revenue_basis = 'observed'"
    ).fetchall():
        window = [
            touch
            for touch in touches_by_person.get(person_id, [])
            if converted_at - timedelta(days=lookback.get(touch[3], default_lookback)) <= touch[2] <= converted_at
        ]
        if drop_direct and any(touch[3] != "direct" for touch in window):
            window = [touch for touch in window if touch[3] != "direct"]
        window.sort(key=lambda touch: (touch[2], touch[0]))
        if max_touches:
            window = window[-int(max_touches) :]
        paths[conversion_id] = (converted_at, float(revenue or 0), window, conversion_type)
    return paths


@pytest.fixture(scope="module")
def python_credits(python_paths, vars_):
    """(conversion_id, touchpoint_id, model) -> (credit, attributed revenue, report date, channel, campaign key,
    conversion type)."""
    credits = {}
    for conversion_id, (converted_at, revenue, path, conversion_type) in python_paths.items():
        if not path:
            continue
        per_model = rule_based_credits([touch[2] for touch in path], converted_at, vars_)
        for model, values in per_model.items():
            cents = cents_by_largest_remainder([touch[0] for touch in path], values, revenue)
            for touch, credit, touch_cents in zip(path, values, cents):
                credits[(conversion_id, touch[0], model)] = (
                    credit,
                    touch_cents / 100,
                    converted_at.date(),
                    touch[3],
                    campaign_key(touch[4]),
                    conversion_type,
                )
    return credits


def cents_by_largest_remainder(touchpoint_ids: list[str], credits: list[float], revenue) -> list[int]:
    """A conversion's revenue shared out in whole cents (docs/attribution-semantics.md, money): each touch's
    credit x revenue in cents rounded down, then one more cent for the touches with the largest remainders
    (to six decimals; ties by touchpoint_id) until the cents add up to the revenue's."""
    exact = [round(credit * float(revenue) * 100, 6) for credit in credits]
    cents = [math.floor(value) for value in exact]
    left = round(float(revenue) * 100) - sum(cents)
    order = sorted(range(len(exact)), key=lambda i: (-round(exact[i] - math.floor(exact[i]), 6), touchpoint_ids[i]))
    for i in order[:left]:
        cents[i] += 1
    return cents


def test_cents_by_largest_remainder_by_hand():
    # 10.00 in three equal shares: 333.33... cents each, one cent left, to the smallest id on a tie
    assert cents_by_largest_remainder(["b", "a", "c"], [1 / 3] * 3, 10) == [333, 334, 333]
    # 0.05 at 40/40/20: 2, 2 and 1 cent exactly, nothing left over
    assert cents_by_largest_remainder(["a", "b", "c"], [0.4, 0.4, 0.2], 0.05) == [2, 2, 1]
    # 1.00 at 0.555/0.445: 55.5 and 44.5 cents, the tie on .5 goes to the smaller id
    assert cents_by_largest_remainder(["x", "y"], [0.555, 0.445], 1) == [56, 44]


@pytest.fixture(scope="module")
def warehouse_credits(db):
    return {
        (conversion_id, touchpoint_id, model): credit
        for conversion_id, touchpoint_id, model, credit in db.execute(
            "select conversion_id, touchpoint_id, attribution_model, credit from marts.fct_attribution_credits "
            "where attribution_model in ('first_touch', 'last_touch', 'linear', 'time_decay', 'position_based')"
        ).fetchall()
    }


def test_every_observed_conversion_has_a_path(python_paths):
    assert python_paths, "no observed conversions in the warehouse"
    empty = [conversion_id for conversion_id, (_, _, path, _) in python_paths.items() if not path]
    assert not empty, f"{len(empty)} observed conversions have no touch in their lookback window, e.g. {empty[:5]}"


def test_paths_match_warehouse(python_paths, db):
    """Same touches, same order as int_conversion_paths."""
    warehouse = defaultdict(list)
    for conversion_id, touchpoint_id, position in db.execute(
        "select conversion_id, touchpoint_id, touch_position from intermediate.int_conversion_paths"
    ).fetchall():
        warehouse[conversion_id].append((position, touchpoint_id))
    expected = {cid: [touch[0] for touch in path] for cid, (_, _, path, _) in python_paths.items() if path}
    actual = {cid: [tid for _, tid in sorted(rows)] for cid, rows in warehouse.items()}
    assert set(actual) == set(expected)
    mismatched = [cid for cid in expected if expected[cid] != actual[cid]]
    assert not mismatched, (
        f"{len(mismatched)} paths differ, e.g. {mismatched[0]}: "
        f"python {expected[mismatched[0]]} vs warehouse {actual[mismatched[0]]}"
    )


def test_credits_match_python(python_credits, warehouse_credits):
    assert python_credits
    assert set(warehouse_credits) == set(python_credits)
    worst = max(abs(warehouse_credits[key] - value[0]) for key, value in python_credits.items())
    assert worst <= TOLERANCE, f"largest credit difference {worst}"


def test_credits_sum_to_one_and_revenue_is_conserved(python_paths, db):
    observed_revenue = math.fsum(revenue for _, revenue, path, _ in python_paths.values() if path)
    rows = db.execute(
        "select attribution_model, count(distinct conversion_id), sum(credit), sum(attributed_revenue) "
        "from marts.fct_attribution_credits group by 1"
    ).fetchall()
    models = {row[0] for row in rows}
    assert set(RULE_BASED_MODELS) <= models
    for model, conversions, credit_total, revenue_total in rows:
        assert conversions == len(python_paths)
        assert abs(credit_total - len(python_paths)) <= 1e-6, model
        # whole cents shared out per conversion add up to the revenue exactly
        assert abs(float(revenue_total or 0) - observed_revenue) <= 1e-6, model


@pytest.mark.parametrize("model", RULE_BASED_MODELS)
def test_model_mart_matches_python(model, python_credits, db):
    """rpt_attribution_<model>: conversions and revenue per day x channel x campaign x conversion type, to 1e-9
    (each conversion type apart: a key's purchases are never added to its leads)."""
    expected_conversions = defaultdict(float)
    expected_revenue = defaultdict(float)
    for (_, _, credit_model), (
        credit,
        revenue,
        report_date,
        channel,
        campaign,
        conversion_type,
    ) in python_credits.items():
        if credit_model == model:
            expected_conversions[(report_date, channel, campaign, conversion_type)] += credit
            expected_revenue[(report_date, channel, campaign, conversion_type)] += revenue
    mart = {
        (report_date, channel, campaign, conversion_type): (conversions, revenue)
        for report_date, channel, campaign, conversion_type, conversions, revenue in db.execute(
            f"select report_date, channel, campaign, conversion_type, attributed_conversions, attributed_revenue "
            f"from marts.rpt_attribution_{model}"
        ).fetchall()
    }
    missing = set(expected_conversions) - set(mart)
    assert not missing, f"{len(missing)} day x channel x campaign x type keys missing, e.g. {sorted(missing)[:3]}"
    assert len({key[3] for key in expected_conversions}) > 1, "the demo should have several conversion types"
    for key, (conversions, revenue) in mart.items():
        assert math.isclose(conversions, expected_conversions.get(key, 0.0), rel_tol=1e-12, abs_tol=TOLERANCE), key
        assert math.isclose(revenue, expected_revenue.get(key, 0.0), rel_tol=1e-12, abs_tol=TOLERANCE), key


@pytest.mark.parametrize("model", RULE_BASED_MODELS)
def test_model_mart_keeps_all_spend(model, db):
    """Spend per day x campaign key equals staging's, including days without conversions, under every
    conversion type (spend repeats on each type's rows)."""
    expected = defaultdict(float)
    spend_rows = defaultdict(int)
    for spend_date, campaign_name, spend in db.execute(
        "select spend_date, campaign_name, spend from staging.stg_ads__spend"
    ).fetchall():
        expected[(spend_date, campaign_key(campaign_name))] += float(spend or 0)
        spend_rows[(spend_date, campaign_key(campaign_name))] += 1
    conversion_types = [
        r[0] for r in db.execute(f"select distinct conversion_type from marts.rpt_attribution_{model}").fetchall()
    ]
    assert "purchase" in conversion_types
    for conversion_type in conversion_types:
        actual = defaultdict(float)
        for report_date, campaign, spend in db.execute(
            f"select report_date, campaign, spend from marts.rpt_attribution_{model} "
            f"where spend <> 0 and conversion_type = ?",
            [conversion_type],
        ).fetchall():
            actual[(report_date, campaign)] += float(spend)
        assert set(actual) == {key for key, value in expected.items() if value != 0}, conversion_type
        for key, value in expected.items():
            # staging keeps the platform's decimals; the marts round each spend row to the cent
            tolerance = 0.005 * spend_rows[key] + 1e-6
            assert abs(actual.get(key, 0.0) - value) <= tolerance, (conversion_type, key, actual.get(key), value)


# --- path transforms, on a copy of the warehouse rebuilt with the var ----------


@pytest.fixture(scope="module", params=["exposure", "unique"])
def transformed_warehouse(request, built_warehouse, tmp_path_factory):
    """(transform, read-only connection) to a copy of the suite warehouse whose rule-based credits
    and fct_attribution_credits were rebuilt with var mta_path_transform."""
    transform = request.param
    work_dir = tmp_path_factory.mktemp(f"path_transform_{transform}")
    db_path = copy_warehouse(built_warehouse, work_dir)
    run_dbt(
        [
            "run",
            "--select",
            "int_attribution_credits_rule_based",
            "fct_attribution_credits",
            "--vars",
            json.dumps({"mta_path_transform": transform}),
        ],
        db_path,
        work_dir,
    )
    con = connect(db_path)
    yield transform, con
    con.close()


def test_path_transform_credits_match_python(transformed_warehouse, python_paths, vars_):
    """Every rule-based credit under exposure and unique equals the reference, to 1e-9; the
    transform is recorded on every rule-based row and data-driven rows keep 'none'."""
    transform, con = transformed_warehouse
    expected = {}
    for conversion_id, (converted_at, _, path, _) in python_paths.items():
        per_model = transformed_credits([t[2] for t in path], [t[3] for t in path], converted_at, vars_, transform)
        for model, values in per_model.items():
            for touch, credit in zip(path, values):
                expected[(conversion_id, touch[0], model)] = credit
    rows = con.execute(
        "select conversion_id, touchpoint_id, attribution_model, credit, path_transform "
        "from marts.fct_attribution_credits"
    ).fetchall()
    actual = {(r[0], r[1], r[2]): r[3] for r in rows if r[2] in RULE_BASED_MODELS}
    assert set(actual) == set(expected)
    worst = max(abs(actual[key] - value) for key, value in expected.items())
    assert worst <= TOLERANCE, f"largest credit difference under {transform}: {worst}"
    transforms = {(r[2] in RULE_BASED_MODELS, r[4]) for r in rows}
    assert transforms == {(True, transform), (False, "none")}
    # the transform changes something on this data (paths with repeated channels exist)
    assert any(value == 0.0 and key[2] == "linear" for key, value in expected.items())
