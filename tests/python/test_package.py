"""The warehouse installed as a dbt package builds like the root project.

Issue #20's done criterion: a project of its own installs the package,
replaces a vocabulary seed, builds against its own raw tables under its own
schema names, and gets the same public relations as the root-project build.

The host is integration_tests/ (README: "Use it as a dbt package"), copied to
a temporary folder with packages.yml pointing at this checkout (`local:`, as
its `../` does in the repository). Everything it does differently from the
root project is something a real project does:

- its raw tables are a copy of the root build's, in another DuckDB file
  attached as database `landing`, schema `mta_input`, tables `src_<table>`
  (vars mta_raw_database, mta_raw_schema, mta_<table>_identifier);
- its own generate_schema_name names the package's schemas `ci_<name>` (target
  `ci`), where the root project writes `marts`, `staging`, ...;
- it replaces the seed utm_source_aliases with it_utm_source_aliases (the
  shipped rows plus `fbk-integration` -> facebook, a spelling the demo data
  never uses) and names channel examples of its own, one of which classifies
  as paid_social only with that extra alias;
- its DuckDB session time zone is Asia/Tokyo, not UTC;
- a model of its own reads a public mart with ref().

The root-project build it is compared with is the hostile warehouse (demo data
at scale 0.05 plus hostile rows, built by this repository as the root project;
warehouse_tools), so the host builds on exactly the same raw rows.
MTA_TEST_PACKAGE_DB=<work folder>/integration_tests.duckdb reuses a host build
while developing (its target/ folder beside it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT_DIR, run_dbt
from warehouse_tools import (
    PUBLIC_SCHEMAS,
    connect,
    float_mismatches,
    hostile_warehouse,
    public_relation_differences,
    session_warehouse,
)

INTEGRATION_DIR = PROJECT_DIR / "integration_tests"
sys.path.insert(0, str(INTEGRATION_DIR))
from load_landing import RAW_TABLES, load_landing  # noqa: E402

HOST = "mta_integration_tests"
HOST_TARGET = "ci"
# The host's generate_schema_name: `<target name>_<custom schema>` off the prod target.
HOST_SCHEMAS = {schema: f"{HOST_TARGET}_{schema}" for schema in PUBLIC_SCHEMAS}
FLOAT_TOLERANCE = 1e-9


def host_env(work_dir: Path, project: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DBT_PROFILES_DIR": str(project),
            "MTA_IT_DUCKDB_PATH": str(work_dir / "integration_tests.duckdb"),
            "MTA_IT_LANDING_PATH": str(work_dir / "landing.duckdb"),
            "DBT_TARGET_PATH": str(work_dir / "target"),
            "DBT_LOG_PATH": str(work_dir / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
    )
    env.pop("DBT_DUCKDB_PATH", None)
    return env


def run_host_dbt(args: list[str], work_dir: Path, check: bool = True) -> subprocess.CompletedProcess:
    """dbt in the host project (work_dir/project), with its own profile."""
    project = work_dir / "project"
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt) if dbt.exists() else "dbt", *args, "--project-dir", str(project)]
    proc = subprocess.run(
        cmd, env=host_env(work_dir, project), capture_output=True, text=True, cwd=project, check=False
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"host dbt {' '.join(args)} failed:\n{proc.stdout[-20000:]}\n{proc.stderr[-5000:]}")
    return proc


def build_host(work_dir: Path, root_db: Path) -> Path:
    project = work_dir / "project"
    shutil.copytree(
        INTEGRATION_DIR,
        project,
        ignore=shutil.ignore_patterns(
            "dbt_packages", "target", "logs", "package-lock.yml", "*.duckdb", "*.duckdb.wal", "__pycache__"
        ),
    )
    packages = project / "packages.yml"
    text = packages.read_text()
    assert "- local: ../\n" in text, text
    packages.write_text(text.replace("- local: ../\n", f"- local: {PROJECT_DIR}\n"))
    assert load_landing(root_db, work_dir / "landing.duckdb") == sorted(RAW_TABLES)
    run_host_dbt(["deps"], work_dir)
    run_host_dbt(["build"], work_dir)
    return work_dir / "integration_tests.duckdb"


@pytest.fixture(scope="module")
def root_build(tmp_path_factory) -> Path:
    return hostile_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def host_build(tmp_path_factory, root_build) -> Path:
    return session_warehouse("package", tmp_path_factory, lambda work_dir: build_host(work_dir, root_build))


@pytest.fixture(scope="module")
def host_manifest(host_build) -> dict:
    return json.loads((host_build.parent / "target" / "manifest.json").read_text())


def unit_tests_in_yaml() -> set[str]:
    """The names of the unit tests written in the package's YAML files."""
    names = set()
    for path in (PROJECT_DIR / "models").rglob("*.yml"):
        names |= {test["name"] for test in (yaml.safe_load(path.read_text()) or {}).get("unit_tests", [])}
    return names


def test_host_build_gets_the_root_builds_public_relations(root_build, host_build):
    differences, _ = public_relation_differences(root_build, host_build, FLOAT_TOLERANCE, HOST_SCHEMAS)
    assert not differences, "the host's public relations differ from the root-project build:\n" + "\n".join(differences)


def test_host_schema_names_follow_the_host(host_build, host_manifest):
    con = connect(host_build)
    schemas = {
        s
        for (s,) in con.execute(
            "select schema_name from information_schema.schemata where catalog_name = current_database()"
        ).fetchall()
    }
    con.close()
    expected = {"main"} | {
        f"{HOST_TARGET}_{s}" for s in ("staging", "intermediate", "marts", "audit", "exports", "reference")
    }
    assert schemas == expected
    for node in host_manifest["nodes"].values():
        if node["package_name"] == "mta" and node["resource_type"] in ("model", "seed"):
            assert node["schema"] == f"{HOST_TARGET}_{node['config']['schema']}", node["unique_id"]


def test_host_reads_its_own_raw_tables(host_manifest):
    sources = {s["name"]: s for s in host_manifest["sources"].values() if s["package_name"] == "mta"}
    assert set(sources) == set(RAW_TABLES)
    for name, source in sources.items():
        assert (source["database"], source["schema"], source["identifier"]) == ("landing", "mta_input", f"src_{name}")


def test_replaced_seed_is_the_one_the_package_reads(host_build, host_manifest):
    nodes = host_manifest["nodes"]
    readers = {
        node["name"]
        for node in nodes.values()
        if node["package_name"] == "mta"
        and node["resource_type"] == "model"
        and f"seed.{HOST}.it_utm_source_aliases" in node["depends_on"]["nodes"]
    }
    # the host's seed is read once, by the vocabulary view every base model imports
    assert readers == {"stg_reference__utm_source_aliases"}
    importers = {
        node["name"]
        for node in nodes.values()
        if node["package_name"] == "mta"
        and node["resource_type"] == "model"
        and "model.mta.stg_reference__utm_source_aliases" in node["depends_on"]["nodes"]
    }
    assert {"base_web__events", "base_ads__clicks", "base_messaging__events", "base_crm__contacts"} <= importers
    assert not [
        node["unique_id"]
        for node in nodes.values()
        if "seed.mta.utm_source_aliases" in node.get("depends_on", {}).get("nodes", [])
        and node["resource_type"] == "model"
    ]
    # The package's examples test ran on the host's examples; example it01 classifies as
    # paid_social only through the host's extra alias, so a pass proves the SQL read it.
    results = json.loads((host_build.parent / "target" / "run_results.json").read_text())["results"]
    examples = [
        r for r in results if r["unique_id"].startswith("test.mta.assert_channel_examples_classify_as_expected")
    ]
    assert [r["status"] for r in examples] == ["pass"]
    test_node = nodes[examples[0]["unique_id"]]
    assert f"seed.{HOST}.it_utm_channel_examples" in test_node["depends_on"]["nodes"]


def test_package_tests_are_off_in_a_host(host_manifest):
    enabled = [u for u, test in host_manifest["unit_tests"].items() if test["package_name"] == "mta"]
    assert not enabled, f"unit tests of the package run in a host's build: {enabled[:5]}"
    disabled = {d[0]["name"] for key, d in host_manifest["disabled"].items() if key.startswith("unit_test.mta.")}
    assert disabled == unit_tests_in_yaml()
    names = {node["name"] for node in host_manifest["nodes"].values() if node["package_name"] == "mta"}
    assert "assert_normal_quantile_matches_tables" not in names
    assert "utm_channel_examples" not in names


def test_host_model_reads_a_public_mart(root_build, host_build):
    con = connect(root_build)
    expected = con.execute(
        """select attribution_model, channel, sum(credit), sum(attributed_revenue)
           from marts.fct_attribution_credits group by all"""
    ).fetchall()
    con.close()
    con = connect(host_build)
    actual = con.execute("select * from main.host_credited_conversions").fetchall()
    con.close()
    assert len(actual) == len(expected) > 7
    by_key = {(m, c): (n, r) for m, c, n, r in actual}
    for model, channel, conversions, revenue in expected:
        got = by_key[(model, channel)]
        assert got == pytest.approx((conversions, revenue), rel=FLOAT_TOLERANCE), (model, channel)


def test_account_time_ignores_the_session_time_zone(host_build):
    """The ad account's wall clock of 2026-03-01 12:00 UTC in Los Angeles (PST, UTC-8 until
    8 March 2026) is 04:00, whatever the session's TimeZone (the host's is Asia/Tokyo)."""
    query = (
        "select {{ mta.account_time(\"timestamp '2026-03-01 12:00:00'\") }} as local_at, "
        "current_setting('TimeZone') as session_time_zone"
    )
    proc = run_host_dbt(
        ["show", "--inline", query, "--vars", "{mta_account_time_zone: America/Los_Angeles}", "--output", "json"],
        host_build.parent,
    )
    rows = json.loads(proc.stdout[proc.stdout.index("{") : proc.stdout.rindex("}") + 1])["show"]
    assert rows == [{"local_at": "2026-03-01T04:00:00", "session_time_zone": "Asia/Tokyo"}]


def test_root_project_keeps_every_package_test(tmp_path):
    proc = run_dbt(
        [
            "ls",
            "--resource-type",
            "unit_test",
            "--resource-type",
            "seed",
            "--resource-type",
            "test",
            "--output",
            "name",
            "--quiet",
        ],
        tmp_path / "unused.duckdb",
        tmp_path,
    )
    names = set(proc.stdout.split())
    assert unit_tests_in_yaml() <= names
    assert {
        "utm_channel_examples",
        "assert_normal_quantile_matches_tables",
        "assert_channel_examples_classify_as_expected",
    } <= names


def test_float_comparison_maps_schemas(root_build, host_build):
    """The schema mapping of public_relation_differences pairs relations for real: a float
    relation of the root build compares with its ci_ twin row by row."""
    rows, paired, beyond = float_mismatches(
        root_build, host_build, "marts.fct_attribution_credits", FLOAT_TOLERANCE, "ci_marts.fct_attribution_credits"
    )
    assert rows == paired > 0 and beyond == 0
