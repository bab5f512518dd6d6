"""A broken raw contract fails the build first, with a message naming what is missing.

The raw contract (docs/raw-contract.md): each table has a small set of
required columns, and only `conversions` must exist. A missing required table
or column fails `dbt build`, `dbt run` and `dbt test` before any model or unit
test runs, with `raw contract: table raw.X is missing column Y`. Each case
starts from the contract's tables, empty and typed as scripts/raw_contract.py
says, breaks one thing and reads dbt's output. (That missing optional columns
and tables build is shown by the alien warehouse of test_alien_warehouse.py.)
"""

from __future__ import annotations

import re

import pytest

from conftest import run_dbt
from warehouse_tools import BUILD_ARGS, connect, create_empty_raw_tables

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A line dbt prints when it starts a model, test or unit test.
NODE_STARTED = re.compile(r"\bSTART (sql|unit_test|test|seed)\b")


def run_with(tmp_path, breakage: str, command: list[str]):
    db_path = tmp_path / "attribution.duckdb"
    con = connect(db_path, read_only=False)
    create_empty_raw_tables(con)
    con.execute(breakage)
    con.close()
    proc = run_dbt(command, db_path, tmp_path, check=False)
    return proc, ANSI.sub("", proc.stdout + proc.stderr)


@pytest.mark.parametrize(
    ("breakage", "command", "message"),
    [
        ("drop table raw.conversions", BUILD_ARGS, "raw contract: table raw.conversions is missing"),
        (
            "alter table raw.web_events drop column page_url",
            BUILD_ARGS,
            "raw contract: table raw.web_events is missing column page_url",
        ),
        (
            "alter table raw.conversions drop column occurred_at",
            ["run"],
            "raw contract: table raw.conversions is missing column occurred_at",
        ),
        (
            "alter table raw.ad_spend drop column spend",
            ["test"],
            "raw contract: table raw.ad_spend is missing column spend",
        ),
        (
            "alter table raw.crm_deal_stage_history drop column entered_at",
            ["build"],
            "raw contract: table raw.crm_deal_stage_history is missing column entered_at",
        ),
    ],
    ids=[
        "missing_required_table",
        "build_missing_column",
        "run_missing_column",
        "test_missing_column",
        "build_with_unit_tests_missing_column",
    ],
)
def test_broken_contract_fails_first_naming_table_and_column(tmp_path, breakage, command, message):
    proc, output = run_with(tmp_path, breakage, command)
    assert proc.returncode != 0, f"dbt {command[0]} succeeded although the contract is broken ({breakage})"
    assert message in output, f"the output does not say {message!r}:\n{output[-3000:]}"
    started = NODE_STARTED.findall(output)
    assert not started, f"nodes ran before the contract check failed: {started[:5]}"


def test_absent_optional_table_is_named_not_silently_empty(tmp_path):
    """An optional table that is absent (never loaded, or a misspelt mta_<table>_identifier
    var in a project that installs the package) builds as empty, and the run says so
    once, naming the table it looked for; the tables that are there are not named."""
    proc, output = run_with(
        tmp_path,
        "select 1",
        [
            "build",
            "--select",
            "+base_ads__spend",
            "--resource-type",
            "seed",
            "--resource-type",
            "model",
            "--vars",
            "{mta_ad_spend_identifier: adspend}",
        ],
    )
    assert proc.returncode == 0, output[-3000:]
    assert "raw contract: optional table raw.adspend is absent; built as empty" in output, output[-3000:]
    assert output.count("raw contract: optional table") == 1, output[-3000:]
