#!/usr/bin/env python3
"""Load a folder of real data files into the raw schema, checked against the contract.

Usage:
    python scripts/load_raw.py DATA_DIR [--db PATH] [--schema raw] [--mode replace|append]
                               [--allow-missing-tables] [--lenient] [--delimiter CHAR]

DATA_DIR holds one file, or one folder of part files, per raw table, named
after the table: `web_events.csv`, `ad_clicks.parquet`, `conversions.jsonl`,
`crm_contacts/part-0001.parquet`, ... Accepted formats: CSV with a header
(`.csv`, comma-separated unless --delimiter; `.tsv`, tab-separated), Parquet,
JSON / JSON lines (`.json`, `.jsonl`, `.ndjson`); CSV and JSON may be gzipped
(`.gz`). Names starting with `.` or `_` (`_SUCCESS`, `.crc` files) are skipped.

Everything is checked before anything is written, and every problem found is
reported, one line each, naming the file, and the line and column where there
is one; then the loader exits with code 2 and the database is as it was:
- a file or folder whose name is not a raw table, or whose format is unknown;
- a file that cannot be read, a ragged or badly quoted CSV row, malformed JSON;
- a file missing a required column (scripts/raw_contract.py REQUIRED_COLUMNS):
  `raw contract: table raw.X is missing column Y`;
- no `conversions` file (the one required table; in append mode only when
  raw.conversions does not exist yet);
- a value that loading would change: a number with a decimal comma, a
  fraction or an exponent in an integer column, more digits than the column
  keeps, an out-of-range number, a boolean that is not true/false/t/f/1/0/
  yes/no/y/n. Values are never rounded: `--lenient` loads such values as null
  instead, and counts them per column;
- a database that cannot be opened (locked by another process, not a DuckDB file).

What is not an error, and is said in the one line printed per table:
- An optional column missing from a file: the raw table gets it, all null (the
  dbt project treats an absent optional column as all-null anyway; creating it
  keeps every raw table in the contract's shape, so later batches that have
  the column append without a schema change).
- An extra column: kept, as text. In append mode a column the table does not
  have yet is added to it (text, null in the rows already there).
- An optional table with no file, or an empty (0-byte) file: created empty if
  the table does not exist. In replace mode an existing table that holds rows
  is not emptied unless --allow-missing-tables says so (an export that forgot
  a table must not wipe it). In append mode nothing is appended.

Text columns, timestamps included, are loaded exactly as they are: staging
parses them and quarantines what it cannot use. Contract columns get the types
in scripts/raw_contract.py when the loader creates a table; appending to an
existing table casts to that table's own column types, under the same rule
that no value may change.

The whole load is one transaction: a failure leaves the raw schema as it was.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import duckdb_storage  # noqa: E402
from raw_contract import RAW_TABLES, REQUIRED_COLUMNS, REQUIRED_TABLES  # noqa: E402
from warehouse_files import writer_lock  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[1]
SUFFIXES = {
    ".csv": "csv",
    ".csv.gz": "csv",
    ".tsv": "csv",
    ".tsv.gz": "csv",
    ".parquet": "parquet",
    ".json": "json",
    ".jsonl": "json",
    ".ndjson": "json",
    ".json.gz": "json",
    ".jsonl.gz": "json",
    ".ndjson.gz": "json",
}
FORMAT_NAMES = {"csv": "CSV", "parquet": "Parquet", "json": "JSON"}
# Internal column names in the checked copies; no user column may start with `_mta_`.
FILE_COLUMN = "_mta_file"
# How many example values are reported per column, and bad lines per file.
EXAMPLES = 3
MAX_LINES = 10
# Text meaning "no value" in a boolean or number column (pandas writes `nan` for a missing boolean).
NULL_MARKERS = ("null", "none", "nan", "na", "n/a")
NUMBER_NULL_MARKERS = ("null", "none", "na", "n/a")
# NaN and infinities are values of a floating-point column: loaded as such (staging quarantines them).
NON_FINITE = r"[+-]?(nan|inf|infinity)"
TRUE_WORDS = ("true", "t", "1", "yes", "y")
FALSE_WORDS = ("false", "f", "0", "no", "n")


class ContractError(Exception):
    """The files do not meet the raw contract (or cannot be read); nothing was loaded."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Source:
    """The files found for one raw table."""

    table: str
    fmt: str | None = None
    files: list[Path] = field(default_factory=list)
    empty_files: list[Path] = field(default_factory=list)

    def label(self) -> str:
        """The file's name, or the folder's and its number of files (for the line printed per table)."""
        names = [p.name for p in self.files + self.empty_files]
        return names[0] if len(names) == 1 else f"{self.table}/ ({len(names)} files)"

    def path(self) -> str:
        """The file, or the folder of part files (for error messages)."""
        paths = self.files + self.empty_files
        return str(paths[0]) if len(paths) == 1 else f"{paths[0].parent}/"


@dataclass
class LoadResult:
    counts: dict[str, int]
    lines: list[str]
    warnings: list[str]


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------- finding the files


def _suffix(name: str) -> str | None:
    lower = name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return suffix
    return None


def _skipped(name: str) -> bool:
    return name.startswith((".", "_"))


def _is_empty(path: Path) -> bool:
    """A file with no content: 0 bytes, only whitespace, or a gzip of that."""
    if path.stat().st_size == 0:
        return True
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        return not fh.read(4096).strip()


def discover(data_dir: Path) -> tuple[dict[str, Source], list[str], list[str]]:
    """The files per raw table, the problems (unknown names, formats, unreadable files) and notes."""
    sources = {table: Source(table) for table in RAW_TABLES}
    problems: list[str] = []
    notes: list[str] = []
    accepted = ", ".join(SUFFIXES)

    def add(table: str, path: Path) -> None:
        suffix = _suffix(path.name)
        if suffix is None:
            problems.append(f"{path}: unknown format (accepted: {accepted})")
            return
        if not os.access(path, os.R_OK):
            problems.append(f"{path}: cannot read the file (permission denied)")
            return
        try:
            empty = _is_empty(path)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            problems.append(f"{path}: cannot read the file ({exc})")
            return
        source = sources[table]
        fmt = SUFFIXES[suffix]
        if source.fmt not in (None, fmt):
            problems.append(
                f"{path}: raw table {table} has files of two formats "
                f"({FORMAT_NAMES[source.fmt]} and {FORMAT_NAMES[fmt]}); use one format per table"
            )
            return
        source.fmt = fmt
        (source.empty_files if empty else source.files).append(path)

    for entry in sorted(data_dir.iterdir()):
        if _skipped(entry.name):
            continue
        if entry.is_dir():
            if entry.name not in RAW_TABLES:
                notes.append(f"note: ignored folder {entry} (not a raw table name)")
                continue
            for part in sorted(entry.rglob("*")):
                if part.is_file() and not any(_skipped(p) for p in part.relative_to(entry).parts):
                    add(entry.name, part)
            continue
        suffix = _suffix(entry.name)
        stem = entry.name[: -len(suffix)] if suffix else entry.name.split(".")[0]
        if stem in RAW_TABLES:
            add(stem, entry)
        elif suffix:
            problems.append(
                f"{entry}: not a raw table name (expected one of: {', '.join(RAW_TABLES)}); "
                f"rename it, or move it out of the folder"
            )
        else:
            notes.append(f"note: ignored {entry} (not a data file)")
    return sources, problems, notes


# --------------------------------------------------------------------------- reading the files


def csv_header(path: Path, delimiter: str) -> list[str]:
    """The header record of a CSV file: its first line (more while a quoted name is open).
    Only these bytes are decoded: a bad byte further down is reported by the reader with its line."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        raw = fh.readline()
        while raw.count(b'"') % 2 and (more := fh.readline()):
            raw += more
    text = raw.decode("utf-8-sig")
    return next(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True, strict=True), []
    )


def check_header(path: Path, header: list[str]) -> list[str]:
    if not header:
        return [f"{path} line 1: no header (the first line is empty)"]
    problems = []
    seen: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        if not name.strip():
            problems.append(f"{path} line 1: column {i} of the header has no name")
        elif name.lower().startswith("_mta_"):
            problems.append(f"{path} line 1: column {name}: names starting with _mta_ are reserved for the loader")
        elif name.lower() in seen:
            problems.append(
                f"{path} line 1: column {name} appears twice in the header (columns {seen[name.lower()]} and {i})"
            )
        else:
            seen[name.lower()] = i
    return problems


def csv_reader(files: list[Path], header: list[str], delimiter: str, rejects: str) -> str:
    paths = "[" + ", ".join(literal(str(p)) for p in files) + "]"
    columns = "{" + ", ".join(f"{literal(c)}: 'VARCHAR'" for c in header) + "}"
    # No sniffing: it cannot describe a ragged file. Bad rows go to the rejects table.
    return (
        f"read_csv({paths}, columns = {columns}, header = true, auto_detect = false, "
        f"delim = {literal(delimiter)}, quote = '\"', escape = '\"', strict_mode = true, "
        # an empty quoted value ("") is an empty string, an empty unquoted one is null
        f"allow_quoted_nulls = false, "
        f"filename = '{FILE_COLUMN}', store_rejects = true, "
        f"rejects_table = '{rejects}_errors', rejects_scan = '{rejects}_scans')"
    )


def read_into(con: duckdb.DuckDBPyConnection, source: Source, staging: str, delimiter: str | None) -> list[str]:
    """Copy a table's files into a temp table (file order kept: rowid is the position); return problems."""
    problems: list[str] = []
    first = True

    def insert(select: str) -> None:
        nonlocal first
        if first:
            con.execute(f"create temp table {staging} as {select}")
            first = False
            return
        present = {r[0].lower() for r in con.execute(f"describe {staging}").fetchall()}
        for name, dtype, *_ in con.execute(f"describe {select}").fetchall():
            if name.lower() not in present:
                con.execute(f"alter table {staging} add column {quote(name)} {dtype}")
        con.execute(f"insert into {staging} by name {select}")

    if source.fmt == "csv":
        groups: dict[tuple[str, tuple[str, ...]], list[Path]] = {}
        for path in source.files:
            sep = delimiter or ("\t" if ".tsv" in path.name.lower() else ",")
            try:
                header = csv_header(path, sep)
            except (UnicodeDecodeError, csv.Error, OSError, EOFError) as exc:
                problems.append(f"{path} line 1: cannot read the header ({exc})")
                continue
            header_problems = check_header(path, header)
            if header_problems:
                problems += header_problems
                continue
            groups.setdefault((sep, tuple(header)), []).append(path)
        for n, ((sep, header), files) in enumerate(groups.items()):
            try:
                insert(f"select * from {csv_reader(files, list(header), sep, f'{staging}_rejects_{n}')}")
            except duckdb.Error as exc:
                problems.append(
                    f"{files[0] if len(files) == 1 else source.table + '/'}: cannot read as CSV: {first_line(exc)}"
                )
                continue
            # One problem per bad line (the reader reports a ragged line once per missing or extra field).
            rejects = con.execute(
                f"with errors as (select s.file_path, e.line, e.error_type, e.column_idx, e.column_name, "
                f"e.error_message from {staging}_rejects_{n}_errors as e inner join {staging}_rejects_{n}_scans as s "
                f"on e.scan_id = s.scan_id and e.file_id = s.file_id), "
                f"per_line as (select file_path, line, error_type, arg_min(column_name, column_idx) as column_name, "
                f"case when error_type = 'TOO MANY COLUMNS' then arg_max(error_message, column_idx) "
                f"else arg_min(error_message, column_idx) end as message from errors "
                f"group by file_path, line, error_type) "
                f"select count(*) over (partition by file_path), * from per_line "
                f"qualify row_number() over (partition by file_path order by line, error_type) <= {MAX_LINES} "
                f"order by file_path, line, error_type"
            ).fetchall()
            for _total, file_path, line, error_type, column, message in rejects:
                problems.append(f"{file_path} line {line}: {describe_reject(error_type, column, message)}")
            for file_path, total in {r[1]: r[0] for r in rejects if r[0] > MAX_LINES}.items():
                problems.append(f"{file_path}: and {plural(total - MAX_LINES, 'more bad line')}")
        return problems

    for path in source.files:
        if source.fmt == "parquet":
            select = f"select * from read_parquet({literal(str(path))}, filename = '{FILE_COLUMN}')"
        else:
            select = None
        try:
            if select is None:
                # Every key as text, like CSV: a timestamp-looking string must not be parsed and re-printed.
                keys = [
                    r[0]
                    for r in con.execute(
                        f"describe select * from read_json({literal(str(path))}, format = 'auto', sample_size = -1)"
                    ).fetchall()
                ]
                columns = "{" + ", ".join(f"{literal(k)}: 'VARCHAR'" for k in keys) + "}"
                select = (
                    f"select * from read_json({literal(str(path))}, format = 'auto', columns = {columns}, "
                    f"filename = '{FILE_COLUMN}')"
                )
            columns = [r[0] for r in con.execute(f"describe {select}").fetchall()]
            reserved = [c for c in columns if c.lower().startswith("_mta_") and c != FILE_COLUMN]
            if reserved:
                problems.append(f"{path}: column {reserved[0]}: names starting with _mta_ are reserved for the loader")
                continue
            insert(select)
        except duckdb.Error as exc:
            problems.append(f"{path}: cannot read as {FORMAT_NAMES[source.fmt]}: {first_line(exc)}")
    return problems


def first_line(exc: BaseException) -> str:
    """The first line of DuckDB's message, without its `Invalid Input Error: ` kind."""
    text = str(exc).strip()
    return re.sub(r"^[A-Za-z ]*Error: ", "", text.splitlines()[0]) if text else type(exc).__name__


def describe_reject(error_type: str, column: str | None, message: str) -> str:
    if error_type in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
        counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message)
        if counts:
            return f"ragged row: {counts.group(2)} fields, the header has {counts.group(1)}"
        return f"ragged row: {message}"
    if error_type == "UNQUOTED VALUE":
        return f"badly quoted value in column {column}: {message}"
    if error_type == "INVALID ENCODING":
        return f"column {column}: not valid UTF-8 (save the file as UTF-8)"
    return f"{error_type.lower()}{f' in column {column}' if column else ''}: {message}"


# --------------------------------------------------------------------------- values

INTEGER_TYPES = {
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
}
FLOAT_TYPES = {"FLOAT", "DOUBLE"}
TEXT_TYPES = {"VARCHAR"}
NUMBER_SYNTAX = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"


def kind(duck_type: str) -> str:
    t = duck_type.upper()
    if t in TEXT_TYPES:
        return "text"
    if t == "BOOLEAN":
        return "boolean"
    if t in INTEGER_TYPES:
        return "integer"
    if t in FLOAT_TYPES:
        return "float"
    if t.startswith("DECIMAL"):
        return "decimal"
    return "other"


def as_text(column: str, source_type: str) -> str:
    """SQL for a column's value as text: JSON strings without their quotes, nested values as JSON."""
    col = quote(column)
    if source_type.upper() == "JSON":
        return f"({col} ->> '$')"
    if re.search(r"STRUCT|MAP\(|\[\]|UNION", source_type.upper()):
        return f"cast(to_json({col}) as varchar)"
    return f"cast({col} as varchar)"


def _digits(expr: str) -> str:
    """The significant digits of a number's text (mantissa digits without leading or trailing zeros)."""
    return f"trim(regexp_replace(regexp_replace(lower({expr}), 'e.*$', ''), '[^0-9]', '', 'g'), '0')"


def _case(checks: list[tuple[str, str]]) -> str:
    """`case when <condition> then <reason SQL> ... end`: the first failing check's reason, else null."""
    return "case " + " ".join(f"when {c} then {r}" for c, r in checks) + " end"


def value_rules(column: str, source_type: str, target_type: str) -> tuple[str, str, str]:
    """SQL for (is null, converted value, reason the value cannot be stored unchanged: null when it can).

    Only called for boolean and numeric targets; `column` is a column of the checked copy."""
    col = quote(column)
    target = target_type.upper()
    src_kind, tgt_kind = kind(source_type), kind(target)
    if source_type.upper() == target:
        return f"{col} is null", col, "cast(null as varchar)"
    if src_kind in ("integer", "float", "decimal") and tgt_kind in ("integer", "float", "decimal"):
        # A typed number (Parquet, JSON): it must come back unchanged from the target type.
        converted = f"try_cast({col} as {target})"
        checks = []
        if src_kind == "float":
            non_finite = f"isnan({col}) or isinf({col})"
            if tgt_kind == "float":  # FLOAT <-> DOUBLE: NaN and infinities stay what they are
                checks.append((non_finite, "cast(null as varchar)"))
            else:
                checks.append((non_finite, literal(f"not a finite number (a {target} column cannot hold it)")))
                if tgt_kind == "integer":
                    checks.append(
                        (
                            f"abs({col}) > 9007199254740992",
                            literal("an integer too large to be exact in a floating-point file value"),
                        )
                    )
        checks.append((f"{converted} is null", literal(f"out of range for {target}")))
        checks.append(
            (f"cast({converted} as {source_type}) <> {col}", f"'would be stored as ' || cast({converted} as varchar)")
        )
        return f"{col} is null", converted, _case(checks)

    text = f"trim({as_text(column, source_type)})"
    if tgt_kind == "boolean":
        is_null = f"({text} is null or {text} = '' or lower({text}) in {NULL_MARKERS})"
        converted = (
            f"case when lower({text}) in {TRUE_WORDS} then true when lower({text}) in {FALSE_WORDS} then false end"
        )
        reason = _case([(f"{converted} is null", literal("not a boolean (true/false, t/f, 1/0, yes/no, y/n)"))])
        return is_null, converted, reason
    if tgt_kind not in ("integer", "float", "decimal"):
        # Any other type of an existing table (a user's DATE, TIMESTAMP, ...): it must cast.
        converted = f"try_cast({text} as {target})"
        return (
            f"({text} is null or {text} = '')",
            converted,
            _case([(f"{converted} is null", literal(f"not a {target}"))]),
        )

    is_null = f"({text} is null or {text} = '' or lower({text}) in {NUMBER_NULL_MARKERS})"
    number = f"regexp_full_match({text}, '{NUMBER_SYNTAX}')"
    non_finite = f"regexp_full_match(lower({text}), '{NON_FINITE}')"
    not_a_number = [
        (
            f"regexp_full_match({text}, '[+-]?[0-9.]*[0-9],[0-9]+')",
            literal("not a number: decimal comma or thousands separator (write 12.50)"),
        ),
        (f"not {number} and not {non_finite}", literal("not a number")),
    ]
    if tgt_kind == "float":
        converted = f"try_cast({text} as {target})"
        reason = _case(
            not_a_number
            + [
                (non_finite, "cast(null as varchar)"),  # NaN, inf: loaded as they are
                (f"{converted} is null or isinf({converted})", literal(f"out of range for {target}")),
                (
                    f"{_digits(text)} <> {_digits(f'cast({converted} as varchar)')}",
                    f"'more digits than {target} keeps (would be stored as ' || cast({converted} as varchar) || ')'",
                ),
            ]
        )
        return is_null, converted, reason
    finite = [(non_finite, literal(f"not a finite number (a {target} column cannot hold it)"))]
    if tgt_kind == "integer":
        plain = f"regexp_replace({text}, '\\.0*$', '')"
        converted = f"try_cast({plain} as {target})"
        reason = _case(
            not_a_number
            + finite
            + [
                (f"regexp_matches({text}, '[eE]')", literal("exponent notation in an integer column")),
                (
                    f"not regexp_full_match({text}, '[+-]?[0-9]+(\\.0*)?')",
                    literal("a fraction in an integer column (would be rounded)"),
                ),
                (f"{converted} is null", literal(f"out of range for {target}")),
            ]
        )
        return is_null, converted, reason
    converted = f"try_cast({text} as {target})"  # decimal
    reason = _case(
        not_a_number
        + finite
        + [
            (f"{converted} is null", literal(f"out of range for {target}")),
            (
                f"{_digits(text)} <> {_digits(f'cast({converted} as varchar)')}",
                f"'more digits than {target} keeps (would be stored as ' || cast({converted} as varchar) || ')'",
            ),
        ]
    )
    return is_null, converted, reason


# --------------------------------------------------------------------------- positions for messages


def position_sql(staging: str) -> str:
    """Per row of the checked copy: its file and 1-based record number within that file."""
    return (
        f"select rowid as _mta_rowid, {FILE_COLUMN} as _mta_path, "
        f"rowid - min(rowid) over (partition by {FILE_COLUMN}) + 1 as _mta_record from {staging}"
    )


def line_numbers(con: duckdb.DuckDBPyConnection, path: str, fmt: str, records: list[int]) -> dict[int, int]:
    """The line on which each record starts (CSV: the header is record 0; a quoted value may span lines;
    blank lines between records are skipped, as the reader skips them)."""
    if fmt == "parquet" or not records:
        return {}
    # Every physical line, blank ones included, in file order (rowid).
    con.execute(
        f"create or replace temp table _mta_lines as select line from read_csv({literal(path)}, "
        f"columns = {{'line': 'VARCHAR'}}, header = false, auto_detect = false, "
        f"delim = '\x1f\x1e', quote = '', escape = '', strict_mode = false)"
    )  # separators no text file uses
    lines = "select line, rowid + 1 as n from _mta_lines"
    if fmt == "csv":
        quotes = "coalesce(length(line) - length(replace(line, '\"', '')), 0)"
        starts = (
            f"select n, line, coalesce(sum({quotes}) over (order by n rows between unbounded preceding "
            f"and 1 preceding), 0) % 2 = 0 as outside from ({lines})"
        )
        first_record = 0
    else:
        starts = f"select n, line, true as outside from ({lines})"
        first_record = 1
    rows = con.execute(
        f"with starts as ({starts}), records as ("
        f"select n, row_number() over (order by n) - 1 + {first_record} as record from starts "
        f"where outside and coalesce(trim(line, chr(13)), '') <> '') "
        f"select record, n from records where record in ({', '.join(str(int(r)) for r in records)})"
    ).fetchall()
    return {record: n for record, n in rows}


def where(fmt: str, path: str, record: int, lines: dict[int, int]) -> str:
    if fmt == "json" and path.lower().endswith((".json", ".json.gz")):
        return f"{path} record {record}"
    if fmt == "parquet":
        return f"{path} row {record}"
    return f"{path} line {lines.get(record, '?')}"


# --------------------------------------------------------------------------- the load


@dataclass
class Plan:
    table: str
    source: Source
    staging: str | None = None
    present: dict[str, str] = field(default_factory=dict)  # lower name -> (name as in file)
    types: dict[str, str] = field(default_factory=dict)  # name in file -> DuckDB type in the copy
    rows: int = 0
    empty_reason: str | None = None
    bad_counts: dict[str, int] = field(default_factory=dict)


def target_types(con: duckdb.DuckDBPyConnection, plan: Plan, schema: str, mode: str) -> list[tuple[str, str, str]]:
    """(column, name in the file, type it is stored as) for every column of the file: the existing
    table's type when appending to it, else the contract's, else text."""
    existing = existing_columns(con, schema, plan.table) if mode == "append" else None
    existing_lower = {c.lower(): t for c, t in (existing or {}).items()}
    contract = RAW_TABLES[plan.table]
    return [
        (lower, name, existing_lower.get(lower) or contract.get(lower, "VARCHAR"))
        for lower, name in plan.present.items()
    ]


def open_database(db_path: Path) -> duckdb.DuckDBPyConnection:
    if db_path.exists() and db_path.is_dir():
        raise ContractError([f"database {db_path}: is a folder, not a DuckDB file"])
    if not db_path.parent.is_dir():
        raise ContractError([f"database {db_path}: folder {db_path.parent} does not exist"])
    try:
        return duckdb_storage.connect(db_path)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            holder = re.search(r"PID (\d+)", message)
            pid = f" (PID {holder.group(1)})" if holder else ""
            raise ContractError(
                [
                    f"database {db_path}: locked by another process{pid}; close it "
                    f"(a dbt run, a notebook, a BI tool) and load again"
                ]
            ) from None
        raise ContractError([f"database {db_path}: cannot open: {first_line(exc)}"]) from None
    except duckdb.Error as exc:
        raise ContractError([f"database {db_path}: cannot open: {first_line(exc)}"]) from None


def existing_columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> dict[str, str] | None:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = current_database() and table_schema = ? and table_name = ? "
        "order by ordinal_position",
        [schema, table],
    ).fetchall()
    return {name: dtype for name, dtype in rows} if rows else None


def load(
    data_dir: Path,
    db_path: Path,
    schema: str = "raw",
    mode: str = "replace",
    allow_missing: bool = False,
    lenient: bool = False,
    delimiter: str | None = None,
) -> LoadResult:
    """Check every file, then load them all in one transaction. Raises ContractError listing every problem."""
    data_dir, db_path = Path(data_dir), Path(db_path)
    if not data_dir.exists():
        raise ContractError([f"data folder {data_dir} does not exist"])
    if not data_dir.is_dir():
        raise ContractError([f"data folder {data_dir} is not a folder"])
    if not os.access(data_dir, os.R_OK | os.X_OK):
        raise ContractError([f"data folder {data_dir}: cannot read it (permission denied)"])
    if delimiter is not None and len(delimiter.encode()) != 1:
        raise ContractError([f"--delimiter must be one character, not {delimiter!r}"])
    sources, problems, warnings = discover(data_dir)
    new_file = not db_path.exists()
    con = open_database(db_path)
    try:
        result = _check_and_write(
            con, db_path, sources, problems, warnings, schema, mode, allow_missing, lenient, delimiter
        )
    except BaseException:
        con.close()
        if new_file:  # nothing was loaded: leave no empty database behind
            for suffix in ("", ".wal"):
                Path(str(db_path) + suffix).unlink(missing_ok=True)
        raise
    con.close()
    return result


def _check_and_write(
    con, db_path, sources, problems, warnings, schema, mode, allow_missing, lenient, delimiter
) -> LoadResult:
    con.execute("set TimeZone = 'UTC'")
    note = duckdb_storage.existing_storage_note(con, db_path)
    if note:
        warnings.append(note)
    plans: dict[str, Plan] = {}

    # 1. Read every file into a checked copy; check columns.
    for n, (table, source) in enumerate(sources.items()):
        plan = plans[table] = Plan(table, source)
        existing = existing_columns(con, schema, table)
        if not source.files:
            what = f"{', '.join(p.name for p in source.empty_files)} is empty" if source.empty_files else "no file"
            plan.empty_reason = what
            if table in REQUIRED_TABLES and not (mode == "append" and existing is not None):
                problems.append(
                    f"raw contract: table {schema}.{table} is required: {what} "
                    f"({table}.csv/.parquet/.jsonl or a folder {table}/ with a header or columns)"
                )
            elif mode == "replace" and existing is not None and not allow_missing:
                held = con.execute(f"select count(*) from {quote(schema)}.{quote(table)}").fetchone()[0]
                if held:
                    problems.append(
                        f"raw table {table}: {what}, and {schema}.{table} holds {plural(held, 'row')} "
                        f"that replace mode would drop; add its file, use --mode append, or pass "
                        f"--allow-missing-tables to empty it"
                    )
            continue
        plan.staging = f"_mta_src_{n}"
        read_problems = read_into(con, source, plan.staging, delimiter)
        if read_problems:
            problems += read_problems
            plan.staging = None
            continue
        plan.types = {
            name: dtype for name, dtype, *_ in con.execute(f"describe {plan.staging}").fetchall() if name != FILE_COLUMN
        }
        plan.present = {name.lower(): name for name in plan.types}
        for column in REQUIRED_COLUMNS[table]:
            if column not in plan.present:
                problems.append(f"{source.path()}: raw contract: table {schema}.{table} is missing column {column}")
        plan.rows = con.execute(f"select count(*) from {plan.staging}").fetchone()[0]

    # 2. Check every value of a typed column, against the type it will be stored in.
    for table, plan in plans.items():
        if plan.staging is None:
            continue
        for column, name, target in target_types(con, plan, schema, mode):
            if kind(target) == "text":
                continue
            is_null, _, reason = value_rules(name, plan.types[name], target)
            bad = con.execute(
                f"with positions as ({position_sql(plan.staging)}), "
                f"checked as (select rowid as _mta_rowid, {as_text(name, plan.types[name])} as value, {reason} as reason "
                f"from {plan.staging} where not {is_null}) "
                f"select count(*) over (), p._mta_path, p._mta_record, c.value, c.reason "
                f"from checked as c inner join positions as p on c._mta_rowid = p._mta_rowid "
                f"where c.reason is not null order by c._mta_rowid limit {EXAMPLES}"
            ).fetchall()
            if not bad:
                continue
            total = bad[0][0]
            plan.bad_counts[column] = total
            line_of = {
                path: line_numbers(con, path, plan.source.fmt, [r[2] for r in bad if r[1] == path])
                for path in {r[1] for r in bad}
            }
            examples = [
                f"{where(plan.source.fmt, path, record, line_of[path])}, column {column}: {literal(value)} {reason}"
                for _, path, record, value, reason in bad
            ]
            more = f" (and {plural(total - len(bad), 'more value')} in this column)" if total > len(bad) else ""
            if lenient:
                warnings.append(
                    f"warning: {plural(total, 'value')} of {table}.{column} loaded as null "
                    f"(--lenient); first: {examples[0]}"
                )
            else:
                problems.extend(f"{e}" for e in examples[:-1])
                problems.append(f"{examples[-1]}{more}")
    if problems:
        raise ContractError(problems)

    # 3. Write every table in one transaction.
    counts: dict[str, int] = {}
    lines: list[str] = []
    con.execute("begin transaction")
    try:
        con.execute(f"create schema if not exists {quote(schema)}")
        for table, plan in plans.items():
            counts[table], line = write_table(con, plan, schema, mode)
            lines.append(line)
        con.execute("commit")
    except duckdb.Error as exc:
        con.execute("rollback")
        raise ContractError([f"writing the raw tables failed, nothing was loaded: {first_line(exc)}"]) from None
    return LoadResult(counts, lines, warnings)


def write_table(con: duckdb.DuckDBPyConnection, plan: Plan, schema: str, mode: str) -> tuple[int, str]:
    table = plan.table
    target = f"{quote(schema)}.{quote(table)}"
    contract = RAW_TABLES[table]
    existing = existing_columns(con, schema, table)
    if plan.staging is None:
        columns = ", ".join(f"{quote(c)} {t}" for c, t in contract.items())
        optional = "" if table in REQUIRED_TABLES else " (optional table)"
        if mode == "replace":
            con.execute(f"create or replace table {target} ({columns})")
            return 0, f"{schema}.{table}: {plan.empty_reason}; created empty{optional}"
        if existing is None:
            con.execute(f"create table {target} ({columns})")
            return 0, f"{schema}.{table}: {plan.empty_reason}; nothing appended, created empty{optional}"
        return 0, f"{schema}.{table}: {plan.empty_reason}; nothing appended"

    notes: list[str] = []
    absent = [c for c in contract if c not in plan.present]
    extra = [name for lower, name in plan.present.items() if lower not in contract]
    if absent:
        notes.append(f"optional column(s) not in the file, null: {', '.join(absent)}")
    if plan.source.empty_files:
        notes.append(f"{plural(len(plan.source.empty_files), 'empty file')} skipped")
    if plan.bad_counts:
        notes.append(
            "loaded as null (--lenient): "
            + ", ".join(f"{plural(n, 'value')} of {c}" for c, n in plan.bad_counts.items())
        )

    if mode == "append" and existing is not None:
        existing_lower = {c.lower(): c for c in existing}
        held = con.execute(f"select count(*) from {target}").fetchone()[0]
        for column, contract_type in contract.items():
            if column not in existing_lower:
                con.execute(f"alter table {target} add column {quote(column)} {contract_type}")
                notes.append(
                    f"added contract column {column} ({contract_type}) to the table, "
                    f"null in the {plural(held, 'row')} already there"
                )
        added = [name for name in extra if name.lower() not in existing_lower]
        for name in added:
            con.execute(f"alter table {target} add column {quote(name)} varchar")
        if added:
            notes.append(
                f"added extra column(s) {', '.join(added)} (text) to the table, "
                f"null in the {plural(held, 'row')} already there"
            )
        kept = [name for name in extra if name.lower() in existing_lower]
        if kept:
            notes.append(f"extra column(s) appended as text: {', '.join(kept)}")
        types = existing_columns(con, schema, table)
    else:
        types = {**contract, **{name: "VARCHAR" for name in extra}}
        if extra:
            notes.append(f"extra column(s) kept as text: {', '.join(extra)}")
    select_list = []
    for column, duck_type in types.items():
        source_name = plan.present.get(column.lower())
        if source_name is None:
            select_list.append(f"cast(null as {duck_type}) as {quote(column)}")
            continue
        source_type = plan.types[source_name]
        if kind(duck_type) == "text":
            value = as_text(source_name, source_type)
        else:
            is_null, converted, reason = value_rules(source_name, source_type, duck_type)
            value = f"case when {is_null} or ({reason}) is not null then null else {converted} end"
        select_list.append(f"{value} as {quote(column)}")
    select = f"select {', '.join(select_list)} from {plan.staging} order by rowid"
    files = plan.source.label()
    if mode == "append" and existing is not None:
        con.execute(f"insert into {target} by name {select}")
        verb = "appended"
    else:
        con.execute(f"create or replace table {target} as {select}")
        verb = "loaded" if mode == "replace" else "appended (new table)"
    empty = " (the file has no rows)" if plan.rows == 0 else ""
    return plan.rows, f"{schema}.{table}: {plural(plan.rows, 'row')} {verb} from {files}{empty}" + "".join(
        f"; {n}" for n in notes
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path, help="folder with one file (or folder of parts) per raw table")
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(os.environ.get("DBT_DUCKDB_PATH", PROJECT_DIR / "attribution.duckdb")),
        help="DuckDB file (default: $DBT_DUCKDB_PATH or attribution.duckdb in the project root)",
    )
    parser.add_argument("--schema", default="raw", help="raw schema (the dbt var mta_raw_schema; default raw)")
    parser.add_argument(
        "--mode",
        choices=["replace", "append"],
        default="replace",
        help="replace the raw tables (default) or append a new batch to them",
    )
    parser.add_argument(
        "--allow-missing-tables",
        action="store_true",
        help="in replace mode, empty an existing optional table that holds rows when its file "
        "is missing or empty (without it the load stops); absent tables are always created empty",
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="load values that cannot be stored unchanged in a typed column as null (counted) "
        "instead of stopping; ragged rows and unreadable files still stop the load",
    )
    parser.add_argument("--delimiter", help="field separator of the CSV files (default: ',' for .csv, tab for .tsv)")
    args = parser.parse_args(argv)
    try:
        # one writer at a time on the warehouse (a build, a load or an export): wait for the lock
        with writer_lock(args.db, "load_raw", wait=True):
            result = load(
                args.data_dir, args.db, args.schema, args.mode, args.allow_missing_tables, args.lenient, args.delimiter
            )
    except ContractError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"error: nothing was loaded ({plural(len(exc.problems), 'problem')})", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    for line in result.lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
