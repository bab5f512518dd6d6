"""The warehouse's files: where writers write, where readers read, and the lock between writers.

- The warehouse (DBT_DUCKDB_PATH, default `attribution.duckdb` in the project
  root) is the only file anything writes: the loader (raw tables), `dbt build`
  (every model) and scripts/export.py (its ledger). One writer at a time: each
  takes the lock file `<warehouse>.lock` first.
- The read copy (MTA_READ_PATH, default `<warehouse stem>.read.duckdb` beside
  it) is what BI tools, notebooks and the dashboard open, read-only. After a
  build whose models and tests pass, scripts/build.py copies the warehouse to
  a temporary file beside the read copy and renames it over the read copy in
  one atomic step. A reader that has the old copy open keeps reading that
  complete snapshot; the next connection opens the new one. A reader never
  blocks a build and never sees a half-built warehouse.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import shutil
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]


class WarehouseBusy(Exception):
    """Another writer holds the lock, or another process has the warehouse file open."""


def warehouse_path() -> Path:
    path = Path(os.environ.get("DBT_DUCKDB_PATH", "attribution.duckdb"))
    return path if path.is_absolute() else PROJECT_DIR / path


def read_copy_path(warehouse: Path | None = None) -> Path:
    warehouse = warehouse or warehouse_path()
    configured = os.environ.get("MTA_READ_PATH")
    if configured:
        path = Path(configured)
        return path if path.is_absolute() else PROJECT_DIR / path
    return warehouse.with_name(warehouse.stem + ".read" + (warehouse.suffix or ".duckdb"))


@contextlib.contextmanager
def writer_lock(warehouse: Path, what: str, wait: bool = False, poll_seconds: float = 2.0):
    """Hold the warehouse's writer lock for the block. Without `wait`, raise
    WarehouseBusy at once (naming the holder) when another writer has it."""
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    if not lock_path.parent.is_dir():  # no folder, no warehouse: the writer itself reports it
        yield
        return
    with open(lock_path, "a+") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                if not wait:
                    raise WarehouseBusy(
                        f"{warehouse.name} is busy: {holder} holds {lock_path.name}; "
                        "run again when it is done, or pass --wait"
                    ) from None
                time.sleep(poll_seconds)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{what} (pid {os.getpid()}, since {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M:%SZ})")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_not_open_elsewhere(warehouse: Path) -> None:
    """Raise WarehouseBusy with a one-line message when another process has the
    warehouse file open (DuckDB allows one writing process per file), instead
    of letting dbt fail later with a lock traceback."""
    if not warehouse.exists():
        return
    import duckdb

    try:
        duckdb.connect(str(warehouse)).close()
    except duckdb.IOException as error:
        text = str(error)
        if "lock" not in text.lower():
            raise
        pid = re.search(r"PID (\d+)", text)
        raise WarehouseBusy(
            f"{warehouse.name} is open in another process{' (pid ' + pid.group(1) + ')' if pid else ''}; "
            f"BI tools and notebooks should read {read_copy_path(warehouse).name} instead"
        ) from None


def publish_read_copy(warehouse: Path, read_copy: Path | None = None) -> tuple[Path, float, int]:
    """Copy the (checkpointed) warehouse over the read copy atomically.
    Returns (read copy path, seconds, bytes)."""
    read_copy = read_copy or read_copy_path(warehouse)
    started = time.perf_counter()
    wal = warehouse.with_name(warehouse.name + ".wal")
    if wal.exists():  # a writer that did not checkpoint on close: fold the WAL into the file first
        import duckdb

        duckdb.connect(str(warehouse)).execute("checkpoint").close()
    partial = read_copy.with_name(f".{read_copy.name}.{os.getpid()}.publishing")
    try:
        shutil.copyfile(warehouse, partial)
        os.replace(partial, read_copy)
    finally:
        if partial.exists():
            partial.unlink()
    return read_copy, time.perf_counter() - started, read_copy.stat().st_size
