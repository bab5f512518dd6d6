"""Shared fixtures for the pytest suite.

The suite builds the warehouse once per session: it generates a small demo
dataset into a temporary DuckDB file, runs `dbt build` on it with the project's
own profile, and hands the file to the tests. Tests open it read-only.

Environment:
  MTA_TEST_SCALE   generator scale for the suite (default 0.3)
  MTA_TEST_SEED    generator seed (default 7)
  MTA_TEST_DB      reuse an existing, already built database instead of building one
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCRIPTS_DIR = PROJECT_DIR / "scripts"


def dbt_env(db_path: Path, work_dir: Path) -> dict[str, str]:
    """Environment for a dbt subprocess that writes nothing into the repo."""
    env = dict(os.environ)
    env["DBT_DUCKDB_PATH"] = str(db_path)
    env["DBT_TARGET_PATH"] = str(work_dir / "target")
    env["DBT_LOG_PATH"] = str(work_dir / "logs")
    env["DBT_PROFILES_DIR"] = str(PROJECT_DIR)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    return env


def run_dbt(args: list[str], db_path: Path, work_dir: Path, check: bool = True) -> subprocess.CompletedProcess:
    """Run the dbt CLI of this interpreter's environment against db_path."""
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt) if dbt.exists() else "dbt", *args, "--project-dir", str(PROJECT_DIR)]
    proc = subprocess.run(cmd, env=dbt_env(db_path, work_dir), capture_output=True, text=True, cwd=PROJECT_DIR)
    if check and proc.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{proc.stdout[-20000:]}\n{proc.stderr[-5000:]}")
    return proc


def generate(db_path: Path, scale: float, seed: int, extra: list[str] | None = None) -> None:
    cmd = [
        sys.executable,
        str(SCRIPTS_DIR / "generate_data.py"),
        "--db",
        str(db_path),
        "--scale",
        str(scale),
        "--seed",
        str(seed),
        "--no-progress",
        *(extra or []),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT_DIR)
    if proc.returncode != 0:
        raise AssertionError(f"generator failed:\n{proc.stdout[-5000:]}\n{proc.stderr[-5000:]}")


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Path:
    """Path of a DuckDB file holding demo raw data, truth and every dbt model and test."""
    reuse = os.environ.get("MTA_TEST_DB")
    if reuse:
        return Path(reuse)
    work_dir = tmp_path_factory.mktemp("warehouse")
    db_path = work_dir / "attribution.duckdb"
    generate(db_path, float(os.environ.get("MTA_TEST_SCALE", "0.3")), int(os.environ.get("MTA_TEST_SEED", "7")))
    run_dbt(["build"], db_path, work_dir)
    return db_path


@pytest.fixture(scope="session")
def db(built_warehouse):
    """A read-only connection to the built warehouse."""
    con = duckdb.connect(str(built_warehouse), read_only=True)
    con.execute("set TimeZone = 'UTC'")
    yield con
    con.close()
