#!/usr/bin/env bash
# Set up and run the checks CI runs: sqlfluff lint, then the pytest suite, which
# generates demo data, runs `dbt build` (models, data tests and unit tests) and
# checks the results against the generator's truth and independent references.
#
# Engines: by default the suite also builds the same demo data on PostgreSQL and
# Apache Spark and compares every public relation with DuckDB
# (tests/python/test_engines.py, scripts/engines/): setup installs
# requirements-engines.txt, the start scripts run local servers (PostgreSQL and
# Java 17 are installed with apt-get when missing). Environment:
#   MTA_SKIP_ENGINES=1        DuckDB only: no engine install, no engine builds
#   MTA_TEST_ENGINES=postgres the engines to check (default postgres,spark)
# Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
step_started=$SECONDS
step() {
    echo "== $1 (previous step $((SECONDS - step_started)) s)"
    step_started=$SECONDS
}

echo "== setup"
if [ "${MTA_SKIP_ENGINES:-0}" = 1 ]; then
    bash scripts/setup.sh
    export MTA_TEST_ENGINES=""
else
    bash scripts/setup.sh --engines
    export MTA_TEST_ENGINES="${MTA_TEST_ENGINES:-postgres,spark}"
fi
export DBT_PROFILES_DIR="$PWD"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DBT_TARGET_PATH="$work/target" DBT_LOG_PATH="$work/logs"
export MTA_ENGINE_TIMINGS="$work/engine_timings.txt"

step "ruff (Python lint and format)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

step "sqlfluff lint"
# The dbt templater compiles the project against a database: give it a small built one.
DBT_DUCKDB_PATH="$work/lint.duckdb" .venv/bin/python scripts/generate_data.py --db "$work/lint.duckdb" --scale 0.05 --seed 1 --no-progress >/dev/null
DBT_DUCKDB_PATH="$work/lint.duckdb" .venv/bin/dbt seed --quiet
DBT_DUCKDB_PATH="$work/lint.duckdb" .venv/bin/sqlfluff lint models analyses --processes 0 --disable-progress-bar

step "pytest (engines: ${MTA_TEST_ENGINES:-none})"
status=0
.venv/bin/python -m pytest tests/python --durations=8 "$@" || status=$?
if [ -f "$MTA_ENGINE_TIMINGS" ]; then
    echo "== engine steps (seconds)"
    cat "$MTA_ENGINE_TIMINGS"
fi
echo "== done: pytest $((SECONDS - step_started)) s, total $((SECONDS - started)) s"
exit "$status"
