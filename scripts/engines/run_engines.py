#!/usr/bin/env python3
"""Build the demo data on PostgreSQL and/or Spark and compare with DuckDB.

Usage:
    python scripts/engines/run_engines.py --engines postgres,spark --build-dir DIR
        [--duckdb BUILT_DUCKDB_FILE] [--scale 0.1] [--seed 7] [--no-rebuild] [--keep-servers]

Steps: (1) unless --duckdb names an already built warehouse, generate demo data
into DIR/duckdb.duckdb and `dbt build` it on DuckDB; (2) per engine, start a
local server (scripts/engines/start_<engine>.sh), copy the raw schema into it
(copy_raw.py), run `dbt build --target <engine>`, and compare every public
relation with DuckDB (compare_engines.py); then, unless --no-rebuild, run a
second `dbt build --target <engine>` on the same data (incremental models take
their incremental path; data tests run again, unit tests, which do not depend
on the state, do not) and compare again: the rerun must leave every public
relation equal to DuckDB's; (3) stop the servers by their PIDs.
Prints the time of every step. Exit status 1 when a build fails or a relation
differs. Needs requirements-engines.txt installed in this interpreter's venv.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

ENGINES_DIR = Path(__file__).resolve().parent
PROJECT_DIR = ENGINES_DIR.parents[1]
sys.path.insert(0, str(ENGINES_DIR))
import compare_engines  # noqa: E402


def log(message: str) -> None:
    print(f"[run_engines] {message}", file=sys.stderr, flush=True)


def bin_path(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def base_env(build_dir: Path, duckdb_path: Path, name: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DBT_DUCKDB_PATH": str(duckdb_path),
            "DBT_TARGET_PATH": str(build_dir / f"target_{name}"),
            "DBT_LOG_PATH": str(build_dir / f"logs_{name}"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "PYTHON": sys.executable,
        }
    )
    return env


def run(cmd: list[str], env: dict[str, str], what: str, log_file: Path | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=PROJECT_DIR, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if log_file is not None:
        log_file.write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        tail = (proc.stdout[-6000:] + "\n" + proc.stderr[-3000:]).strip()
        raise RuntimeError(f"{what} failed after {elapsed:.0f} s:\n{tail}")
    log(f"{what}: {elapsed:.1f} s")
    return elapsed, proc.stdout


def start_server(engine: str, build_dir: Path, env: dict[str, str]) -> dict[str, str]:
    script = ENGINES_DIR / f"start_{engine}.sh"
    _, out = run(["bash", str(script), "start", str(build_dir)], env, f"start {engine}")
    exported = {}
    for line in out.splitlines():
        if line.startswith("export "):
            for pair in shlex.split(line[len("export ") :]):
                key, _, value = pair.partition("=")
                exported[key] = value
    return exported


def stop_server(engine: str, build_dir: Path, env: dict[str, str]) -> None:
    subprocess.run(
        ["bash", str(ENGINES_DIR / f"start_{engine}.sh"), "stop", str(build_dir)], env=env, cwd=PROJECT_DIR, check=False
    )


def run_engines(
    engines: list[str],
    build_dir: Path,
    duckdb_path: Path | None = None,
    scale: float = 0.1,
    seed: int = 7,
    keep_servers: bool = False,
    rebuild: bool = True,
) -> dict[str, dict[str, float]]:
    """Run the whole check; returns the measured seconds per engine and step. Raises on failure.

    With rebuild, a second `dbt build` per engine (no new data) must leave the relations equal too.
    """
    build_dir = build_dir.resolve()
    build_dir.mkdir(parents=True, exist_ok=True)
    timings: dict[str, dict[str, float]] = {}
    if duckdb_path is None:
        duckdb_path = build_dir / "duckdb.duckdb"
        env = base_env(build_dir, duckdb_path, "duckdb")
        run(
            [
                sys.executable,
                str(PROJECT_DIR / "scripts" / "generate_data.py"),
                "--db",
                str(duckdb_path),
                "--scale",
                str(scale),
                "--seed",
                str(seed),
                "--no-progress",
            ],
            env,
            "generate demo data",
        )
        elapsed, _ = run(
            [bin_path("dbt"), "build", "--target", "duckdb", "--project-dir", str(PROJECT_DIR)],
            env,
            "dbt build --target duckdb",
            build_dir / "build_duckdb.log",
        )
        timings["duckdb"] = {"build": elapsed}
    failures = []
    for engine in engines:
        env = base_env(build_dir, duckdb_path, engine)
        steps: dict[str, float] = {}
        timings[engine] = steps
        started = False
        try:
            t0 = time.perf_counter()
            env.update(start_server(engine, build_dir, env))
            started = True
            steps["start"] = time.perf_counter() - t0
            copy_cmd = [sys.executable, str(ENGINES_DIR / "copy_raw.py"), "--db", str(duckdb_path), "--engine", engine]
            if engine == "spark":
                copy_cmd += ["--parquet-dir", str(build_dir / "spark" / "raw_parquet")]
            steps["copy_raw"], _ = run(copy_cmd, env, f"copy raw to {engine}")
            os.environ.update({k: v for k, v in env.items() if k.startswith("MTA_")})
            runs = [("", "build", "compare")] + ([("_rebuild", "rebuild", "compare_rebuild")] if rebuild else [])
            for suffix, build_step, compare_step in runs:
                cmd = [bin_path("dbt"), "build", "--target", engine, "--project-dir", str(PROJECT_DIR)]
                what = f"dbt build --target {engine}"
                if suffix:
                    # Unit tests run on mocked inputs, whatever the state: the first build ran them.
                    cmd += ["--exclude-resource-type", "unit_test"]
                    what += " (second run, no new data, no unit tests)"
                steps[build_step], _ = run(cmd, env, what, build_dir / f"build_{engine}{suffix}.log")
                t0 = time.perf_counter()
                report = build_dir / f"compare_{engine}{suffix}.txt"
                with open(report, "w") as out:
                    equal = compare_engines.compare(
                        str(duckdb_path), [engine], compare_engines.PUBLIC_SCHEMAS, 1e-9, 5, out=out
                    )
                steps[compare_step] = time.perf_counter() - t0
                log(
                    f"{compare_step} {engine}: {'equal' if equal else 'DIFFERS'} ({steps[compare_step]:.1f} s),"
                    f" report {report}"
                )
                if not equal:
                    failures.append(f"{engine} after {what}: relations differ from duckdb:\n{report.read_text()}")
                    break
        except RuntimeError as error:
            failures.append(f"{engine}: {error}")
        finally:
            if started and not keep_servers:
                stop_server(engine, build_dir, env)
    for engine, steps in timings.items():
        log(f"{engine}: " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()))
    if failures:
        raise RuntimeError("\n\n".join(failures))
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="postgres,spark", help="comma-separated: postgres, spark")
    parser.add_argument("--build-dir", type=Path, required=True)
    parser.add_argument("--duckdb", type=Path, help="an already built DuckDB warehouse to compare with")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-rebuild",
        action="store_true",
        help="skip the second `dbt build` (incremental run with no new data) and its comparison",
    )
    parser.add_argument(
        "--keep-servers", action="store_true", help="leave the servers running (stop with start_<engine>.sh stop)"
    )
    args = parser.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    try:
        run_engines(
            engines, args.build_dir, args.duckdb, args.scale, args.seed, args.keep_servers, rebuild=not args.no_rebuild
        )
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
