#!/usr/bin/env python3
"""Generate the demo raw data (schema `raw`) and its ground truth (schema `truth`).

Usage:
    python scripts/generate_data.py [--db PATH] [--scale FLOAT] [--seed INT]
        [--start-date YYYY-MM-DD] [--days INT] [--raw-schema raw] [--no-progress]

--scale 1 is a small demo (about 5,000 people over 90 days); the output is
deterministic for a given seed, scale, start date and number of days. Existing
raw and truth tables are replaced. See docs/generator.md for the simulated
world, the causal model behind truth.channel_incrementality and the dirt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mta_generator.pipeline import run  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[1]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        default=os.environ.get("DBT_DUCKDB_PATH") or str(PROJECT_DIR / "attribution.duckdb"),
        help="DuckDB file to write (default: $DBT_DUCKDB_PATH or attribution.duckdb in the project root)",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1 = about 5,000 people (default 1)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--start-date",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 8, 1),
        help="first day of the simulated period, YYYY-MM-DD (default 2026-08-01)",
    )
    parser.add_argument("--days", type=int, default=90, help="length of the period in days (default 90)")
    parser.add_argument("--raw-schema", default="raw", help="schema for the raw tables (default raw)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.days < 7:
        parser.error("--days must be at least 7")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    counts = run(
        db=args.db,
        scale=args.scale,
        seed=args.seed,
        start=args.start_date,
        days=args.days,
        raw_schema=args.raw_schema,
        progress=not args.no_progress,
    )
    for name, rows in counts.items():
        print(f"{name:<36} {rows:>12,} rows")
    print(f"generated scale {args.scale} seed {args.seed} into {args.db} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
