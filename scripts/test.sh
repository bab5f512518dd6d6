#!/usr/bin/env bash
# Set up and run the checks CI runs: sqlfluff lint, then the pytest suite, which
# generates demo data, runs `dbt build` (models, data tests and unit tests) and
# checks the results against the generator's truth and independent references.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DBT_PROFILES_DIR="$PWD"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DBT_TARGET_PATH="$work/target" DBT_LOG_PATH="$work/logs"

echo "== sqlfluff lint"
# The dbt templater compiles the project against a database: give it a small built one.
DBT_DUCKDB_PATH="$work/lint.duckdb" .venv/bin/python scripts/generate_data.py --db "$work/lint.duckdb" --scale 0.05 --seed 1 --no-progress >/dev/null
DBT_DUCKDB_PATH="$work/lint.duckdb" .venv/bin/dbt seed --quiet
DBT_DUCKDB_PATH="$work/lint.duckdb" .venv/bin/sqlfluff lint models analyses --disable-progress-bar

echo "== pytest"
.venv/bin/python -m pytest tests/python "$@"
