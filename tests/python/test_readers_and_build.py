"""Readers and the build coexist (scripts/build.py, scripts/warehouse_files.py).

- A reader holding the read copy open during the documented daily build
  neither fails the build nor sees a half-built warehouse: it queries in a
  loop, and every snapshot it sees is complete (each invariant below holds
  in every query), before, during and after the publish.
- A second build started while one runs stops at once with a one-line
  message, no traceback; with --wait it waits and then builds.
- A process holding the warehouse file itself open makes the build stop with
  a one-line message naming the read copy, not dbt's lock traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import PROJECT_DIR, dbt_env
from warehouse_tools import connect

BUILD = [sys.executable, str(PROJECT_DIR / "scripts" / "build.py")]

# A reader: loops over fresh queries of the open read copy until told to stop,
# and records what each snapshot showed. A complete snapshot has every public
# relation, credits summing to 1 per conversion and model, and as many
# journeys with a conversion as conversions with a path.
READER = textwrap.dedent("""
    import json, sys, time, duckdb
    path, stop_file, out_file = sys.argv[1:4]
    con = duckdb.connect(path, read_only=True)
    results = []
    import os
    while not os.path.exists(stop_file):
        try:
            row = con.execute('''
                select
                    (select count(*) from marts.fct_conversions),
                    (select count(*) from (
                        select conversion_id, attribution_model
                        from marts.fct_attribution_credits
                        group by all
                        having abs(sum(credit) - 1) > 1e-9
                    )),
                    (select count(*) from marts.fct_journeys where conversion_id is not null),
                    (select count(*) from marts.fct_conversions where touchpoint_count > 0)
            ''').fetchone()
            results.append({"ok": True, "row": list(row)})
        except Exception as error:
            results.append({"ok": False, "error": str(error)})
        time.sleep(0.05)
    con.close()
    json.dump(results, open(out_file, "w"))
""")


def build(warehouse: Path, work: Path, *args: str, background: bool = False):
    env = dbt_env(warehouse, work)
    env["MTA_READ_PATH"] = str(warehouse.with_name("attribution.read.duckdb"))
    command = [*BUILD, *args]
    if background:
        return subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT_DIR
        )
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=PROJECT_DIR)


@pytest.fixture(scope="module")
def warehouse(built_warehouse, tmp_path_factory) -> Path:
    """A private copy of the suite's built warehouse, with a published read copy."""
    work = tmp_path_factory.mktemp("readers")
    path = work / "attribution.duckdb"
    shutil.copyfile(built_warehouse, path)
    first = build(path, work)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert (work / "attribution.read.duckdb").exists()
    return path


def test_a_reader_during_the_build_sees_complete_snapshots(warehouse, tmp_path):
    read_copy = warehouse.with_name("attribution.read.duckdb")
    inode_before = read_copy.stat().st_ino
    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(read_copy), str(stop), str(out)])
    try:
        time.sleep(1.0)
        result = build(warehouse, warehouse.parent)
        # a new connection after the build opens the published copy, which is a new file
        time.sleep(0.5)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "published" in result.stdout
    assert read_copy.stat().st_ino != inode_before, "the read copy was not replaced"
    seen = json.loads(out.read_text())
    assert len(seen) > 20, f"the reader ran only {len(seen)} queries"
    errors = [r["error"] for r in seen if not r["ok"]]
    assert not errors, errors[:3]
    for r in seen:
        conversions, unbalanced, converted_journeys, with_path = r["row"]
        assert conversions > 0 and unbalanced == 0 and converted_journeys == with_path, r["row"]
    # the new copy is complete too
    con = connect(read_copy)
    assert con.execute("select count(*) from marts.fct_conversions").fetchone()[0] == seen[-1]["row"][0]
    con.close()


def test_a_second_build_stops_with_one_line_then_waits(warehouse):
    first = build(warehouse, warehouse.parent, "--select", "stg_web__events", background=True)
    try:
        lock = warehouse.with_name(warehouse.name + ".lock")
        deadline = time.time() + 60
        while time.time() < deadline and not (lock.exists() and lock.read_text().strip()):
            time.sleep(0.1)
        second = build(warehouse, warehouse.parent, "--select", "stg_web__events")
    finally:
        out, err = first.communicate(timeout=600)
    assert first.returncode == 0, out[-2000:] + err[-2000:]
    assert second.returncode == 75, second.stdout + second.stderr
    lines = [line for line in second.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "busy" in lines[0] and "dbt build" in lines[0], second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    waited = build(warehouse, warehouse.parent, "--wait", "--select", "stg_web__events")
    assert waited.returncode == 0, waited.stderr


def test_a_process_holding_the_warehouse_stops_the_build_with_one_line(warehouse):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(warehouse)!r}, read_only=True)
        print('open', flush=True)
        time.sleep(120)
    """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        result = build(warehouse, warehouse.parent, "--select", "stg_web__events")
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 75, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "attribution.read.duckdb" in result.stderr and str(holder.pid) in result.stderr, result.stderr
    assert os.path.exists(warehouse)
