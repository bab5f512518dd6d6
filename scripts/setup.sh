#!/usr/bin/env bash
# Create .venv and install the pinned requirements from the hashed lockfile
# (skipped when nothing changed).
#
# Usage: bash scripts/setup.sh [--engines]
#   --engines  also install requirements-engines.txt (dbt-postgres, dbt-spark,
#              pyspark) for the PostgreSQL and Spark builds of scripts/engines/.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
engines=0
for arg in "$@"; do
    case "$arg" in
    --engines) engines=1 ;;
    *) echo "usage: setup.sh [--engines]" >&2; exit 2 ;;
    esac
done
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
pip_install() {
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@"
}
# The core install comes from the hashed lockfile (requirements.lock, made from
# requirements.txt by uv: see CONTRIBUTING.md), so every machine gets the same
# files, checked against their SHA-256.
stamp=.venv/.requirements.sha256
want=$(cat requirements.txt requirements.lock | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    pip_install --upgrade pip
    pip_install --require-hashes -r requirements.lock
    echo "$want" > "$stamp"
    rm -f .venv/.requirements-engines.sha256
fi
if [ "$engines" = 1 ]; then
    stamp=.venv/.requirements-engines.sha256
    want=$(cat requirements.txt requirements-engines.txt | sha256sum | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        pip_install -r requirements-engines.txt
        echo "$want" > "$stamp"
    fi
fi
