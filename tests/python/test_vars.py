"""A var of the wrong type or range fails with its name, before anything is built.

Every `mta_` var with a type or range has a rule (macros/settings/var_rules.sql).
Models and macros read such a var through `mta.setting`, which checks it where
it is first read (dbt renders every model while it parses, so that is before
any node runs); `mta.validate_vars` (on-run-start) checks every rule once more,
with the rules that relate two vars. Each case runs one small model with one
var set wrong and reads dbt's output. The defaults themselves live only in
dbt_project.yml: no var() call restates one (test_governance.py checks that).
"""

from __future__ import annotations

import re

import pytest

from conftest import run_dbt

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_with_vars(tmp_path, dbt_vars: str):
    proc = run_dbt(
        ["run", "--select", "time_spine_daily", "--vars", dbt_vars], tmp_path / "v.duckdb", tmp_path, check=False
    )
    return proc, ANSI.sub("", proc.stdout + proc.stderr)


@pytest.mark.parametrize(
    ("dbt_vars", "message"),
    [
        # text that is no number where a number belongs: `'thirty' * 60` used to give sixty 'thirty's
        ("{mta_session_timeout_minutes: thirty}", 'var mta_session_timeout_minutes must be a number > 0, got "thirty"'),
        # the text "false" is truthy: it used to switch the rule on
        ('{mta_reset_path_after_conversion: "false"}', "var mta_reset_path_after_conversion must be true or false"),
        ("{mta_path_transform: first}", "var mta_path_transform must be one of none, exposure, unique"),
        ("{mta_junk_identifiers: test}", 'var mta_junk_identifiers must be a list, got "test"'),
        ("{mta_max_path_touches: 2.5}", "var mta_max_path_touches must be null or an integer >= 1, got 2.5"),
        ("{mta_reporting_currency: dollars}", "var mta_reporting_currency must be a three-letter currency code"),
    ],
)
def test_a_wrong_var_fails_with_its_name(tmp_path, dbt_vars, message):
    proc, output = run_with_vars(tmp_path, dbt_vars)
    assert proc.returncode != 0
    assert message in output, output[-3000:]
    assert "Completed successfully" not in output


def test_related_vars_are_checked_at_run_start(tmp_path):
    proc, output = run_with_vars(tmp_path, "{mta_modeled_medium_confidence_min_conversions: 50}")
    assert proc.returncode != 0
    assert (
        "var mta_modeled_medium_confidence_min_conversions must not exceed mta_modeled_high_confidence_min_conversions"
        in output
    ), output[-3000:]
    assert "called by operation mta-on-run-start-0" in output  # the run-start check, before any node
    assert "OK created" not in output


def test_right_vars_pass(tmp_path):
    proc, output = run_with_vars(
        tmp_path,
        # a number written as text is that number: "45" from --vars, and 1e-12, which YAML reads as text
        '{mta_session_timeout_minutes: "45", mta_reset_path_after_conversion: true, mta_max_path_touches: 5,'
        " mta_dq_snapshot_date: 2026-05-01, mta_modeled_medium_confidence_min_conversions: 30,"
        " mta_markov_tolerance: 1e-12, mta_markov_order: '2'}",
    )
    assert proc.returncode == 0, output[-3000:]
