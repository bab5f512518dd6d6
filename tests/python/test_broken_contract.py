"""A broken raw contract fails `dbt build` with a message naming what is missing.

The raw contract (../shared/spec/raw-contract.md): "a broken contract (a
missing table or column) fails it with a message that names the table and
column". Each case starts from the contract's tables, empty and typed as
scripts/raw_contract.py says, breaks one thing, runs `dbt build` and reads
dbt's output. (That an intact contract builds, extra columns included, is
shown by the hostile warehouse of test_hostile_input.py.)
"""

from __future__ import annotations

import re

import pytest

from conftest import run_dbt
from warehouse_tools import BUILD_ARGS, connect, create_empty_raw_tables

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build_with(tmp_path, breakage: str | None):
    db_path = tmp_path / "attribution.duckdb"
    con = connect(db_path, read_only=False)
    create_empty_raw_tables(con)
    if breakage:
        con.execute(breakage)
    con.close()
    proc = run_dbt(BUILD_ARGS, db_path, tmp_path, check=False)
    return proc, ANSI.sub("", proc.stdout + proc.stderr)


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "error" in line.lower() or "missing" in line.lower()]


@pytest.mark.parametrize(
    ("breakage", "table", "column"),
    [
        ("drop table raw.crm_deal_stage_history", "crm_deal_stage_history", None),
        ("alter table raw.web_events drop column consent_marketing", "web_events", "consent_marketing"),
        ("alter table raw.conversions drop column revenue", "conversions", "revenue"),
    ],
    ids=["missing_table", "missing_column_web_events", "missing_column_conversions"],
)
def test_broken_contract_fails_naming_table_and_column(tmp_path, breakage, table, column):
    proc, output = build_with(tmp_path, breakage)
    assert proc.returncode != 0, f"dbt build succeeded although the contract is broken ({breakage})"
    # One error message names the table, qualified by its schema (DuckDB's own catalog error does not), and
    # the column when a column is missing.
    naming = [line for line in error_lines(output)
              if re.search(rf"\braw\.{table}\b", line) and (column is None or re.search(rf"\b{column}\b", line))]
    assert naming, f"no error line names {table}{' and ' + column if column else ''}:\n" + "\n".join(
        error_lines(output)[:40])
    if column is None:
        assert any("missing" in line.lower() or "does not exist" in line.lower() for line in naming), naming
    else:
        assert any("missing" in line.lower() or "not found" in line.lower() for line in naming), naming
