"""Data-driven attribution (Markov removal effects, Shapley values) against
hand-derived answers and the independent reference in reference_attribution.py.

Path sets are loaded "as journeys" through the project's own path input:
a table in a temporary DuckDB file, named by var mta_data_driven_paths_relation,
and `dbt build` of the data-driven models on it. The demo-data tests use the
shared built_warehouse fixture.
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from load_channel_attribution_sample import DEFAULT_SOURCE, load  # noqa: E402

import duckdb_storage  # noqa: E402
import reference_attribution as ref  # noqa: E402
from conftest import run_dbt  # noqa: E402

TOL = 1e-6
# money columns are decimals rounded to the cent (half up): at most half a cent, plus float noise, from the exact value
HALF_CENT = 0.005 + 1e-9
ORDERS = (1, 2, 3)
SELECT = ["--select", "+rpt_markov_removal_effects", "+rpt_shapley_channel_values"]


# --------------------------------------------------------------------------- helpers


def build_path_set(work: Path, journeys: list[tuple], extra_vars: dict | None = None) -> Path:
    """Write journeys (channels, conversions, non_conversions, value) to a table and dbt-build on it."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / "paths.duckdb"
    con = duckdb_storage.connect(db)
    con.execute(
        "create table main.paths (journey_id varchar, touch_position integer, channel varchar,"
        " conversions double, non_conversions double, conversion_value double)"
    )
    rows = [
        (f"j{j}", i + 1, channel, float(jr[1]), float(jr[2]), float(jr[3]) if len(jr) > 3 else 0.0)
        for j, jr in enumerate(journeys)
        for i, channel in enumerate(jr[0])
    ]
    con.executemany("insert into main.paths values (?, ?, ?, ?, ?, ?)", rows)
    con.close()
    run_build(db, work, "main.paths", extra_vars)
    return db


def run_build(db: Path, work: Path, relation: str, extra_vars: dict | None = None) -> None:
    dbt_vars = {"mta_data_driven_paths_relation": relation, **(extra_vars or {})}
    run_dbt(["build", *SELECT, "--vars", json.dumps(dbt_vars)], db, work)


def read_journeys(con, table: str) -> list[tuple]:
    rows = con.execute(
        f"""
        select journey_id, list(channel order by touch_position), any_value(conversions),
               any_value(non_conversions), any_value(conversion_value)
        from {table} group by journey_id
        """
    ).fetchall()
    return [(r[1], r[2], r[3], r[4]) for r in rows]


def removal_effects(con, order: int) -> dict[str, float]:
    return dict(
        con.execute(
            "select channel, removal_effect from marts.rpt_markov_removal_effects where markov_order = ?", [order]
        ).fetchall()
    )


def sql_coalition_shares(con) -> dict[frozenset, dict[str, float]]:
    rows = con.execute(
        """
        select v.set_mask, v.channel, v.shapley_share, list(i.channel) as members
        from intermediate.int_shapley_values as v
        inner join intermediate.int_shapley_channel_index as i
            on (v.set_mask // cast(power(2, i.channel_bit) as bigint)) % 2 = 1
        group by v.set_mask, v.channel, v.shapley_share
        """
    ).fetchall()
    out: dict = defaultdict(dict)
    for _, channel, share, members in rows:
        out[frozenset(members)][channel] = share
    return dict(out)


def assert_close(actual: dict, expected: dict, tol: float = TOL, label: str = "") -> None:
    assert set(actual) == set(expected), f"{label}: keys differ: {sorted(actual)} vs {sorted(expected)}"
    for key, value in expected.items():
        assert math.isclose(actual[key], value, abs_tol=tol), f"{label} {key}: {actual[key]} != {value}"


# --------------------------------------------------------------------------- hand-made path sets

# A>B>A>B>B>A, A>B>B>A>A and A>A, one conversion each, nothing else.
HAND_MARKOV = [(list("ABABBA"), 1, 0, 10.0), (list("ABBAA"), 1, 0, 10.0), (list("AA"), 1, 0, 10.0)]
# By hand; every journey converts, so P = 1. Order 1 (collapsed paths ABABA, ABA, A): A->B 3,
# A->conv 3, B->A 3: removing B leaves P = 1/2. Order 2 (states: the last 2 channels, repeats of
# a state collapsed): j1 A, AB, BA, AB, BB, BA; j2 A, AB, BB, BA, AA; j3 A, AA. start->A 3,
# A->AB 2, A->AA 1, AA->conv 2: removing B sends A->AB to null, P = 1/3. Order 3 likewise
# (j1 A, AB, ABA, BAB, ABB, BBA; j2 A, AB, ABB, BBA, BAA; j3 A, AA): P = 1/3. Removing A: P = 0.
HAND_MARKOV_RE = {1: {"A": 1.0, "B": 0.5}, 2: {"A": 1.0, "B": 2 / 3}, 3: {"A": 1.0, "B": 2 / 3}}

# States are the last k channels of the raw path, not of the path with repeated channels
# collapsed. Journeys A A (no conversion) and B A A (converts), by hand:
# order 1: start->A 1/2, start->B 1/2, A->conv 1/2, A->null 1/2, B->A: P = 1/2; without B,
#   P = 1/2 * 1/2 = 1/4, RE(B) = 1/2.
# order 2: j1 A, AA -> null; j2 B, BA, AA -> conv. AA->conv 1/2: P(A) = P(B) = 1/2, P = 1/2;
#   without B, P = 1/4, RE(B) = 1/2 (collapsing channels first would give states A | B, BA
#   and RE(B) = 1).
# order 3: j1 A, AA -> null; j2 B, BA, BAA -> conv: P = 1/2; without B, P = 0, RE(B) = 1.
# Removing A: P = 0 in every order.
HAND_MARKOV_STATES = [(list("AA"), 0, 1, 0.0), (list("BAA"), 1, 0, 10.0)]
HAND_MARKOV_STATES_RE = {1: {"A": 1.0, "B": 0.5}, 2: {"A": 1.0, "B": 0.5}, 3: {"A": 1.0, "B": 1.0}}

# v(A) = 1/2, v(B) = 1/4, v(AB) = 1 -> phi(A) = 1/2*1/2 + 1/2*(1 - 1/4) = 0.625, phi(B) = 0.375.
# v(C) = 1/2, v(D) = 1/4, v(CD) = 1/8 -> phi(C) = 0.1875, phi(D) = -0.0625 -> shares C 1, D 0.
HAND_SHAPLEY = [
    (["A"], 1, 1, 4.0),
    (["B"], 1, 3, 8.0),
    (["A", "B", "A"], 2, 0, 20.0),
    (["C"], 1, 1, 0.0),
    (["D"], 1, 3, 0.0),
    (["D", "C"], 1, 7, 16.0),
]
HAND_SHAPLEY_SHARES = {
    frozenset("A"): {"A": 1.0},
    frozenset("B"): {"B": 1.0},
    frozenset("AB"): {"A": 0.625, "B": 0.375},
    frozenset("C"): {"C": 1.0},
    frozenset("D"): {"D": 1.0},
    frozenset("CD"): {"C": 1.0, "D": 0.0},
}
# channel totals: A = 1 + 2 * 0.625, B = 1 + 2 * 0.375, C = 1 + 1, D = 1
HAND_SHAPLEY_TOTALS = {"A": 2.25, "B": 1.75, "C": 2.0, "D": 1.0}
HAND_SHAPLEY_REVENUE = {"A": 4.0 + 20 * 0.625, "B": 8.0 + 20 * 0.375, "C": 16.0, "D": 0.0}

# Fold with mta_shapley_max_channels = 3. Frequencies (journeys containing): A 3, B 3, C 2, D 1,
# so j4 keeps A and B and folds C, D into 'other'. v(AB) = 1, v(A) = 0, v(BC) = 0, v(AB+other) = 1.
# Coalition {A, B, other}: phi(A) = 1/6 (v(AB) - v(B)) + 1/3 (v(AB other) - v(B other)) = 1/2,
# phi(B) = 1/2 likewise, phi(other) = 0; coalition {A, B}: 1/2 each.
HAND_FOLD = [(["A", "B"], 1, 0), (["A"], 0, 1), (["B", "C"], 0, 1), (["A", "B", "C", "D", "C"], 1, 0)]
HAND_FOLD_SHARES = {
    frozenset("AB"): {"A": 0.5, "B": 0.5},
    frozenset({"A", "B", "other"}): {"A": 0.5, "B": 0.5, "other": 0.0},
}


def path_set_fixture(name: str, journeys: list[tuple], extra_vars: dict | None = None):
    """A module-scoped fixture: a read-only connection to the path set `journeys` built by dbt."""

    @pytest.fixture(scope="module", name=name)
    def _fixture(tmp_path_factory):
        db = build_path_set(tmp_path_factory.mktemp(name), journeys, extra_vars)
        con = duckdb.connect(str(db), read_only=True)
        yield con
        con.close()

    return _fixture


hand_markov = path_set_fixture("hand_markov", HAND_MARKOV)
hand_markov_states = path_set_fixture("hand_markov_states", HAND_MARKOV_STATES)
hand_shapley = path_set_fixture("hand_shapley", HAND_SHAPLEY)
hand_fold = path_set_fixture("hand_fold", HAND_FOLD, {"mta_shapley_max_channels": 3})

# Per-touch Markov credits (spec: Markov per touch). Three channels, several journeys, an exact
# allocation exists (the reference's Hall-type check says so) and only a numerical method finds it.
HAND_MARKOV_FIT = [
    (list("ABC"), 2, 1, 30.0),
    (list("AC"), 1, 1, 10.0),
    (list("B"), 1, 2, 5.0),
    (list("CAA"), 1, 0, 20.0),
    (list("A"), 0, 2, 0.0),
    (list("BC"), 0, 1, 0.0),
]
# No exact allocation: D converts only alone. By hand (order 1): start->D 2, start->A 2, D->conv 1,
# D->null 1, A->B 1, A->null 1, B->conv 1: P = 1/2 * 1/2 + 1/2 * 1/2 * 1 = 1/2, and removing any
# one channel leaves 1/4, so RE = 1/2 each and each target is 2 * 1/3 = 2/3. D's credit is 1
# whatever its factor (+1/3); A and B share the one A > B conversion equally (-1/6 each).
HAND_MARKOV_SOLO = [(["D"], 1, 1, 0.0), (["A", "B"], 1, 0, 0.0), (["A"], 0, 1, 0.0)]
HAND_MARKOV_SOLO_PER_TOUCH = {"A": 0.5, "B": 0.5, "D": 1.0}
HAND_MARKOV_SOLO_RESIDUAL = {"A": -1 / 6, "B": -1 / 6, "D": 1 / 3}

hand_markov_fit = path_set_fixture("hand_markov_fit", HAND_MARKOV_FIT)
hand_markov_solo = path_set_fixture("hand_markov_solo", HAND_MARKOV_SOLO)


def per_touch_rows(con) -> dict[str, tuple]:
    """channel -> (attributed_conversions, per_touch_attributed_conversions, per_touch_residual,
    is_per_touch_exact) at the credit order."""
    return {
        r[0]: r[1:]
        for r in con.execute(
            "select channel, attributed_conversions, per_touch_attributed_conversions, per_touch_residual,"
            " is_per_touch_exact from marts.rpt_markov_removal_effects where is_credit_order"
        ).fetchall()
    }


def credit_factors(con) -> dict[str, float]:
    return dict(con.execute("select channel, credit_factor from intermediate.int_markov_credit_factors").fetchall())


@pytest.mark.parametrize("order", ORDERS)
def test_hand_markov_removal_effects(hand_markov, order):
    assert_close(removal_effects(hand_markov, order), HAND_MARKOV_RE[order], label=f"order {order}")
    assert_close(ref.markov_removal_effects(HAND_MARKOV, order)[1], HAND_MARKOV_RE[order], label="reference")


@pytest.mark.parametrize("order", ORDERS)
def test_hand_markov_states_are_last_k_channels_of_the_raw_path(hand_markov_states, order):
    expected = HAND_MARKOV_STATES_RE[order]
    assert_close(removal_effects(hand_markov_states, order), expected, label=f"order {order}")
    assert_close(ref.markov_removal_effects(HAND_MARKOV_STATES, order)[1], expected, label="reference")


def test_hand_markov_channel_totals(hand_markov):
    # order 1: 3 conversions * RE / sum RE = 3 * 1/1.5 and 3 * 0.5/1.5; revenue 30 likewise
    rows = hand_markov.execute(
        "select channel, attributed_conversions, attributed_revenue from marts.rpt_markov_removal_effects"
        " where markov_order = 1"
    ).fetchall()
    assert_close({r[0]: r[1] for r in rows}, {"A": 2.0, "B": 1.0})
    assert_close({r[0]: r[2] for r in rows}, {"A": 20.0, "B": 10.0})


def test_hand_markov_set_shapley(hand_markov):
    # coalitions {A} and {A, B}, both v = 1: phi_AB(A) = 1/2*1 + 1/2*(1 - 0) = 1, phi_AB(B) = 0
    rows = dict(
        hand_markov.execute("select channel, attributed_conversions from marts.rpt_shapley_channel_values").fetchall()
    )
    assert_close(rows, {"A": 3.0, "B": 0.0})


def test_hand_shapley_values(hand_shapley):
    shares = sql_coalition_shares(hand_shapley)
    converting = {k: v for k, v in shares.items()}
    assert set(converting) == set(HAND_SHAPLEY_SHARES)
    for coalition, expected in HAND_SHAPLEY_SHARES.items():
        assert_close(converting[coalition], expected, label=str(sorted(coalition)))
        assert_close(ref.shapley_model(HAND_SHAPLEY)[1][coalition], expected, label="reference")
    rows = hand_shapley.execute(
        "select channel, attributed_conversions, attributed_revenue from marts.rpt_shapley_channel_values"
    ).fetchall()
    assert_close({r[0]: r[1] for r in rows}, HAND_SHAPLEY_TOTALS)
    assert_close({r[0]: r[2] for r in rows}, HAND_SHAPLEY_REVENUE)


def test_hand_shapley_fold_to_other(hand_fold):
    folded = hand_fold.execute(
        "select channel, folded_channel from intermediate.int_shapley_journey_channels where journey_id = 'j3'"
    ).fetchall()
    assert dict(folded) == {"A": "A", "B": "B", "C": "other", "D": "other"}
    shares = sql_coalition_shares(hand_fold)
    assert set(shares) == set(HAND_FOLD_SHARES)
    for coalition, expected in HAND_FOLD_SHARES.items():
        assert_close(shares[coalition], expected, label=str(sorted(coalition)))
        assert_close(ref.shapley_model(HAND_FOLD, max_channels=3)[1][coalition], expected, label="reference")


def test_markov_solver_fails_loudly_instead_of_truncating(tmp_path):
    """The iteration bound is a safety net: not converging fails the build, it never returns a truncated answer."""
    db = tmp_path / "paths.duckdb"
    con = duckdb_storage.connect(db)
    con.execute(
        "create table main.paths as select * from (values ('j0', 1, 'A', 1.0, 0.0, 0.0), "
        "('j0', 2, 'B', 1.0, 0.0, 0.0), ('j0', 3, 'A', 1.0, 0.0, 0.0), ('j1', 1, 'A', 1.0, 0.0, 0.0)) "
        "as t(journey_id, touch_position, channel, conversions, non_conversions, conversion_value)"
    )
    con.close()
    dbt_vars = {
        "mta_data_driven_paths_relation": "main.paths",
        "mta_markov_max_iterations": 25,
        "mta_markov_tolerance": 1e-300,
    }
    proc = run_dbt(
        ["run", "--select", "+int_markov_absorption", "--vars", json.dumps(dbt_vars)], db, tmp_path, check=False
    )
    assert proc.returncode != 0
    assert "did not converge" in proc.stdout


def test_hand_markov_per_touch_totals_by_hand(hand_markov):
    """A > B > A > B > B > A, A > B > B > A > A, A > A; targets 3 * 1/1.5 = 2 and 3 * 0.5/1.5 = 1.
    A A gives A 1, so B's shares in the other two must add to 1: with r = b(B)/b(A),
    3r/(3 + 3r) + 2r/(3 + 2r) = 1, i.e. 2r^2 = 3, r = sqrt(3/2). (Normalizing the removal
    effects within each path, r = 1/2, would give B 1/3 + 1/4 = 0.583.)"""
    rows = per_touch_rows(hand_markov)
    assert_close({c: r[1] for c, r in rows.items()}, {"A": 2.0, "B": 1.0})
    assert all(r[3] for r in rows.values())
    factors = credit_factors(hand_markov)
    assert math.isclose(factors["B"] / factors["A"], math.sqrt(1.5), abs_tol=1e-6)
    reference = ref.markov_allocation(HAND_MARKOV, HAND_MARKOV_RE[1])
    assert_close(reference["allocated"], {"A": 2.0, "B": 1.0}, label="reference")


def test_hand_markov_per_touch_totals_match_reference(hand_markov_fit):
    _, effects = ref.markov_removal_effects(HAND_MARKOV_FIT, 1)
    assert ref.markov_allocation_is_feasible(HAND_MARKOV_FIT, effects)
    reference = ref.markov_allocation(HAND_MARKOV_FIT, effects)
    rows = per_touch_rows(hand_markov_fit)
    assert_close({c: r[1] for c, r in rows.items()}, reference["allocated"], label="per-touch totals")
    assert_close({c: r[0] for c, r in rows.items()}, reference["target"], label="channel totals")
    assert all(r[3] for r in rows.values()), rows
    assert all(abs(r[2]) <= 1e-6 for r in rows.values()), rows
    assert_close(credit_factors(hand_markov_fit), reference["factor"], label="factors")


def test_hand_markov_without_exact_allocation(hand_markov_solo):
    _, effects = ref.markov_removal_effects(HAND_MARKOV_SOLO, 1)
    assert_close(effects, {"A": 0.5, "B": 0.5, "D": 0.5}, label="removal effects")
    assert not ref.markov_allocation_is_feasible(HAND_MARKOV_SOLO, effects)
    rows = per_touch_rows(hand_markov_solo)
    assert_close({c: r[1] for c, r in rows.items()}, HAND_MARKOV_SOLO_PER_TOUCH, label="per-touch totals")
    assert_close({c: r[2] for c, r in rows.items()}, HAND_MARKOV_SOLO_RESIDUAL, label="residuals")
    assert not any(r[3] for r in rows.values())
    assert_close(
        ref.markov_allocation(HAND_MARKOV_SOLO, effects)["allocated"], HAND_MARKOV_SOLO_PER_TOUCH, label="reference"
    )


# --------------------------------------------------------------------------- ChannelAttribution sample


@pytest.fixture(scope="module", params=[12, 4], ids=["exact", "fold4"])
def sample(request, tmp_path_factory):
    """The 10,000-path ChannelAttribution sample through the path input (max channels 12, and 4 to fold)."""
    max_channels = request.param
    work = tmp_path_factory.mktemp(f"channel_attribution_{max_channels}")
    db = work / "paths.duckdb"
    load(db, DEFAULT_SOURCE, "main.channel_attribution_paths")
    run_build(db, work, "main.channel_attribution_paths", {"mta_shapley_max_channels": max_channels})
    con = duckdb.connect(str(db), read_only=True)
    journeys = read_journeys(con, "main.channel_attribution_paths")
    yield con, journeys, max_channels
    con.close()


def test_sample_shape(sample):
    con, journeys, _ = sample
    assert len(journeys) == 10000
    assert sum(j[1] for j in journeys) == 19785
    assert sum(j[2] for j in journeys) == 68602


@pytest.mark.parametrize("order", ORDERS)
def test_sample_markov_matches_reference(sample, order):
    con, journeys, _ = sample
    base, expected = ref.markov_removal_effects(journeys, order)
    assert_close(removal_effects(con, order), expected, label=f"order {order}")
    (p_sql,) = con.execute(
        "select max(conversion_probability) from marts.rpt_markov_removal_effects where markov_order = ?", [order]
    ).fetchone()
    assert math.isclose(p_sql, base, abs_tol=1e-9)
    # channel totals follow total conversions * RE / sum RE and add up to the totals
    totals = ref.markov_channel_totals(journeys, expected)
    rows = con.execute(
        "select channel, attributed_conversions, attributed_revenue from marts.rpt_markov_removal_effects"
        " where markov_order = ?",
        [order],
    ).fetchall()
    assert_close({r[0]: r[1] for r in rows}, {c: v[0] for c, v in totals.items()}, tol=1e-5)
    assert math.isclose(sum(r[1] for r in rows), 19785, abs_tol=1e-6)
    # money is rounded to the cent per channel: within half a cent of the exact share each
    assert_close({r[0]: r[2] for r in rows}, {c: v[1] for c, v in totals.items()}, tol=HALF_CENT)
    assert math.isclose(sum(r[2] for r in rows), sum(j[3] for j in journeys), abs_tol=HALF_CENT * len(rows))


def test_sample_markov_solver_converged(sample):
    con, _, _ = sample
    (residual,) = con.execute("select max(residual_mass) from intermediate.int_markov_absorption").fetchone()
    assert residual < 1e-10


def test_sample_markov_per_touch_totals_match_reference(sample):
    con, journeys, _ = sample
    (order,) = con.execute(
        "select max(markov_order) from marts.rpt_markov_removal_effects where is_credit_order"
    ).fetchone()
    _, effects = ref.markov_removal_effects(journeys, order)
    reference = ref.markov_allocation(journeys, effects)
    rows = per_touch_rows(con)
    assert_close(
        {c: r[1] for c, r in rows.items() if c in reference["allocated"]},
        reference["allocated"],
        label="per-touch totals",
    )
    exact = {c: abs(reference["allocated"][c] - reference["target"][c]) <= 1e-6 for c in reference["allocated"]}
    assert {c: r[3] for c, r in rows.items() if c in exact} == exact


def test_sample_shapley_matches_reference(sample):
    con, journeys, max_channels = sample
    sets, shares, totals = ref.shapley_model(journeys, max_channels)
    sql_shares = sql_coalition_shares(con)
    assert set(sql_shares) == set(shares)
    for coalition, expected in shares.items():
        assert_close(sql_shares[coalition], expected, label=str(sorted(coalition)))
    rows = con.execute(
        "select channel, attributed_conversions, attributed_revenue from marts.rpt_shapley_channel_values"
    ).fetchall()
    assert_close({r[0]: r[1] for r in rows}, {c: v[0] for c, v in totals.items()}, tol=1e-5)
    assert_close({r[0]: r[2] for r in rows}, {c: v[1] for c, v in totals.items()}, tol=HALF_CENT)
    assert math.isclose(sum(r[1] for r in rows), 19785, abs_tol=1e-6)
    if max_channels < 8:  # the sample has paths with up to 8 distinct channels
        (folded,) = con.execute(
            "select count(distinct journey_id) from intermediate.int_shapley_journey_channels where folded_channel = 'other'"
        ).fetchone()
        assert folded > 0


# --------------------------------------------------------------------------- demo data


@pytest.fixture(scope="module")
def demo(db):
    (journey_rows,) = db.execute("select count(*) from intermediate.int_journey_touchpoints").fetchone()
    if journey_rows == 0:
        pytest.skip("int_journey_touchpoints has no rows (upstream placeholder)")
    journeys_raw = db.execute(
        """
        select jt.journey_id, list(jt.channel order by jt.touch_position, jt.touchpoint_id), bool_or(jt.is_converted)
        from intermediate.int_journey_touchpoints as jt
        group by jt.journey_id
        """
    ).fetchall()
    journeys = [(r[1], 1 if r[2] else 0, 0 if r[2] else 1) for r in journeys_raw]
    paths = db.execute(
        """
        select conversion_id, list(touchpoint_id order by touch_position), list(channel order by touch_position)
        from intermediate.int_conversion_paths group by conversion_id
        """
    ).fetchall()
    return journeys, paths


@pytest.mark.parametrize("order", ORDERS)
def test_demo_markov_matches_reference(db, demo, order):
    journeys, _ = demo
    _, expected = ref.markov_removal_effects(journeys, order)
    assert_close(removal_effects(db, order), expected, label=f"order {order}")


def credits_of(db, model: str) -> dict[tuple[str, str], float]:
    return {
        (r[0], r[1]): r[2]
        for r in db.execute(
            f"select conversion_id, touchpoint_id, credit from intermediate.int_attribution_credits_{model}"
        ).fetchall()
    }


def demo_markov_reference(db, demo) -> dict:
    journeys, _ = demo
    (order,) = db.execute(
        "select max(markov_order) from marts.rpt_markov_removal_effects where is_credit_order"
    ).fetchone()
    _, effects = ref.markov_removal_effects(journeys, order)
    return ref.markov_allocation(journeys, effects)


def test_demo_markov_credits_match_reference(db, demo):
    _, paths = demo
    factors = demo_markov_reference(db, demo)["factor"]
    expected = {}
    for conversion_id, touchpoints, channels in paths:
        for touchpoint_id, credit in zip(touchpoints, ref.markov_credits(channels, factors)):
            expected[(conversion_id, touchpoint_id)] = credit
    assert_close(credits_of(db, "markov"), expected, label="markov credit")


def test_demo_markov_channel_totals_tell_one_story(db, demo):
    """fct_attribution_credits and rpt_markov_removal_effects agree: each channel's per-touch credits
    add up to its channel total, or the report says by how much they miss (the reference says why)."""
    reference = demo_markov_reference(db, demo)
    rows = per_touch_rows(db)
    fct = dict(
        db.execute(
            "select channel, sum(credit) from marts.fct_attribution_credits where attribution_model = 'markov' group by 1"
        ).fetchall()
    )
    assert_close(fct, {c: r[1] for c, r in rows.items() if r[1] > 0}, label="fct vs rpt per-touch")
    for channel, (total, per_touch, residual, exact) in rows.items():
        assert math.isclose(per_touch - total, residual, abs_tol=1e-9), channel
        assert exact == (abs(residual) <= 1e-6), channel
    assert_close(
        {c: r[1] for c, r in rows.items() if c in reference["allocated"]},
        reference["allocated"],
        label="per-touch vs reference",
    )
    assert_close(
        {c: r[0] for c, r in rows.items() if c in reference["target"]},
        reference["target"],
        label="channel totals vs reference",
    )


def test_demo_shapley_credits_match_reference(db, demo):
    journeys, paths = demo
    (max_channels,) = db.execute("select max(channel_count) from intermediate.int_shapley_values").fetchone()
    max_channels = max(max_channels or 0, 12)  # default var; the demo has fewer channels per path
    _, shares, _ = ref.shapley_model(journeys, max_channels)
    freq = ref.channel_frequencies(journeys)
    expected = {}
    for conversion_id, touchpoints, channels in paths:
        for touchpoint_id, credit in zip(touchpoints, ref.shapley_credits(channels, shares, freq, max_channels)):
            expected[(conversion_id, touchpoint_id)] = credit
    assert_close(credits_of(db, "shapley"), expected, label="shapley credit")


@pytest.mark.parametrize("model", ["markov", "shapley"])
def test_demo_conservation(db, demo, model):
    journeys, paths = demo
    credits = credits_of(db, model)
    touches = {(c, t) for c, ts, _ in paths for t in ts}
    assert set(credits) == touches
    per_conversion = defaultdict(float)
    for (conversion_id, _), credit in credits.items():
        per_conversion[conversion_id] += credit
    assert all(math.isclose(v, 1.0, abs_tol=1e-9) for v in per_conversion.values())
    converting = sum(j[1] for j in journeys)
    if model == "markov":
        for (total,) in db.execute(
            "select sum(attributed_conversions) from marts.rpt_markov_removal_effects group by markov_order"
        ).fetchall():
            assert math.isclose(total, converting, abs_tol=1e-6)
    else:
        (total,) = db.execute("select sum(attributed_conversions) from marts.rpt_shapley_channel_values").fetchone()
        assert math.isclose(total, converting, abs_tol=1e-6)


# --------------------------------------------------------------------------- against the ground truth


def rule_based_shares_in_python(db) -> dict[str, dict[str, float]]:
    """The five rule-based models from int_conversion_paths, used only when fct_attribution_credits is missing."""
    rows = db.execute(
        """
        select conversion_id, list(channel order by touch_position),
               list(epoch(converted_at) - epoch(touched_at) order by touch_position)
        from intermediate.int_conversion_paths group by conversion_id
        """
    ).fetchall()
    out: dict = {m: defaultdict(float) for m in ["first_touch", "last_touch", "linear", "time_decay", "position_based"]}
    half_life = 7 * 86400
    for _, channels, ages in rows:
        n = len(channels)
        decay = [2 ** (-a / half_life) for a in ages]
        if n == 1:
            pos = [1.0]
        elif n == 2:
            pos = [0.5, 0.5]
        else:
            pos = [0.4] + [0.2 / (n - 2)] * (n - 2) + [0.4]
        for i, channel in enumerate(channels):
            out["first_touch"][channel] += 1.0 if i == 0 else 0.0
            out["last_touch"][channel] += 1.0 if i == n - 1 else 0.0
            out["linear"][channel] += 1.0 / n
            out["time_decay"][channel] += decay[i] / sum(decay)
            out["position_based"][channel] += pos[i]
    return {m: dict(v) for m, v in out.items()}


def model_channel_shares(db) -> dict[str, dict[str, float]]:
    tables = {
        r[0] for r in db.execute("select table_schema || '.' || table_name from information_schema.tables").fetchall()
    }
    shares: dict[str, dict[str, float]] = {}
    if "marts.fct_attribution_credits" in tables:
        for model, channel, credit in db.execute(
            "select attribution_model, channel, sum(credit) from marts.fct_attribution_credits group by 1, 2"
        ).fetchall():
            shares.setdefault(model, {})[channel] = credit
    else:
        shares.update(rule_based_shares_in_python(db))
    for model in ["markov", "shapley"]:
        shares[model] = dict(
            db.execute(
                f"""
            select p.channel, sum(c.credit)
            from intermediate.int_attribution_credits_{model} as c
            inner join intermediate.int_conversion_paths as p
                on c.conversion_id = p.conversion_id and c.touchpoint_id = p.touchpoint_id
            group by p.channel
            """
            ).fetchall()
        )
    shares["markov (channel totals, RE / sum RE)"] = dict(
        db.execute(
            "select channel, attributed_conversions from marts.rpt_markov_removal_effects where is_credit_order"
        ).fetchall()
    )
    shares["shapley (channel totals)"] = dict(
        db.execute("select channel, attributed_conversions from marts.rpt_shapley_channel_values").fetchall()
    )
    return shares


def test_demo_distance_to_truth(db, demo):
    truth = dict(db.execute("select channel, incremental_share from truth.channel_incrementality").fetchall())
    shares = model_channel_shares(db)
    distances = {model: ref.total_variation_distance(s, truth) for model, s in shares.items() if sum(s.values()) > 0}
    print("\n| model | total variation distance to truth.channel_incrementality |")
    print("|---|---|")
    for model, tvd in sorted(distances.items(), key=lambda kv: kv[1]):
        print(f"| {model} | {tvd:.4f} |")
    # A channel's Markov share is defined by the spec's channel-total convention
    # (conversions(c) = total * RE(c) / sum RE). The per-touch credits are fitted
    # to it (int_markov_credit_factors) and differ only by the residual the
    # report states where no exact allocation exists; both are printed above.
    assert distances["markov (channel totals, RE / sum RE)"] < distances["last_touch"], distances
    assert distances["shapley"] < distances["last_touch"], distances
