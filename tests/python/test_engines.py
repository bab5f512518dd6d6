"""The same project on PostgreSQL and Apache Spark gives DuckDB's results.

Runs only when MTA_TEST_ENGINES names the engines (e.g. `postgres,spark`):
it starts a local server per engine (scripts/engines/start_<engine>.sh), copies
the suite's raw data into it, runs `dbt build --target <engine>` and compares
every relation of the marts, exports and audit schemas with the DuckDB build
of the same data (keys and text identical, numbers to 1e-9); then runs a
second `dbt build` with no new data (incremental models take their incremental
path) and compares again (MTA_ENGINES_REBUILD=0 skips the second run). Needs
requirements-engines.txt installed, Java 17 for Spark, and Debian's
postgresql package (the start scripts install Java and PostgreSQL with apt-get
when missing, as root or with sudo). scripts/test.sh runs it by default.
"""

from __future__ import annotations

import importlib
import os
import sys

import pytest

from conftest import SCRIPTS_DIR

ENGINES = [e.strip() for e in os.environ.get("MTA_TEST_ENGINES", "").split(",") if e.strip()]
REBUILD = os.environ.get("MTA_ENGINES_REBUILD", "1") != "0"

requires_engines = pytest.mark.skipif(
    not ENGINES,
    reason="engine comparison is opt-in: set MTA_TEST_ENGINES=postgres,spark (needs requirements-engines.txt)",
)


@pytest.fixture(scope="module")
def run_engines_module():
    sys.path.insert(0, str(SCRIPTS_DIR / "engines"))
    return importlib.import_module("run_engines")


@requires_engines
@pytest.mark.parametrize("engine", ENGINES or ["none"])
def test_engine_matches_duckdb(engine, built_warehouse, tmp_path_factory, run_engines_module):
    if engine not in ("postgres", "spark"):
        pytest.fail(f"unknown engine {engine!r} in MTA_TEST_ENGINES")
    build_dir = tmp_path_factory.mktemp(f"engine_{engine}")
    try:
        timings = run_engines_module.run_engines([engine], build_dir, duckdb_path=built_warehouse, rebuild=REBUILD)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    assert "compare" in timings[engine]
    assert not REBUILD or "compare_rebuild" in timings[engine]
    # The measured seconds per step, for the CI budget: shown with `pytest -rP`, and
    # appended to the file MTA_ENGINE_TIMINGS names (scripts/test.sh prints it).
    line = f"{engine}: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings[engine].items())
    print(line)
    if os.environ.get("MTA_ENGINE_TIMINGS"):
        with open(os.environ["MTA_ENGINE_TIMINGS"], "a") as handle:
            handle.write(line + "\n")


def test_comparison_detects_differences(run_engines_module):
    """The comparison itself: tolerance, text, nulls and JSON (no engine needed)."""
    compare = importlib.import_module("compare_engines")
    tol = 1e-9
    norm = compare.normalize
    assert compare.values_equal(norm(1.0), norm(1.0 + 5e-10), tol)
    assert not compare.values_equal(norm(1.0), norm(1.0 + 5e-9), tol)
    assert compare.values_equal(norm(3), norm(3.0), tol)
    assert not compare.values_equal(norm("a"), norm("a "), tol)
    assert not compare.values_equal(norm(None), norm(""), tol)
    assert compare.values_equal(norm('{"a": 1, "b": 0.1}'), norm('{"b":0.1,"a":1}'), tol)
    assert not compare.values_equal(norm('{"a": 1}'), norm('{"a": 2}'), tol)
    assert compare.values_equal(norm('{"revenue": NaN}'), norm('{"revenue":"NaN"}'), tol)


def test_spark_text_stays_text(run_engines_module):
    """Only columns the Thrift server types as TIMESTAMP are read as timestamps: text compares byte for byte."""
    compare = importlib.import_module("compare_engines")
    norm = compare.normalize
    text = "2026-03-01 14:02:11+0000"
    row = compare.spark_row((text, "2026-03-01 14:02:11"), ["STRING_TYPE", "TIMESTAMP_TYPE"])
    assert row[0] == text
    assert compare.values_equal(norm(text), norm(row[0]), 1e-9)
    assert not compare.values_equal(norm(text), norm("2026-03-01 14:02:11.000000"), 1e-9)
    assert norm(row[1]) == "2026-03-01 14:02:11.000000"
