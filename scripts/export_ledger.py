"""The export ledger: what each run of scripts/export.py wrote, per destination.

Two tables in a schema of their own (default `export_ledger`) that no dbt
model owns, so `dbt build` and `dbt build --full-refresh` never drop them:

  runs     one row per run that wrote files: run_number, as_of, full flag,
           output folder, manifest (JSON text)
  entries  one row per row written: destination, record_key (conversion id
           or contact id), action (upload, restate, retract), the exported
           value, the idempotency key the platform deduplicates on, a hash of
           the written row's content, the row's time (conversion or
           adjustment time), a label (conversion name, event name) and how
           the row was matched (gclid, gbraid, wbraid, identifiers, event,
           contact)

Every read and write goes through ExportLedger, so the ledger can live in
another DuckDB file (scripts/export.py --ledger-db) or move elsewhere by
changing this module only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import duckdb

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class LedgerEntry:
    destination: str
    record_key: str
    action: str
    idempotency_key: str
    exported_value: Decimal | None
    content_hash: str
    event_at: datetime | None
    label: str | None
    match_kind: str | None
    file_name: str


@dataclass(frozen=True)
class LedgerRun:
    run_number: int
    started_at: datetime
    as_of: datetime
    is_full: bool
    output_dir: str
    manifest: dict


class ExportLedger:
    """Reads and appends the ledger tables through one DuckDB connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, schema: str = "export_ledger"):
        if not _IDENTIFIER.match(schema):
            raise ValueError(f"ledger schema must be a plain lower-case identifier, got {schema!r}")
        self.con = con
        self.schema = schema

    def ensure(self) -> None:
        """Create the schema and tables when they do not exist (never touches existing rows)."""
        self.con.execute(f"create schema if not exists {self.schema}")
        self.con.execute(f"""
            create table if not exists {self.schema}.runs (
                run_number integer primary key,
                started_at timestamp not null,
                as_of timestamp not null,
                is_full boolean not null,
                output_dir varchar not null,
                manifest_json varchar not null
            )""")
        self.con.execute(f"""
            create table if not exists {self.schema}.entries (
                run_number integer not null,
                destination varchar not null,
                record_key varchar not null,
                action varchar not null,
                idempotency_key varchar not null,
                exported_value decimal(18, 2),
                content_hash varchar not null,
                event_at timestamp,
                label varchar,
                match_kind varchar,
                file_name varchar not null,
                primary key (run_number, destination, record_key, action)
            )""")

    def exists(self) -> bool:
        (count,) = self.con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name in ('runs', 'entries')",
            [self.schema],
        ).fetchone()
        return count == 2

    def last_run_number(self) -> int:
        if not self.exists():
            return 0
        (number,) = self.con.execute(f"select coalesce(max(run_number), 0) from {self.schema}.runs").fetchone()
        return int(number)

    def latest(self, destination: str) -> dict[str, LedgerEntry]:
        """The latest entry of each record of a destination (what the platform holds now)."""
        if not self.exists():
            return {}
        rows = self.con.execute(
            f"""
            select destination, record_key, action, idempotency_key, exported_value, content_hash,
                   event_at, label, match_kind, file_name
            from {self.schema}.entries
            where destination = ?
            qualify row_number() over (partition by record_key order by run_number desc) = 1""",
            [destination],
        ).fetchall()
        return {row[1]: LedgerEntry(*row) for row in rows}

    def record(self, run: LedgerRun, entries: list[LedgerEntry]) -> None:
        """Append one run and its entries in one transaction."""
        self.ensure()
        self.con.execute("begin transaction")
        try:
            self.con.execute(
                f"insert into {self.schema}.runs values (?, ?, ?, ?, ?, ?)",
                [
                    run.run_number,
                    run.started_at,
                    run.as_of,
                    run.is_full,
                    run.output_dir,
                    json.dumps(run.manifest, sort_keys=True, default=str),
                ],
            )
            if entries:
                self.con.executemany(
                    f"insert into {self.schema}.entries values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            run.run_number,
                            e.destination,
                            e.record_key,
                            e.action,
                            e.idempotency_key,
                            e.exported_value,
                            e.content_hash,
                            e.event_at,
                            e.label,
                            e.match_kind,
                            e.file_name,
                        ]
                        for e in entries
                    ],
                )
            self.con.execute("commit")
        except BaseException:
            self.con.execute("rollback")
            raise
