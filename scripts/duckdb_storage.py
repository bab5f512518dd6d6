"""The DuckDB file format the project writes, in one place.

DuckDB 2.0 creates its files in its own storage format by default, and DuckDB
1.x, which most BI tools, notebooks and libraries embed, refuses to open them
("Trying to read a database file with version number 999"). So every place
that creates a DuckDB file creates it with `storage_compatibility_version` set
to `storage_version()`: the dbt profile (`config_options` in profiles.yml,
which repeats the default below; a pytest checks they agree), the generator,
the loader, the benchmark and the tests. DuckDB 1.4 and every later version
read such a file.

`MTA_DUCKDB_STORAGE_VERSION` overrides the default for all of them, e.g.
`v1.5.0`, or `latest` for DuckDB 2.0's own format.

The setting only decides the format of a file being created: an existing file
keeps the format it was created with (DuckDB cannot lower it), whatever the
setting. `existing_storage_note` says so when that matters.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

DEFAULT_STORAGE_VERSION = "v1.4.0"
ENV_VAR = "MTA_DUCKDB_STORAGE_VERSION"


def storage_version() -> str:
    """The storage version new DuckDB files are created with."""
    return os.environ.get(ENV_VAR, "").strip() or DEFAULT_STORAGE_VERSION


def connect_config(**extra: object) -> dict[str, object]:
    """The `config` for duckdb.connect: the storage version, plus any extra settings."""
    return {"storage_compatibility_version": storage_version(), **extra}


def connect(path: str | Path, read_only: bool = False, **extra: object) -> duckdb.DuckDBPyConnection:
    """duckdb.connect with the project's storage version (it applies when the file is new).

    Also right for ":memory:": a file ATTACHed to that connection without its own
    STORAGE_VERSION option is created in the same version."""
    return duckdb.connect(str(path), read_only=read_only, config=connect_config(**extra))


def file_storage_version(con: duckdb.DuckDBPyConnection, database: str | None = None) -> str | None:
    """The storage version of an open database as DuckDB reports it (`v1.4.0+`, `v2.0.0+`)."""
    name = database or con.execute("select current_database()").fetchone()[0]
    row = con.execute(
        "select tags['storage_version'] from duckdb_databases() where database_name = ?", [name]
    ).fetchone()
    return row[0] if row else None


def _minor(version: str) -> tuple[str, ...]:
    """`v1.4.3` and `v1.4.0+` -> ("1", "4"): storage versions change with minor releases only."""
    return tuple(version.lstrip("v").rstrip("+").split(".")[:2])


def existing_storage_note(con: duckdb.DuckDBPyConnection, path: str | Path, database: str | None = None) -> str | None:
    """A one-line note when an existing file is in another storage version than the setting, else None."""
    wanted = storage_version()
    actual = file_storage_version(con, database)
    if not actual or wanted == "latest" or _minor(actual) == _minor(wanted):
        return None
    return (
        f"note: {path} keeps the storage version it was created with ({actual}), not {wanted} "
        f"({ENV_VAR}); an existing file cannot be converted in place. Delete it and rebuild "
        f"to get a file that DuckDB {'.'.join(_minor(wanted))} and later can open."
    )
