"""The fixed_point materialization, run for real on hand-made graphs.

A dbt unit test checks one round of a fixed_point model's SQL. These tests
build the models with `dbt run` on small tables written here, so the loop
itself runs: the identity components and the conversion order components
must reach the same answers a person finds by hand, however many rounds
that takes, and a loop that hits its bound must fail the build instead of
returning the labels of its last round.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

import duckdb_storage
from conftest import run_dbt

CHAIN = [f"anon:a{i}" for i in range(1, 9)]
# a longer chain whose smallest node is at one end, numbered so that string
# order is chain order: label propagation alone needs ~1,000 rounds here
LONG_CHAIN = [f"anon:z{i:04d}" for i in range(1000)]
IDENTITY_EDGES = [
    *zip(CHAIN[:-1], CHAIN[1:]),
    ("contact:c1", "contact:c2"),
    ("contact:c2", "contact:c3"),
    ("user:p1", "user:p2"),
    ("user:q1", "user:q2"),
    *zip(LONG_CHAIN[:-1], LONG_CHAIN[1:]),
]
IDENTITY_NODES = sorted({node for edge in IDENTITY_EDGES for node in edge} | {"user:x"})
# hand-computed components: the smallest identifier of each
EXPECTED_COMPONENT = {
    **{node: "anon:a1" for node in CHAIN},
    **{f"contact:c{i}": "contact:c1" for i in (1, 2, 3)},
    "user:x": "user:x",
    "user:p1": "user:p1",
    "user:p2": "user:p1",
    "user:q1": "user:q1",
    "user:q2": "user:q1",
    **{node: "anon:z0000" for node in LONG_CHAIN},
}

# E1's copies say O2 and O1, E2 says O2, E3 says O1, E4 says O3 and O2; E5 says
# O9; the refund E6 names O3 and links nothing; E7 has no order id.
CONVERSION_ROWS = [
    ("E1", "O2", "purchase"),
    ("E1", "O1", "purchase"),
    ("E2", "O2", "purchase"),
    ("E3", "O1", "purchase"),
    ("E4", "O3", "purchase"),
    ("E4", "O2", "purchase"),
    ("E5", "O9", "purchase"),
    ("E6", "O3", "refund"),
    ("E7", None, "purchase"),
]
EXPECTED_ORDER_COMPONENT = {
    **{
        node: "event|E1"
        for node in ("event|E1", "event|E2", "event|E3", "event|E4", "order|O1", "order|O2", "order|O3")
    },
    "event|E5": "event|E5",
    "order|O9": "event|E5",
}

MODELS = [
    "int_identity_cc_edges",
    "int_identity_cc_labels_initial",
    "int_identity_cc_labels",
    "int_identity_components",
    "int_conversion_order_edges",
    "int_conversion_order_labels_initial",
    "int_conversion_order_labels",
]


def hand_warehouse(tmp_path: Path) -> Path:
    """The parents of the selected models, as tables written by hand, and the seeds."""
    db = tmp_path / "graphs.duckdb"
    con = duckdb_storage.connect(db)
    con.execute("create schema intermediate")
    con.execute("create schema staging")
    con.execute("create table intermediate.int_identity_nodes (identifier varchar, identifier_type varchar)")
    con.executemany(
        "insert into intermediate.int_identity_nodes values (?, ?)",
        [(node, node.split(":")[0]) for node in IDENTITY_NODES],
    )
    con.execute("create table intermediate.int_identity_edges (identifier_a varchar, identifier_b varchar)")
    con.executemany("insert into intermediate.int_identity_edges values (?, ?)", IDENTITY_EDGES)
    con.execute(
        "create table staging.stg_collectors__conversions"
        " (conversion_event_id varchar, order_id varchar, conversion_type varchar)"
    )
    con.executemany("insert into staging.stg_collectors__conversions values (?, ?, ?)", CONVERSION_ROWS)
    con.close()
    run_dbt(["seed", "--select", "conversion_types"], db, tmp_path)
    return db


@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("fixed_point")
    db = hand_warehouse(tmp_path)
    proc = run_dbt(["run", "--select", *MODELS], db, tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    yield con, proc.stdout
    con.close()


def test_identity_components_reach_the_smallest_identifier(graphs):
    con, _ = graphs
    rows = dict(con.execute("select identifier, component_key from intermediate.int_identity_components").fetchall())
    assert rows == EXPECTED_COMPONENT


def test_the_loop_runs_until_nothing_changes(graphs):
    """Pointer jumping takes the 1,000-chain in a dozen rounds, not a thousand;
    the round count is the same on every node of the graph and includes the
    last round, which changed nothing."""
    con, stdout = graphs
    rounds = con.execute("select distinct propagation_rounds from intermediate.int_identity_cc_labels").fetchall()
    assert len(rounds) == 1
    (n_rounds,) = rounds[0]
    assert 3 <= n_rounds <= 20
    assert f"int_identity_cc_labels: settled after {n_rounds} rounds" in stdout
    assert con.execute("select count(*) from intermediate.int_identity_cc_labels where not is_settled").fetchone() == (
        0,
    )
    isolated = con.execute(
        "select propagation_rounds from intermediate.int_identity_components where identifier = 'user:x'"
    ).fetchone()
    assert isolated == (0,)


def test_conversion_orders_join_transitively(graphs):
    con, _ = graphs
    rows = dict(con.execute("select node, component_key from intermediate.int_conversion_order_labels").fetchall())
    assert rows == EXPECTED_ORDER_COMPONENT


def test_no_round_table_is_left_behind(graphs):
    con, _ = graphs
    leftovers = con.execute(
        "select table_name from information_schema.tables where table_name like '%\\_\\_round\\_%' escape '\\'"
    ).fetchall()
    assert leftovers == []


def test_a_loop_that_hits_its_bound_fails_the_build(tmp_path):
    """Two rounds cannot settle the chains: the build fails with the model's
    name and the var to raise, writes no table, and drops its round tables."""
    db = hand_warehouse(tmp_path)
    proc = run_dbt(
        ["run", "--select", *MODELS[:3], "--vars", json.dumps({"mta_identity_max_iterations": 2})],
        db,
        tmp_path,
        check=False,
    )
    assert proc.returncode != 0
    assert "int_identity_cc_labels: did not converge after 2 rounds" in proc.stdout
    assert "mta_identity_max_iterations" in proc.stdout
    con = duckdb.connect(str(db), read_only=True)
    tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    con.close()
    assert "int_identity_cc_labels_initial" in tables
    assert "int_identity_cc_labels" not in tables
    assert not [name for name in tables if "__round_" in name]
