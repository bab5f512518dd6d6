#!/usr/bin/env bash
# The dashboard, in one command: set up, build the demo warehouse when there is
# neither a warehouse nor a read copy (a fresh clone), and serve apps/dashboard/ on
# http://127.0.0.1:8501. A warehouse without a read copy is never overwritten with
# demo data: the script asks for scripts/build.py, which publishes the read copy.
#
# Usage: bash scripts/dashboard.sh [--setup] [--test-tools]
#   --setup       install and exit: do not build or serve
#   --test-tools  also install what the browser test needs: requirements-dashboard-test.txt
#                 (Playwright) and Debian's chromium with apt-get when the browser is missing
#
# Environment:
#   MTA_DASHBOARD_PORT  port (default 8501); the server listens on 127.0.0.1 only
#   MTA_CHROMIUM        the browser the test drives (default /usr/bin/chromium, Debian's package)
#   MTA_READ_PATH       the read copy the dashboard reads (default attribution.read.duckdb beside
#                       DBT_DUCKDB_PATH, which defaults to attribution.duckdb), read-only
#
# The dashboard's requirements (requirements-dashboard.txt) are optional: they go into
# .venv on top of requirements.txt, and nothing else in the project needs them. The
# dashboard opens only the read copy that scripts/build.py publishes, never the warehouse,
# so it never blocks a build; a new build shows on the next page load.
set -euo pipefail
cd "$(dirname "$0")/.."
setup_only=0
test_tools=0
for arg in "$@"; do
    case "$arg" in
    --setup) setup_only=1 ;;
    --test-tools) test_tools=1 ;;
    *) echo "usage: dashboard.sh [--setup] [--test-tools]" >&2; exit 2 ;;
    esac
done

bash scripts/setup.sh
pip_install() {
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@"
}
# Install on top of the core requirements, skipped when nothing changed. requirements.txt
# is a constraint, so the dashboard's packages never move a core pin.
requirements=requirements-dashboard.txt
stamp=.venv/.requirements-dashboard.sha256
if [ "$test_tools" = 1 ]; then
    requirements=requirements-dashboard-test.txt
    stamp=.venv/.requirements-dashboard-test.sha256
fi
want=$(cat requirements.txt requirements-dashboard.txt "$requirements" | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    pip_install -r "$requirements" -c requirements.txt
    echo "$want" > "$stamp"
fi
if [ "$test_tools" = 1 ] && [ ! -x "${MTA_CHROMIUM:-/usr/bin/chromium}" ]; then
    # Debian's Chromium: the test drives it with Playwright (never Playwright's own browser download).
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
[ "$setup_only" = 1 ] && exit 0

paths=$(.venv/bin/python -c 'import sys; sys.path.insert(0, "scripts")
from warehouse_files import read_copy_path, warehouse_path
print(warehouse_path()); print(read_copy_path())')
warehouse=$(echo "$paths" | sed -n 1p)
read_copy=$(echo "$paths" | sed -n 2p)
if [ ! -f "$read_copy" ]; then
    if [ -f "$warehouse" ]; then
        # A warehouse of someone's own data: never overwrite it with demo data.
        echo "dashboard: no read copy at $read_copy; build and publish it first:" \
            ".venv/bin/python scripts/build.py (it writes $warehouse, then the read copy)" >&2
        exit 1
    fi
    echo "dashboard: no warehouse and no read copy; building the demo warehouse first (bash scripts/demo.sh)"
    bash scripts/demo.sh
fi
port="${MTA_DASHBOARD_PORT:-8501}"
echo "dashboard: http://127.0.0.1:$port/ reading $read_copy (read-only)"
export MTA_READ_PATH="$read_copy"
exec .venv/bin/python -m streamlit run apps/dashboard/app.py \
    --server.address 127.0.0.1 \
    --server.port "$port" \
    --server.headless true \
    --server.fileWatcherType none \
    --server.runOnSave false \
    --browser.gatherUsageStats false \
    --client.toolbarMode minimal \
    --theme.base light
