#!/usr/bin/env python3
"""Measure the warehouse: generator speed, `dbt build` time per model, peak memory.

Usage:
    python scripts/benchmark.py --scale 1 [--scale 10 ...] [--seed 42] [--days 90] [--incremental] [--out benchmarks/out]

For each scale it generates demo data into a fresh DuckDB file, runs
`dbt build` (models only by default: `--with-tests` adds the data tests), and
reads dbt's run_results.json. It prints a Markdown table (rows per raw table,
generator seconds, build seconds, the slowest models, the share of the
identity and data-driven models, peak resident memory of the dbt process) and
writes it with the raw timings as JSON under --out. With --incremental it then
runs a second, incremental build with no new data and reports the time of the
incremental models (the event tables' staging) in both runs: their cost on a
daily run is the late-data window's share of the history, plus one scan of
the raw tables' timestamps. Nothing is asserted: the figures go into the README.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import duckdb_storage  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[1]


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return (elapsed seconds, peak RSS of children in MiB so far)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=PROJECT_DIR, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-10000:] + proc.stderr[-5000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak_mib


def family(unique_id: str) -> str:
    name = unique_id.split(".")[-1]
    if "identit" in name or name == "dim_persons":
        return "identity"
    if "markov" in name or "shapley" in name or "data_driven" in name:
        return "data-driven"
    if name.startswith(("stg_", "base_")):
        return "staging"
    return "other"


INCREMENTAL_MODELS = {
    "base_web__events",
    "stg_web__events",
    "base_ads__clicks",
    "stg_ads__clicks",
    "base_messaging__events",
    "stg_messaging__events",
    "base_collectors__conversions",
    "stg_collectors__conversions",
}


def model_seconds(work: Path) -> dict[str, float]:
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    return {r["unique_id"].split(".")[-1]: r["execution_time"] for r in results}


def bench(scale: float, seed: int, out: Path, with_tests: bool, days: int, incremental: bool) -> dict:
    work = out / f"scale_{scale:g}"
    work.mkdir(parents=True, exist_ok=True)
    db = work / "attribution.duckdb"
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    env = dict(
        os.environ,
        DBT_DUCKDB_PATH=str(db),
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
    )
    python = sys.executable
    dbt = str(Path(python).with_name("dbt"))
    gen_s, _ = run(
        [
            python,
            "scripts/generate_data.py",
            "--db",
            str(db),
            "--scale",
            str(scale),
            "--seed",
            str(seed),
            "--days",
            str(days),
            "--no-progress",
            # the history ends a week before today, so no event lies in the future
            "--start-date",
            (dt.date.today() - dt.timedelta(days=days + 7)).isoformat(),
        ],
        env,
    )
    # the generator created the file in the project's storage version (MTA_DUCKDB_STORAGE_VERSION)
    con = duckdb_storage.connect(db, read_only=True)
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'raw' order by table_name"
        ).fetchall()
    ]
    raw_rows = {t: con.execute(f'select count(*) from raw."{t}"').fetchone()[0] for t in tables}
    con.close()
    build_cmd = [dbt, "build"] if with_tests else [dbt, "build", "--resource-type", "model", "--resource-type", "seed"]
    build_s, peak = run(build_cmd, env)
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    timings = sorted(((r["unique_id"], r["execution_time"]) for r in results), key=lambda x: -x[1])
    by_family: dict[str, float] = {}
    for uid, t in timings:
        by_family[family(uid)] = by_family.get(family(uid), 0.0) + t
    total_exec = sum(t for _, t in timings) or 1.0
    report = {
        "scale": scale,
        "seed": seed,
        "raw_rows": raw_rows,
        "generator_seconds": round(gen_s, 1),
        "build_seconds": round(build_s, 1),
        "peak_rss_mib": round(peak),
        "storage_version": duckdb_storage.storage_version(),
        "db_file_mib": round(db.stat().st_size / 2**20, 1),
        "family_share": {k: round(v / total_exec, 3) for k, v in by_family.items()},
        "slowest": [(uid.split(".")[-1], round(t, 2)) for uid, t in timings[:8]],
    }
    if incremental:
        full = model_seconds(work)
        incr_s, _ = run(build_cmd, env)
        again = model_seconds(work)
        report["incremental"] = {
            "days": days,
            "rebuild_seconds": round(incr_s, 1),
            "incremental_models_full_seconds": round(sum(full[m] for m in INCREMENTAL_MODELS), 2),
            "incremental_models_incremental_seconds": round(sum(again[m] for m in INCREMENTAL_MODELS), 2),
            "model_seconds_full_build": {m: round(t, 2) for m, t in sorted(full.items())},
            "model_seconds_incremental_run": {m: round(t, 2) for m, t in sorted(again.items())},
        }
    (work / "benchmark.json").write_text(json.dumps(report, indent=2))
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, action="append", help="generator scale (repeatable)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "benchmarks" / "out")
    parser.add_argument("--days", type=int, default=90, help="days of demo history (generator --days)")
    parser.add_argument("--incremental", action="store_true", help="then time an incremental rebuild with no new data")
    parser.add_argument("--with-tests", action="store_true", help="include dbt data and unit tests in the timed build")
    args = parser.parse_args()
    reports = [
        bench(s, args.seed, args.out, args.with_tests, args.days, args.incremental) for s in (args.scale or [1.0])
    ]
    print(
        "| scale | web events | raw rows | generate (s) | dbt build (s) | peak RSS (MiB) | identity share | data-driven share | slowest models |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in reports:
        slow = ", ".join(f"{n} {t}s" for n, t in r["slowest"][:3])
        print(
            f"| {r['scale']:g} | {r['raw_rows'].get('web_events', 0):,} | {sum(r['raw_rows'].values()):,} | "
            f"{r['generator_seconds']} | {r['build_seconds']} | {r['peak_rss_mib']} | "
            f"{r['family_share'].get('identity', 0):.0%} | {r['family_share'].get('data-driven', 0):.0%} | {slow} |"
        )
    if args.incremental:
        print()
        print(
            "| scale | days of history | event staging, full build (s) | event staging, incremental run (s) | whole rebuild (s) |"
        )
        print("|---|---|---|---|---|")
        for r in reports:
            inc = r["incremental"]
            print(
                f"| {r['scale']:g} | {inc['days']} | {inc['incremental_models_full_seconds']} | "
                f"{inc['incremental_models_incremental_seconds']} | {inc['rebuild_seconds']} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
