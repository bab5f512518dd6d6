"""The generation context: arguments, random streams and the DuckDB workspace.

All intermediate tables live in an in-memory DuckDB database; numbers are drawn
with numpy and registered as tables, strings are assembled by set-based SQL
(DuckDB is vectorized and deterministic for these expressions), and the final
tables are written to the target file ordered by their keys.
"""

from __future__ import annotations

import datetime as dt
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import duckdb_storage  # noqa: E402

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
MINUTE_MS = 60_000


@dataclass
class Ctx:
    seed: int
    scale: float
    start: dt.date
    days: int
    progress: bool
    con: duckdb.DuckDBPyConnection = field(repr=False)

    @property
    def start_ms(self) -> int:
        return int(dt.datetime(self.start.year, self.start.month, self.start.day, tzinfo=dt.UTC).timestamp() * 1000)

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.days * DAY_MS

    def rng(self, stream: str) -> np.random.Generator:
        """An independent random stream per concern, so that changing one module
        never shifts the numbers of another."""
        return np.random.default_rng([self.seed, zlib.crc32(stream.encode())])

    def register(self, name: str, columns: dict[str, np.ndarray]) -> None:
        """Materialize a dict of equally long numpy arrays as table `name`."""
        self.con.register("_numpy_frame", {k: np.ascontiguousarray(v) for k, v in columns.items()})
        self.con.execute(f"create or replace table {name} as select * from _numpy_frame")
        self.con.unregister("_numpy_frame")

    def sql(self, query: str) -> None:
        self.con.execute(query)

    def scalar(self, query: str):
        return self.con.execute(query).fetchall()[0][0]

    def fetch(self, query: str) -> dict[str, np.ndarray]:
        return self.con.execute(query).fetchnumpy()

    def md5_prefix(self, kind: str) -> str:
        """SQL text for a seed-and-kind salt used in md5-derived ids."""
        return f"'{self.seed}:{kind}:'"


def new_context(
    seed: int,
    scale: float,
    start: dt.date,
    days: int,
    progress: bool,
    workspace: str | None = None,
    memory_limit: str | None = None,
) -> Ctx:
    """The workspace is an in-memory database; with `workspace` (a folder) and
    `memory_limit`, DuckDB spills to that folder at large scales. The target file,
    ATTACHed to this connection by the writer, is created in the project's
    storage version (scripts/duckdb_storage.py) when it is new."""
    con = duckdb_storage.connect(":memory:")
    con.execute("set enable_progress_bar = false")
    if workspace:
        con.execute(f"set temp_directory = '{workspace}'")
    if memory_limit:
        con.execute(f"set memory_limit = '{memory_limit}'")
    con.execute("set TimeZone = 'UTC'")
    # ISO-8601 text for a UTC instant in milliseconds shown at an offset (minutes).
    # with_ms: keep milliseconds; z_for_utc: write 'Z' instead of '+00:00'.
    con.execute("""
        create or replace macro iso_ts(ms, off_min, with_ms, z_for_utc) as
            case when with_ms
                then strftime(make_timestamp((ms + off_min * 60000) * 1000), '%Y-%m-%dT%H:%M:%S.%g')
                else strftime(make_timestamp((ms + off_min * 60000) * 1000), '%Y-%m-%dT%H:%M:%S')
            end
            || case
                when off_min = 0 and z_for_utc then 'Z'
                else (case when off_min < 0 then '-' else '+' end)
                    || lpad((abs(off_min) // 60)::varchar, 2, '0') || ':'
                    || lpad((abs(off_min) % 60)::varchar, 2, '0')
            end
    """)
    con.execute("create or replace macro utc_ts(ms) as make_timestamp(ms * 1000)")
    # pick(list, i): 0-based index into a list literal.
    con.execute("create or replace macro pick(l, i) as l[i + 1]")
    return Ctx(seed=seed, scale=scale, start=start, days=days, progress=progress, con=con)


def sql_list(values) -> str:
    """A SQL list literal of strings (None -> null)."""
    out = []
    for v in values:
        if v is None:
            out.append("null")
        else:
            out.append("'" + str(v).replace("'", "''") + "'")
    return "[" + ", ".join(out) + "]"


def repeat_index(counts: np.ndarray) -> np.ndarray:
    """For counts [2, 0, 3] -> [0, 0, 2, 2, 2]."""
    return np.repeat(np.arange(len(counts)), counts)


def rank_within(groups: np.ndarray) -> np.ndarray:
    """0-based position of each element within its run of equal `groups` values
    (groups must be sorted)."""
    n = len(groups)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(groups[1:] != groups[:-1]) + 1]
    run_len = np.diff(np.r_[starts, n])
    return np.arange(n) - np.repeat(starts, run_len)


def choice_weighted(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return rng.choice(len(w), size=size, p=w / w.sum())
