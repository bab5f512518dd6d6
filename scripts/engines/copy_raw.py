#!/usr/bin/env python3
"""Copy the raw schema of a DuckDB file (the demo generator's output, or a
`scripts/load_raw.py` load) into another engine, so that `dbt build --target
<engine>` runs on exactly the same input as DuckDB.

Usage:
    python scripts/engines/copy_raw.py --db DUCKDB_FILE --engine postgres
    python scripts/engines/copy_raw.py --db DUCKDB_FILE --engine spark --parquet-dir DIR

postgres: connection from MTA_PG_HOST/PORT/USER/PASSWORD/DBNAME (the profile's
variables); each table is recreated and filled with COPY from a CSV export
(quoted empty strings stay distinct from nulls).
spark: each table is written as one parquet file under --parquet-dir and
registered with `create table ... using parquet location ...` through the
Thrift Server at MTA_SPARK_HOST/PORT (the profile's variables).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

PG_TYPES = {
    "VARCHAR": "text",
    "DOUBLE": "double precision",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
}
SPARK_TYPES = {
    "VARCHAR": "string",
    "DOUBLE": "double",
    "BIGINT": "bigint",
    "INTEGER": "int",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
}


def raw_tables(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns"
        " where table_schema = ? order by table_name, ordinal_position",
        [schema],
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, []).append((column, data_type))
    return tables


def copy_to_postgres(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    import psycopg2

    pg = psycopg2.connect(
        host=os.environ.get("MTA_PG_HOST", "127.0.0.1"),
        port=int(os.environ.get("MTA_PG_PORT", "5432")),
        user=os.environ.get("MTA_PG_USER", "mta"),
        password=os.environ.get("MTA_PG_PASSWORD", "mta"),
        dbname=os.environ.get("MTA_PG_DBNAME", "mta"),
    )
    tmp = Path(tempfile.mkdtemp(prefix="mta_copy_raw_"))
    try:
        with pg, pg.cursor() as cur:
            cur.execute(f'create schema if not exists "{schema}"')
            for table, columns in raw_tables(con, schema).items():
                csv_path = tmp / f"{table}.csv"
                con.execute(f'copy (select * from "{schema}"."{table}") to \'{csv_path}\' (format csv, header)')
                cols = ", ".join(f'"{c}" {PG_TYPES[t]}' for c, t in columns)
                cur.execute(f'drop table if exists "{schema}"."{table}" cascade')
                cur.execute(f'create table "{schema}"."{table}" ({cols})')
                with open(csv_path, encoding="utf-8") as handle:
                    cur.copy_expert(f'copy "{schema}"."{table}" from stdin with (format csv, header true)', handle)
                print(f"postgres: {schema}.{table}: {cur.rowcount} rows", file=sys.stderr)
    finally:
        pg.close()
        shutil.rmtree(tmp, ignore_errors=True)


def copy_to_spark(con: duckdb.DuckDBPyConnection, schema: str, parquet_dir: Path) -> None:
    from pyhive import hive

    parquet_dir = parquet_dir.resolve()
    spark = hive.connect(
        host=os.environ.get("MTA_SPARK_HOST", "127.0.0.1"),
        port=int(os.environ.get("MTA_SPARK_PORT", "10000")),
        username="mta",
    )
    cur = spark.cursor()
    cur.execute(f"create database if not exists {schema}")
    for table, columns in raw_tables(con, schema).items():
        table_dir = parquet_dir / schema / table
        shutil.rmtree(table_dir, ignore_errors=True)
        table_dir.mkdir(parents=True)
        con.execute(f'copy (select * from "{schema}"."{table}") to \'{table_dir / "part-0.parquet"}\' (format parquet)')
        cols = ", ".join(f"`{c}` {SPARK_TYPES[t]}" for c, t in columns)
        cur.execute(f"drop table if exists {schema}.{table}")
        cur.execute(f"create table {schema}.{table} ({cols}) using parquet location '{table_dir}'")
        cur.execute(f"select count(*) from {schema}.{table}")
        print(f"spark: {schema}.{table}: {cur.fetchone()[0]} rows", file=sys.stderr)
    spark.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="DuckDB file holding the raw schema")
    parser.add_argument("--engine", required=True, choices=["postgres", "spark"])
    parser.add_argument("--schema", default="raw")
    parser.add_argument("--parquet-dir", type=Path, help="spark: folder for the parquet files")
    args = parser.parse_args()
    started = time.perf_counter()
    con = duckdb.connect(args.db, read_only=True)
    if args.engine == "postgres":
        copy_to_postgres(con, args.schema)
    else:
        if args.parquet_dir is None:
            parser.error("--parquet-dir is required for spark")
        copy_to_spark(con, args.schema, args.parquet_dir)
    print(f"copied {args.schema} to {args.engine} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
