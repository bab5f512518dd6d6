"""The warehouse file opens in DuckDB 1.x, which most BI tools and libraries embed.

The project runs DuckDB 2.0, whose own storage format DuckDB 1.x refuses. Every
file is created with `storage_compatibility_version` (scripts/duckdb_storage.py,
and the dbt profile's config_options). These tests install a DuckDB 1.x Python
client from the package registry into a folder of their own (once per session;
MTA_DUCKDB_1X_DIR names a folder to keep it between sessions), open the built
warehouse with it read-only, and compare what it reads with the 2.0 client.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, SCRIPTS_DIR

sys.path.insert(0, str(SCRIPTS_DIR))
import duckdb_storage  # noqa: E402

# The oldest DuckDB release line the default storage version (v1.4.0) promises to serve.
DUCKDB_1X = "1.4.4"

READ_EVERYTHING = r"""
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
relations = con.execute(
    "select schema_name, table_name from duckdb_tables() "
    "union all select schema_name, view_name from duckdb_views() where not internal order by 1, 2").fetchall()
counts = {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in relations}
revenue = con.execute("select cast(sum(revenue) as varchar) from marts.fct_conversions").fetchone()[0]
print(json.dumps({"version": duckdb.__version__, "counts": counts, "revenue": revenue}))
"""


@pytest.fixture(scope="session")
def duckdb_1x(tmp_path_factory) -> Path:
    """A folder holding the duckdb==1.4.4 package, installed from the package registry once."""
    folder = Path(os.environ.get("MTA_DUCKDB_1X_DIR") or tmp_path_factory.mktemp("duckdb_1x"))
    marker = folder / f"duckdb-{DUCKDB_1X}.installed"
    if not marker.exists():
        started = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--target",
                str(folder),
                f"duckdb=={DUCKDB_1X}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, f"pip could not install duckdb=={DUCKDB_1X}:\n{proc.stdout}\n{proc.stderr}"
        marker.write_text(f"installed in {time.perf_counter() - started:.1f} s\n")
    return folder


def read_with_duckdb_1x(folder: Path, db_path: Path) -> dict:
    """Run READ_EVERYTHING in a Python that sees only the 1.x package (-S: no site-packages)."""
    proc = subprocess.run(
        [sys.executable, "-S", "-c", READ_EVERYTHING, str(db_path)],
        env={**os.environ, "PYTHONPATH": str(folder)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, f"DuckDB {DUCKDB_1X} could not read {db_path}:\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout)


def test_duckdb_1x_reads_the_built_warehouse(built_warehouse, db, duckdb_1x):
    """Every table and view has the same row count in DuckDB 1.4 as in 2.0, and a mart total agrees."""
    seen = read_with_duckdb_1x(duckdb_1x, built_warehouse)
    assert seen["version"] == DUCKDB_1X
    relations = db.execute(
        "select schema_name, table_name from duckdb_tables() "
        "union all select schema_name, view_name from duckdb_views() where not internal"
    ).fetchall()
    expected = {f"{s}.{t}": db.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in relations}
    assert "marts.fct_conversions" in expected and expected["marts.fct_conversions"] > 0
    assert seen["counts"] == expected
    assert (
        seen["revenue"] == db.execute("select cast(sum(revenue) as varchar) from marts.fct_conversions").fetchone()[0]
    )


def test_built_warehouse_is_in_the_configured_storage_version(db):
    assert duckdb_storage.file_storage_version(db) == "v1.4.0+"


def test_duckdb_1x_refuses_a_file_in_duckdb_2_format(tmp_path, duckdb_1x, monkeypatch):
    """The check above is not vacuous: the 1.x client does refuse DuckDB 2.0's own format."""
    monkeypatch.setenv(duckdb_storage.ENV_VAR, "latest")
    db_path = new_file(tmp_path / "latest.duckdb")
    proc = subprocess.run(
        [sys.executable, "-S", "-c", READ_EVERYTHING, str(db_path)],
        env={**os.environ, "PYTHONPATH": str(duckdb_1x)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0 and "version number 999" in proc.stderr
    monkeypatch.delenv(duckdb_storage.ENV_VAR)
    assert read_with_duckdb_1x(duckdb_1x, new_file(tmp_path / "default.duckdb"))["counts"] == {
        "marts.fct_conversions": 1
    }


def new_file(db_path: Path) -> Path:
    """A new DuckDB file made with the helper, holding one mart row."""
    con = duckdb_storage.connect(db_path)
    con.execute("create schema marts")
    con.execute("create table marts.fct_conversions as select 1.5 as revenue")
    con.close()
    return db_path


def test_storage_version_setting(monkeypatch):
    """The env var overrides the default; an unknown version is refused by DuckDB, not ignored."""
    monkeypatch.delenv(duckdb_storage.ENV_VAR, raising=False)
    assert duckdb_storage.storage_version() == "v1.4.0"
    monkeypatch.setenv(duckdb_storage.ENV_VAR, " ")
    assert duckdb_storage.storage_version() == "v1.4.0"
    monkeypatch.setenv(duckdb_storage.ENV_VAR, "v1.5.0")
    assert duckdb_storage.storage_version() == "v1.5.0"
    with pytest.raises(duckdb.Error, match="not a known DuckDB version"):
        duckdb.connect(":memory:", config={"storage_compatibility_version": "v9.bogus"})


def test_profile_default_is_the_helpers():
    """profiles.yml cannot import Python: it repeats the default, and this keeps the two equal."""
    profile = (PROJECT_DIR / "profiles.yml").read_text()
    settings = re.findall(
        r"storage_compatibility_version: \"\{\{ env_var\('(\w+)', ''\) \| trim or '([^']+)' \}\}\"", profile
    )
    assert settings == [(duckdb_storage.ENV_VAR, duckdb_storage.DEFAULT_STORAGE_VERSION)]


def test_existing_file_keeps_its_version_and_the_note_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv(duckdb_storage.ENV_VAR, "latest")
    old = new_file(tmp_path / "old.duckdb")
    monkeypatch.delenv(duckdb_storage.ENV_VAR)
    con = duckdb_storage.connect(old)
    try:
        assert duckdb_storage.file_storage_version(con) == "v2.0.0+"
        note = duckdb_storage.existing_storage_note(con, old)
    finally:
        con.close()
    assert note is not None and note.startswith(
        f"note: {old} keeps the storage version it was created with (v2.0.0+), not v1.4.0"
    )
    con = duckdb_storage.connect(new_file(tmp_path / "new.duckdb"))
    try:
        assert duckdb_storage.existing_storage_note(con, tmp_path / "new.duckdb") is None
    finally:
        con.close()


def test_a_file_dbt_creates_is_in_the_configured_storage_version(tmp_path):
    """The profile's config_options reach DuckDB when dbt itself creates the file (no generator first)."""
    from conftest import run_dbt

    db_path = tmp_path / "fresh.duckdb"
    run_dbt(["debug"], db_path, tmp_path)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        assert duckdb_storage.file_storage_version(con) == "v1.4.0+"
    finally:
        con.close()


def test_memory_limit_and_temp_directory_come_from_the_environment(tmp_path, monkeypatch):
    """The profile hands MTA_DUCKDB_MEMORY_LIMIT and MTA_DUCKDB_TEMP_DIRECTORY to DuckDB."""
    from conftest import run_dbt

    spill = tmp_path / "spill"
    monkeypatch.setenv("MTA_DUCKDB_MEMORY_LIMIT", "1GB")
    monkeypatch.setenv("MTA_DUCKDB_TEMP_DIRECTORY", str(spill))
    query = (
        "select current_setting('memory_limit') as memory_limit,"
        " current_setting('temp_directory') = '" + str(spill) + "' as temp_directory_is_set"
    )
    shown = run_dbt(["show", "--inline", query], tmp_path / "fresh.duckdb", tmp_path).stdout
    # 1GB is 10^9 bytes, which DuckDB shows in binary units
    assert re.search(r"\|\s*953\.6 MiB\s*\|\s*True\s*\|", shown), shown[-2000:]
