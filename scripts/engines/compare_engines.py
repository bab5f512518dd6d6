#!/usr/bin/env python3
"""Compare every public relation of a build on another engine with DuckDB's.

Usage:
    python scripts/engines/compare_engines.py --duckdb DUCKDB_FILE --engine postgres [--engine spark]
        [--schemas marts exports audit] [--tolerance 1e-9] [--show 5]

Both builds must have run on the same raw data (scripts/engines/copy_raw.py).
For each table or view of the schemas in DuckDB, the engine's relation must
have the same columns and the same rows: keys and text identical, numbers
equal to the tolerance (|a - b| <= tol * max(1, |a|, |b|)), timestamps as UTC
text, JSON text compared as parsed JSON. Rows are sorted by all columns
(floats rounded for sorting only) before the row-by-row comparison.
Connections: MTA_PG_HOST/PORT/USER/PASSWORD/DBNAME, MTA_SPARK_HOST/PORT.
Exit status 1 when any relation differs or is missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import math
import os
import sys
import time
from dataclasses import dataclass, field

import duckdb

PUBLIC_SCHEMAS = ["marts", "exports", "audit"]


# --- value normalization -------------------------------------------------------


def normalize(value):
    """A value in a form that compares across drivers."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, (float, decimal.Decimal)):
        value = float(value)
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in "{[" and text[-1:] in "}]":
            try:
                return ("json", _json_finite(json.loads(text)))
            except ValueError:
                pass
        return value
    if isinstance(value, (list, tuple)):
        return tuple(normalize(v) for v in value)
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    return str(value)


def _json_finite(value):
    """JSON has no NaN: DuckDB's to_json writes a bare NaN, PostgreSQL's row_to_json "NaN"; read both as the text."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, list):
        return [_json_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_finite(v) for k, v in value.items()}
    return value


def sort_key(row):
    """Total order over normalized rows; floats rounded so engine noise does not reorder."""

    def key(value):
        if value is None:
            return (0, "")
        if isinstance(value, bool):
            return (1, str(value))
        if isinstance(value, (int, float)):
            if isinstance(value, float) and not math.isfinite(value):
                return (2, str(value))
            return (3, f"{float(value):+.6e}" if value else "0")
        return (4, json.dumps(value, sort_keys=True, default=str) if not isinstance(value, str) else value)

    return tuple(key(v) for v in row)


def numbers_equal(a, b, tol):
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def values_equal(a, b, tol) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return numbers_equal(float(a), float(b), tol)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(values_equal(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(values_equal(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(values_equal(a[k], b[k], tol) for k in a)
    return a == b


# --- engines ---------------------------------------------------------------------


class Engine:
    name = "engine"

    def columns(self, schema: str, table: str) -> list[str] | None:
        raise NotImplementedError

    def rows(self, schema: str, table: str, columns: list[str]) -> list[tuple]:
        raise NotImplementedError


class DuckDBEngine(Engine):
    name = "duckdb"

    def __init__(self, path: str):
        self.con = duckdb.connect(path, read_only=True)
        self.con.execute("set TimeZone = 'UTC'")

    def relations(self, schemas: list[str]) -> list[tuple[str, str]]:
        return self.con.execute(
            "select table_schema, table_name from information_schema.tables"
            f" where table_schema in ({', '.join('?' for _ in schemas)}) order by 1, 2",
            schemas,
        ).fetchall()

    def columns(self, schema, table):
        rows = self.con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?"
            " order by ordinal_position",
            [schema, table],
        ).fetchall()
        return [r[0].lower() for r in rows] or None

    def rows(self, schema, table, columns):
        cols = ", ".join(f'"{c}"' for c in columns)
        return self.con.execute(f'select {cols} from "{schema}"."{table}"').fetchall()


class PostgresEngine(Engine):
    name = "postgres"

    def __init__(self):
        import psycopg2

        self.con = psycopg2.connect(
            host=os.environ.get("MTA_PG_HOST", "127.0.0.1"),
            port=int(os.environ.get("MTA_PG_PORT", "5432")),
            user=os.environ.get("MTA_PG_USER", "mta"),
            password=os.environ.get("MTA_PG_PASSWORD", "mta"),
            dbname=os.environ.get("MTA_PG_DBNAME", "mta"),
        )
        self.con.autocommit = True
        with self.con.cursor() as cur:
            cur.execute("set timezone = 'UTC'")
            cur.execute("set extra_float_digits = 3")

    def columns(self, schema, table):
        with self.con.cursor() as cur:
            cur.execute(
                "select column_name from information_schema.columns where table_schema = %s"
                " and table_name = %s order by ordinal_position",
                [schema, table],
            )
            return [r[0].lower() for r in cur.fetchall()] or None

    def rows(self, schema, table, columns):
        cols = ", ".join(f'"{c}"' for c in columns)
        with self.con.cursor() as cur:
            cur.execute(f'select {cols} from "{schema}"."{table}"')
            return cur.fetchall()


class SparkEngine(Engine):
    name = "spark"

    def __init__(self):
        from pyhive import hive

        self.con = hive.connect(
            host=os.environ.get("MTA_SPARK_HOST", "127.0.0.1"),
            port=int(os.environ.get("MTA_SPARK_PORT", "10000")),
            username="mta",
        )
        self.cur = self.con.cursor()
        self.cur.execute("set spark.sql.session.timeZone = UTC")

    def columns(self, schema, table):
        try:
            self.cur.execute(f"select * from {schema}.{table} limit 0")
        except Exception:  # noqa: BLE001 - a missing relation is reported, not raised
            return None
        return [d[0].split(".")[-1].lower() for d in self.cur.description]

    def rows(self, schema, table, columns):
        cols = ", ".join(f"`{c}`" for c in columns)
        self.cur.execute(f"select {cols} from {schema}.{table}")
        types = [d[1] for d in self.cur.description]
        return [spark_row(row, types) for row in self.cur.fetchall()]


def spark_row(row, types) -> tuple:
    """Values of one Thrift result row, read by the column types the server reports.

    PyHive parses TIMESTAMP_TYPE columns into datetimes itself; a timestamp
    that still arrives as text is parsed here. Text columns (STRING_TYPE) stay
    text byte for byte, even when they look like a timestamp (the Google Ads
    export's conversion_time), so a formatting difference is never hidden.
    """
    return tuple(_spark_timestamp(v) if t == "TIMESTAMP_TYPE" else v for v, t in zip(row, types))


def _spark_timestamp(value):
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value


# --- comparison --------------------------------------------------------------------


@dataclass
class Result:
    relation: str
    rows: int = 0
    problems: list[str] = field(default_factory=list)


def compare_relation(ref: DuckDBEngine, other: Engine, schema: str, table: str, tol: float, show: int) -> Result:
    result = Result(f"{schema}.{table}")
    ref_cols = ref.columns(schema, table)
    other_cols = other.columns(schema, table)
    if other_cols is None:
        result.problems.append(f"missing on {other.name}")
        return result
    if sorted(ref_cols) != sorted(other_cols):
        result.problems.append(
            f"columns differ: only duckdb {sorted(set(ref_cols) - set(other_cols))},"
            f" only {other.name} {sorted(set(other_cols) - set(ref_cols))}"
        )
        return result
    ref_rows = sorted((tuple(normalize(v) for v in r) for r in ref.rows(schema, table, ref_cols)), key=sort_key)
    other_rows = sorted((tuple(normalize(v) for v in r) for r in other.rows(schema, table, ref_cols)), key=sort_key)
    result.rows = len(ref_rows)
    if len(ref_rows) != len(other_rows):
        result.problems.append(f"row count duckdb {len(ref_rows)} != {other.name} {len(other_rows)}")
    shown = 0
    bad_columns: dict[str, int] = {}
    for a, b in zip(ref_rows, other_rows):
        diffs = [c for c, x, y in zip(ref_cols, a, b) if not values_equal(x, y, tol)]
        for c in diffs:
            bad_columns[c] = bad_columns.get(c, 0) + 1
        if diffs and shown < show:
            shown += 1
            result.problems.append(
                "row differs in "
                + ", ".join(
                    f"{c}: duckdb={a[ref_cols.index(c)]!r} {other.name}={b[ref_cols.index(c)]!r}" for c in diffs
                )
            )
    if bad_columns:
        result.problems.append(
            "rows differing per column: " + ", ".join(f"{c}={n}" for c, n in sorted(bad_columns.items()))
        )
    return result


def compare(duckdb_path: str, engines: list[str], schemas: list[str], tol: float, show: int, out=sys.stdout) -> bool:
    ref = DuckDBEngine(duckdb_path)
    relations = ref.relations(schemas)
    if not relations:
        print(f"no relations in schemas {schemas} of {duckdb_path}", file=out)
        return False
    all_ok = True
    for engine_name in engines:
        started = time.perf_counter()
        other = {"postgres": PostgresEngine, "spark": SparkEngine}[engine_name]()
        failed = 0
        for schema, table in relations:
            result = compare_relation(ref, other, schema, table, tol, show)
            status = "ok" if not result.problems else "DIFFERS"
            print(f"{engine_name:8s} {status:7s} {result.relation} ({result.rows} rows)", file=out)
            for problem in result.problems:
                print(f"         - {problem}", file=out)
            failed += bool(result.problems)
        all_ok &= failed == 0
        print(
            f"{engine_name}: {len(relations) - failed} of {len(relations)} relations equal to duckdb"
            f" ({time.perf_counter() - started:.1f} s)",
            file=out,
        )
    return all_ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duckdb", required=True, help="DuckDB file of the reference build")
    parser.add_argument("--engine", action="append", required=True, choices=["postgres", "spark"])
    parser.add_argument("--schemas", nargs="+", default=PUBLIC_SCHEMAS)
    parser.add_argument("--tolerance", type=float, default=1e-9)
    parser.add_argument("--show", type=int, default=5, help="differing rows shown per relation")
    args = parser.parse_args()
    return 0 if compare(args.duckdb, args.engine, args.schemas, args.tolerance, args.show) else 1


if __name__ == "__main__":
    sys.exit(main())
