"""Write the workspace tables to the target DuckDB file.

Raw tables get exactly the contract's columns and types (scripts/raw_contract.py),
in a deterministic row order; helper columns (prefixed `_`) stay behind.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .context import Ctx
from .dirt import ORDER_KEYS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import duckdb_storage  # noqa: E402
from raw_contract import RAW_TABLES  # noqa: E402

TRUTH_TABLES = [
    "persons",
    "identifiers",
    "touches",
    "conversions",
    "deals",
    "channel_incrementality",
    "lift_tests",
    "dirty_rows",
]


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write(ctx: Ctx, db_path: str, raw_schema: str, tables_done) -> dict[str, int]:
    """Write raw and truth tables; returns row counts by qualified name.

    A new file is created in the project's storage version: the workspace
    connection carries it (duckdb_storage.connect), and ATTACH without its own
    STORAGE_VERSION option follows it. (That option would instead raise on, or
    upgrade, an existing file of another version.)"""
    path = db_path.replace("'", "''")
    ctx.sql(f"attach '{path}' as out_db")
    note = duckdb_storage.existing_storage_note(ctx.con, db_path, "out_db")
    if note:
        print(note, file=sys.stderr)
    counts: dict[str, int] = {}
    try:
        schema = quote_ident(raw_schema)
        ctx.sql(f"create schema if not exists out_db.{schema}")
        ctx.sql("create schema if not exists out_db.truth")
        for table, columns in RAW_TABLES.items():
            cols = ",\n".join(f"cast({quote_ident(c)} as {t}) as {quote_ident(c)}" for c, t in columns.items())
            ctx.sql(f"""
                create or replace table out_db.{schema}.{table} as
                select {cols}
                from raw_{table}
                order by {ORDER_KEYS[table]}
            """)
            counts[f"{raw_schema}.{table}"] = ctx.scalar(f"select count(*) from out_db.{schema}.{table}")
            tables_done(f"{raw_schema}.{table}", counts[f"{raw_schema}.{table}"])
        for table in TRUTH_TABLES:
            ctx.sql(f"create or replace table out_db.truth.{table} as select * from truth_{table}")
            counts[f"truth.{table}"] = ctx.scalar(f"select count(*) from out_db.truth.{table}")
            tables_done(f"truth.{table}", counts[f"truth.{table}"])
        ctx.sql("checkpoint out_db")
    finally:
        ctx.sql("detach out_db")
    return counts
