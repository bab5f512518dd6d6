#!/usr/bin/env python3
"""Load a folder of real data files into the raw schema, checked against the contract.

Usage:
    python scripts/load_raw.py DATA_DIR [--db PATH] [--schema raw] [--mode replace|append]
                               [--allow-missing-tables] [--lenient]

DATA_DIR holds one file, or one folder of part files, per raw table, named
after the table: `web_events.csv`, `ad_clicks.parquet`, `conversions.jsonl`,
`crm_contacts/part-0001.parquet`, ... Accepted formats: CSV (with a header),
Parquet, JSON / JSON lines (`.json`, `.jsonl`, `.ndjson`), optionally gzipped.

Checks, all before anything is written:
- every contract table has a file (or `--allow-missing-tables` creates it empty);
- every contract column is present in its file (extra columns are kept);
- every non-empty value of a typed column (booleans, numbers) casts to its
  type; otherwise the load stops and names the table, the column and examples
  (`--lenient` loads such values as null and prints how many).
Text columns, timestamps included, are loaded exactly as they are: staging
parses them and quarantines what it cannot use.

The whole load is one transaction: a failure leaves the raw schema as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from raw_contract import RAW_TABLES  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[1]
SUFFIXES = {
    ".csv": "csv", ".csv.gz": "csv", ".tsv": "csv",
    ".parquet": "parquet",
    ".json": "json", ".jsonl": "json", ".ndjson": "json", ".json.gz": "json", ".jsonl.gz": "json",
}


class ContractError(Exception):
    """The files do not meet the raw contract; nothing was loaded."""


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return None


def find_table_files(data_dir: Path, table: str) -> tuple[str, list[Path]] | None:
    """The format and files holding `table`, or None when there are none."""
    candidates = [p for p in data_dir.iterdir() if p.is_file() and _suffix(p)
                  and p.name[: -len(_suffix(p))] == table]
    folder = data_dir / table
    if folder.is_dir():
        candidates += sorted(p for p in folder.rglob("*") if p.is_file() and _suffix(p))
    if not candidates:
        return None
    formats = {SUFFIXES[_suffix(p)] for p in candidates}
    if len(formats) > 1:
        raise ContractError(f"raw table {table}: files of several formats ({sorted(formats)}); use one format per table")
    return formats.pop(), sorted(candidates)


def reader_sql(fmt: str, files: list[Path]) -> str:
    paths = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in files) + "]"
    if fmt == "csv":
        # Every column as text: ids like 00123 and values like 'null' must survive as typed.
        return f"read_csv({paths}, header = true, all_varchar = true, union_by_name = true)"
    if fmt == "parquet":
        return f"read_parquet({paths}, union_by_name = true)"
    return f"read_json_auto({paths}, union_by_name = true)"


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def cast_expression(column: str, duck_type: str) -> str:
    if duck_type == "varchar":
        return f"cast({quote(column)} as varchar)"
    if duck_type == "boolean":
        text = f"lower(trim(cast({quote(column)} as varchar)))"
        return (f"case when {text} in ('true', 't', '1', 'yes', 'y') then true "
                f"when {text} in ('false', 'f', '0', 'no', 'n') then false end")
    return f"try_cast(trim(cast({quote(column)} as varchar)) as {duck_type})"


def uncastable_sql(column: str, duck_type: str, relation: str) -> str | None:
    """Rows whose non-empty value does not cast to the contract type."""
    if duck_type == "varchar":
        return None
    text = f"trim(cast({quote(column)} as varchar))"
    return (f"select {text} as value from {relation} "
            f"where {quote(column)} is not null and {text} <> '' "
            f"and lower({text}) not in ('null', 'none', 'nan', 'na', 'n/a') "
            f"and ({cast_expression(column, duck_type)}) is null")


def load(data_dir: Path, db_path: Path, schema: str, mode: str, allow_missing: bool, lenient: bool) -> dict[str, int]:
    if not data_dir.is_dir():
        raise ContractError(f"data folder {data_dir} does not exist")
    con = duckdb.connect(str(db_path))
    con.execute("set TimeZone = 'UTC'")
    plans: dict[str, str | None] = {}
    problems: list[str] = []

    # 1. Check every table and column before writing anything.
    for table, columns in RAW_TABLES.items():
        found = find_table_files(data_dir, table)
        if found is None:
            if allow_missing:
                plans[table] = None
                continue
            problems.append(f"raw table {table}: no file named {table}.csv/.parquet/.json(l) or folder {table}/ in {data_dir}")
            continue
        fmt, files = found
        relation = reader_sql(fmt, files)
        try:
            present = [row[0] for row in con.execute(f"describe select * from {relation}").fetchall()]
        except duckdb.Error as exc:
            problems.append(f"raw table {table}: cannot read {', '.join(map(str, files))}: {exc}")
            continue
        present_lower = {c.lower(): c for c in present}
        missing = [c for c in columns if c not in present_lower]
        if missing:
            problems.append(f"raw table {table}: missing column(s) {', '.join(missing)} in {', '.join(p.name for p in files)}")
            continue
        for column, duck_type in columns.items():
            check = uncastable_sql(present_lower[column], duck_type, relation)
            if check is None:
                continue
            bad = con.execute(f"select count(*), list(value order by value)[1:3] from ({check})").fetchone()
            if bad[0]:
                message = (f"raw table {table}: column {column} has {bad[0]} value(s) that are not {duck_type}, "
                           f"for example {bad[1]}")
                if lenient:
                    print(f"warning: {message}; loaded as null (--lenient)", file=sys.stderr)
                else:
                    problems.append(message + " (use --lenient to load them as null)")
        select_list = [f"{cast_expression(present_lower[c], t)} as {quote(c)}" for c, t in columns.items()]
        select_list += [f"cast({quote(c)} as varchar) as {quote(c)}" for c in present if c.lower() not in columns]
        plans[table] = f"select {', '.join(select_list)} from {relation}"
    if problems:
        con.close()
        raise ContractError("the files do not meet the raw contract; nothing was loaded:\n  - " + "\n  - ".join(problems))

    # 2. Write every table in one transaction.
    counts: dict[str, int] = {}
    con.execute("begin transaction")
    try:
        con.execute(f"create schema if not exists {quote(schema)}")
        for table, select in plans.items():
            target = f"{quote(schema)}.{quote(table)}"
            if select is None:
                empty_columns = ", ".join(f"{quote(c)} {t}" for c, t in RAW_TABLES[table].items())
                if mode == "replace":
                    con.execute(f"create or replace table {target} ({empty_columns})")
                else:
                    con.execute(f"create table if not exists {target} ({empty_columns})")
                counts[table] = 0
                continue
            if mode == "replace":
                con.execute(f"create or replace table {target} as {select}")
            else:
                con.execute(f"create table if not exists {target} as {select} limit 0")
                con.execute(f"insert into {target} by name {select}")
            counts[table] = con.execute(f"select count(*) from ({select})").fetchone()[0]
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="folder with one file (or folder of parts) per raw table")
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("DBT_DUCKDB_PATH", PROJECT_DIR / "attribution.duckdb")),
                        help="DuckDB file (default: $DBT_DUCKDB_PATH or attribution.duckdb in the project root)")
    parser.add_argument("--schema", default="raw", help="raw schema (the dbt var mta_raw_schema; default raw)")
    parser.add_argument("--mode", choices=["replace", "append"], default="replace",
                        help="replace the raw tables (default) or append a new batch to them")
    parser.add_argument("--allow-missing-tables", action="store_true",
                        help="create an empty table for a contract table that has no file")
    parser.add_argument("--lenient", action="store_true",
                        help="load values that do not cast to a typed column as null instead of stopping")
    args = parser.parse_args(argv)
    try:
        counts = load(args.data_dir, args.db, args.schema, args.mode, args.allow_missing_tables, args.lenient)
    except ContractError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for table, n in counts.items():
        print(f"{args.schema}.{table}: {n} rows {'appended' if args.mode == 'append' else 'loaded'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
