"""The dashboard's only way into the warehouse: the published read copy, read-only.

scripts/build.py publishes the read copy (MTA_READ_PATH, default
`attribution.read.duckdb` beside the warehouse) by renaming a fresh copy over
it. A connection opened before the rename keeps reading the old snapshot, so
ReadCopy looks at the file before every page render and opens it again when
the file on disk is another one (device, inode, size or modification time
changed). It never opens the warehouse itself (DBT_DUCKDB_PATH): a reader
there would block the build. No Streamlit here, so the tests and scripts can
use it as is.

Why ATTACH and not duckdb.connect(path, read_only=True): DuckDB's Python
client caches database instances by path, so while any connection to the old
snapshot is open, a second connect() to the same path returns the OLD
snapshot. Each snapshot is therefore attached read-only to its own in-memory
database, which never shares an instance with another.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from warehouse_files import read_copy_path, warehouse_path  # noqa: E402

ALIAS = "read_copy"


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


class ReadCopyMissing(Exception):
    """No read copy has been published at the path yet."""


class ReadCopyRefused(Exception):
    """The configured read path is the warehouse itself."""


@dataclass(frozen=True)
class Snapshot:
    """Which file the read copy is at one moment: a new publish changes it."""

    device: int
    inode: int
    size: int
    modified_ns: int

    @classmethod
    def of(cls, path: Path) -> Snapshot:
        info = os.stat(path)
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def resolve_read_path() -> Path:
    """The read copy's path (MTA_READ_PATH, else beside DBT_DUCKDB_PATH); refuses the warehouse itself."""
    path = read_copy_path().resolve()
    if path == warehouse_path().resolve():
        raise ReadCopyRefused(
            f"MTA_READ_PATH points at the warehouse {path}: the dashboard reads only the published read copy "
            "(scripts/build.py writes it), so that it never blocks a build"
        )
    return path


class Reader:
    """Queries of one page render, all on one snapshot (a DuckDB cursor of that snapshot's connection)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, snapshot: Snapshot, path: Path):
        self._cursor = connection.cursor()
        self._cursor.execute(f"use {ALIAS}")
        self.snapshot = snapshot
        self.path = path

    def df(self, sql: str, params: list | tuple | None = None):
        """The query's result as a pandas DataFrame."""
        return self._cursor.execute(sql, list(params or [])).df()

    def one(self, sql: str, params: list | tuple | None = None):
        """The query's single row as a tuple."""
        return self._cursor.execute(sql, list(params or [])).fetchone()


class ReadCopy:
    """A read-only DuckDB connection to the read copy that follows each new publish.

    reader() gives each page render a cursor on the newest snapshot. A
    connection to an older snapshot is dropped, not closed, so a render still
    using it on another thread finishes on the snapshot it started with; the
    old file's space is freed when its last cursor goes.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._snapshot: Snapshot | None = None
        self.opened = 0  # connections opened: 1, plus one per new snapshot picked up

    def snapshot(self) -> Snapshot:
        """The snapshot on disk now (raises ReadCopyMissing when there is none)."""
        try:
            return Snapshot.of(self.path)
        except FileNotFoundError:
            raise ReadCopyMissing(
                f"no read copy at {self.path}: run `bash scripts/demo.sh` (demo data) or "
                "`.venv/bin/python scripts/build.py` (your data) to publish one"
            ) from None

    def reader(self) -> Reader:
        """A reader on the newest published snapshot (reopens the file when a build published a new one)."""
        with self._lock:
            current = self.snapshot()
            if self._connection is None or current != self._snapshot:
                # stat before open: if a publish lands in between, the next call sees a changed
                # snapshot and opens once more, so a new file is never missed
                connection = duckdb.connect(":memory:")
                connection.execute(f"attach {quote(str(self.path))} as {ALIAS} (read_only)")
                self._connection, self._snapshot = connection, current
                self.opened += 1
            return Reader(self._connection, self._snapshot, self.path)
