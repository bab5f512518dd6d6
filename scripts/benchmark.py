#!/usr/bin/env python3
"""Measure the warehouse: generator speed, `dbt build` time per model, peak memory.

Usage:
    python scripts/benchmark.py --scale 1 [--scale 10 ...] [--seed 42] [--days 90] [--incremental] [--out benchmarks/out]
    python scripts/benchmark.py --history-events 10000000 [--micro-batches 3] [--seed 42] [--days 90] [--out ...]

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

With --history-events N it instead writes a synthetic history of N web events
in SQL (scripts/benchmark_history.py), times a full `dbt build` (without unit
tests), then --micro-batches times: appends a 15-minute micro-batch (with one
late row and one retried duplicate) and times an incremental `dbt build`.
Last it copies the database, runs `dbt build --full-refresh` on the copy and
compares every relation of marts, exports and audit between the two
(tests/python/warehouse_tools.py), naming the columns of any relation that
differs. It prints a Markdown table and writes history_<N>/benchmark.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import duckdb_storage  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[1]
BUILD_WITHOUT_UNIT_TESTS = ["build", "--exclude-resource-type", "unit_test"]


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


def run_measured(cmd: list[str], env: dict[str, str]) -> dict:
    """Run a command; return its wall seconds, its own peak RSS (MiB), return code and output tail."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": round(time.perf_counter() - start, 1),
        "peak_rss_mib": round(usage.ru_maxrss / 1024),
        "returncode": proc.returncode,
        "tail": output[-4000:] if proc.returncode else "",
    }


def dbt_step(name: str, args: list[str], env: dict[str, str], target: Path) -> dict:
    """One timed dbt command, with its per-model times and failures from run_results.json."""
    dbt = str(Path(sys.executable).with_name("dbt"))
    step = {"step": name, **run_measured([dbt, *args], env)}
    results_file = target / "run_results.json"
    results = json.loads(results_file.read_text())["results"] if results_file.exists() else []
    shutil.copyfile(results_file, target.parent / f"run_results_{name.replace(' ', '_')}.json")
    step["model_seconds"] = {
        r["unique_id"].split(".")[-1]: round(r["execution_time"], 2)
        for r in results
        if r["unique_id"].startswith("model.")
    }
    step["failures"] = [r["unique_id"] for r in results if r["status"] in ("error", "fail")]
    if step["returncode"]:
        sys.stderr.write(f"{name}: dbt exited with {step['returncode']}\n{step['tail']}\n")
    return step


def column_differences(db_a: Path, db_b: Path, relation: str) -> list[str]:
    """The columns of a relation whose values (as a multiset) differ between two warehouses."""
    from warehouse_tools import columns, connect, quote

    diffs = []
    con_a, con_b = connect(db_a), connect(db_b)
    try:
        cols_a, cols_b = dict(columns(con_a, relation)), dict(columns(con_b, relation))
        for col in sorted(set(cols_a) | set(cols_b)):
            if col not in cols_a or col not in cols_b:
                diffs.append(f"{col} (only in one)")
                continue
            sql = f"select count(*), bit_xor(hash({quote(col)})), sum(hash({quote(col)})::hugeint) from {relation}"
            if con_a.execute(sql).fetchone() != con_b.execute(sql).fetchone():
                diffs.append(col)
    finally:
        con_a.close()
        con_b.close()
    return diffs


def quarantine_summary(db: Path) -> list[dict]:
    """Rows quarantined per raw table and reason, with the table's share."""
    con = duckdb_storage.connect(db, read_only=True)
    try:
        rows = con.execute("""
            select q.table_name, q.reason, count(*) as n, any_value(r.raw_rows) as raw_rows
            from audit.audit_quarantine as q
            left join audit.audit_raw_reconciliation as r on r.table_name = q.table_name
            group by all order by 1, 2
        """).fetchall()
    finally:
        con.close()
    return [
        {"table": t, "reason": reason, "rows": n, "share": round(n / raw, 6) if raw else None}
        for t, reason, n, raw in rows
    ]


def history_bench(
    events: int, batches: int, seed: int, days: int, out: Path, minutes: int, dbt_vars: str | None = None
) -> dict:
    """Full build of a SQL-generated history, micro-batches, and a full-refresh comparison."""
    import benchmark_history

    sys.path.insert(0, str(PROJECT_DIR / "tests" / "python"))
    from warehouse_tools import PUBLIC_SCHEMAS, connect, public_relation_differences, relations

    work = out / f"history_{events}"
    build = BUILD_WITHOUT_UNIT_TESTS + (["--vars", dbt_vars] if dbt_vars else [])
    shutil.rmtree(work, ignore_errors=True)
    (work / "incremental").mkdir(parents=True)
    db = work / "incremental" / "attribution.duckdb"

    def env_for(folder: Path, database: Path) -> dict[str, str]:
        return dict(
            os.environ,
            DBT_DUCKDB_PATH=str(database),
            DBT_PROFILES_DIR=str(PROJECT_DIR),
            DBT_TARGET_PATH=str(folder / "target"),
            DBT_LOG_PATH=str(folder / "logs"),
            DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        )

    env = env_for(work / "incremental", db)
    target = work / "incremental" / "target"
    start = time.perf_counter()
    con = benchmark_history.connect(db, memory_limit="1GB")
    benchmark_history.generate_history(con, events, days, seed)
    raw_rows = benchmark_history.table_rows(con)
    con.close()
    report: dict = {
        "history_events": events,
        "days": days,
        "seed": seed,
        "dbt_vars": dbt_vars,
        "raw_rows": raw_rows,
        "generate_seconds": round(time.perf_counter() - start, 1),
        "generate_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "db_file_mib_before_build": round(db.stat().st_size / 2**20, 1),
        "steps": [dbt_step("full build", build, env, target)],
    }
    for k in range(1, batches + 1):
        start = time.perf_counter()
        con = benchmark_history.connect(db, memory_limit="1GB")
        added = benchmark_history.append_micro_batch(con, None, minutes)
        con.close()
        step = dbt_step(f"micro-batch {k}", build, env, target)
        step["append_seconds"] = round(time.perf_counter() - start - step["seconds"], 2)
        step["batch"] = added
        report["steps"].append(step)
    full_dir = work / "full_refresh"
    full_dir.mkdir()
    full_db = full_dir / "attribution.duckdb"
    shutil.copyfile(db, full_db)
    report["steps"].append(
        dbt_step(
            "full refresh",
            [*build, "--full-refresh"],
            env_for(full_dir, full_db),
            full_dir / "target",
        )
    )
    con = connect(full_db)
    compared = relations(con, PUBLIC_SCHEMAS)
    con.close()
    differences, float_noise = public_relation_differences(db, full_db)
    different = sorted({d.split(":")[0] for d in differences})
    report["comparison"] = {
        "relations": len(compared),
        "equal": len(compared) - len(different),
        "different": {r: column_differences(db, full_db, r) for r in different if "." in r and " " not in r},
        "details": differences,
        "float_noise_below_1e-9": float_noise,
    }
    report["quarantine"] = quarantine_summary(db)
    report["db_file_mib"] = round(db.stat().st_size / 2**20, 1)
    (work / "benchmark.json").write_text(json.dumps(report, indent=2))
    return report


def print_history_report(r: dict) -> None:
    steps = r["steps"]
    full_s = steps[0]["seconds"] or 1.0
    print(
        f"History: {r['history_events']:,} web events, {sum(r['raw_rows'].values()):,} raw rows over "
        f"{r['days']} days, generated in {r['generate_seconds']} s (peak RSS {r['generate_peak_rss_mib']} MiB)."
    )
    print()
    print("| step | wall (s) | / full build | peak RSS (MiB) | dbt exit | slowest models |")
    print("|---|---|---|---|---|---|")
    for s in steps:
        slow = sorted(s["model_seconds"].items(), key=lambda x: -x[1])[:3]
        print(
            f"| {s['step']} | {s['seconds']} | {s['seconds'] / full_s:.2f} | {s['peak_rss_mib']} | "
            f"{s['returncode']} | {', '.join(f'{n} {t}s' for n, t in slow)} |"
        )
    c = r["comparison"]
    print()
    print(f"Incremental vs full refresh: {c['equal']} of {c['relations']} relations of marts, exports, audit equal.")
    for relation, cols in c["different"].items():
        print(f"- {relation} differs in columns: {', '.join(cols) or '(row multiset only)'}")
    for detail in c["details"]:
        print(f"  - {detail}")
    quarantined = sum(q["rows"] for q in r["quarantine"])
    print()
    print(f"Quarantined rows: {quarantined:,}")
    for q in r["quarantine"]:
        print(f"- {q['table']} {q['reason']}: {q['rows']:,} ({q['share']:.3%} of the table)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, action="append", help="generator scale (repeatable)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "benchmarks" / "out")
    parser.add_argument("--days", type=int, default=90, help="days of demo history (generator --days)")
    parser.add_argument("--incremental", action="store_true", help="then time an incremental rebuild with no new data")
    parser.add_argument("--with-tests", action="store_true", help="include dbt data and unit tests in the timed build")
    parser.add_argument(
        "--history-events",
        type=int,
        help="instead: a SQL-generated history of this many web events, then micro-batches",
    )
    parser.add_argument("--micro-batches", type=int, default=3, help="micro-batches after the full build")
    parser.add_argument("--batch-minutes", type=int, default=15, help="minutes of new events per micro-batch")
    parser.add_argument("--dbt-vars", help="--vars for every dbt build of --history-events, e.g. the late-data window")
    args = parser.parse_args()
    if args.history_events:
        report = history_bench(
            args.history_events, args.micro_batches, args.seed, args.days, args.out, args.batch_minutes, args.dbt_vars
        )
        print_history_report(report)
        failed = [s["step"] for s in report["steps"] if s["returncode"]]
        return 1 if failed or report["comparison"]["different"] or report["comparison"]["details"] else 0
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
