#!/usr/bin/env bash
# Set up, generate the demo data and build the whole warehouse on DuckDB.
#   MTA_SCALE (default 1) and MTA_SEED (default 42) choose the demo data;
#   DBT_DUCKDB_PATH (default attribution.duckdb) chooses the database file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DBT_PROFILES_DIR="$PWD"
.venv/bin/python scripts/generate_data.py --scale "${MTA_SCALE:-1}" --seed "${MTA_SEED:-42}"
# The daily build (scripts/build.py): models, seeds and data tests, then the read
# copy for BI tools. Unit tests run in development and CI (scripts/test.sh), not
# in a user's build: their fixtures take the raw tables' physical types, which
# are the user's, not the project's.
.venv/bin/python scripts/build.py
.venv/bin/python scripts/first_look.py
