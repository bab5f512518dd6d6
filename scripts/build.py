#!/usr/bin/env python3
"""The daily build: one writer at a time, then a read copy for BI tools.

Usage:
    python scripts/build.py [--wait] [--no-publish] [--with-unit-tests] [DBT_ARGS ...]

1. Takes the warehouse's writer lock (scripts/warehouse_files.py). If another
   build, load or export holds it, stops with a one-line message (exit 75),
   or waits with --wait. If another process has the warehouse file itself
   open, stops with a one-line message naming it instead of dbt's traceback.
2. Runs `dbt build --exclude-resource-type unit_test` on the warehouse
   (DBT_DUCKDB_PATH, default attribution.duckdb) with any extra dbt arguments
   (e.g. --full-refresh, --select ...). Unit tests run in development and CI
   (scripts/test.sh); --with-unit-tests runs them here too.
3. When every model and test passed, publishes the read copy (MTA_READ_PATH,
   default attribution.read.duckdb): a copy of the warehouse renamed over the
   old read copy in one atomic step. BI tools read the read copy; a reader
   with the old copy open keeps a complete snapshot and never blocks a build.
   A failed build publishes nothing: readers keep the last good warehouse.

Exit code: dbt's when it fails, 75 when the warehouse is busy, else 0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from warehouse_files import (  # noqa: E402
    PROJECT_DIR,
    WarehouseBusy,
    check_not_open_elsewhere,
    publish_read_copy,
    read_copy_path,
    warehouse_path,
    writer_lock,
)

EX_TEMPFAIL = 75


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--wait", action="store_true", help="wait for another writer instead of stopping")
    parser.add_argument("--no-publish", action="store_true", help="do not refresh the read copy")
    parser.add_argument("--with-unit-tests", action="store_true", help="run the dbt unit tests too")
    args, dbt_args = parser.parse_known_args(argv)

    warehouse = warehouse_path()
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    env["DBT_DUCKDB_PATH"] = str(warehouse)
    command = [
        dbt_executable(),
        "build",
        *([] if args.with_unit_tests else ["--exclude-resource-type", "unit_test"]),
        *dbt_args,
    ]
    try:
        with writer_lock(warehouse, "dbt build", wait=args.wait):
            check_not_open_elsewhere(warehouse)
            started = time.perf_counter()
            status = subprocess.run(command, env=env, cwd=PROJECT_DIR).returncode
            built = time.perf_counter() - started
            if status != 0:
                print(
                    f"build: dbt build failed (exit {status}) after {built:.1f} s; "
                    f"the read copy {read_copy_path(warehouse).name} was left as it was",
                    file=sys.stderr,
                )
                return status
            if args.no_publish:
                print(f"build: done in {built:.1f} s (read copy not published)")
                return 0
            read_copy, seconds, size = publish_read_copy(warehouse)
            print(f"build: done in {built:.1f} s; published {read_copy} ({size / 1e6:.1f} MB) in {seconds:.1f} s")
            return 0
    except WarehouseBusy as busy:
        print(f"build: {busy}", file=sys.stderr)
        return EX_TEMPFAIL


if __name__ == "__main__":
    sys.exit(main())
