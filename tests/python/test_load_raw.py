"""The loader for real data: contract checks, formats, exact values, errors, atomicity.

These tests write their own small files (hand-written text, so the expected
lines and values are read off the fixture); they do not need the warehouse.
Every error case runs the command line entry point and checks the exit code
(2) and that the message names the file and the line or the column.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
from load_raw import ContractError, load, main  # noqa: E402

from raw_contract import RAW_TABLES, REQUIRED_COLUMNS  # noqa: E402

CONVERSIONS_HEADER = "conversion_event_id,conversion_type,occurred_at,collector"


# --------------------------------------------------------------------------- helpers


def row_for(table: str, i: int) -> dict[str, object]:
    """A row with every contract column; typed columns get valid text."""
    row: dict[str, object] = {}
    for column, duck_type in RAW_TABLES[table].items():
        if duck_type == "boolean":
            row[column] = "true" if i % 2 else "false"
        elif duck_type in ("double", "bigint"):
            row[column] = str(10 + i)
        else:
            row[column] = f"00{i}-{column}"
    return row


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_all(folder: Path, n: int = 3, fmt: str = "csv") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for table in RAW_TABLES:
        rows = [row_for(table, i) for i in range(n)]
        if fmt == "csv":
            write_csv(folder / f"{table}.csv", rows)
        else:
            (folder / f"{table}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")


def write(path: Path, text: str) -> Path:
    """Write a hand-written fixture (dedented; lines as written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def conversions_only(folder: Path) -> Path:
    return write(
        folder / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER}
        c1,purchase,2026-03-01T10:00:00Z,browser
        """,
    )


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def line_for(out: str, table: str) -> str:
    """The one line the loader prints for a table."""
    lines = [line for line in out.splitlines() if line.startswith(f"raw.{table}: ")]
    assert len(lines) == 1, out
    return lines[0]


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error: ")]


def query(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# --------------------------------------------------------------------------- loading


def test_loads_every_table_and_keeps_text_as_typed(tmp_path):
    write_all(tmp_path / "in", n=3)
    db = tmp_path / "w.duckdb"
    result = load(tmp_path / "in", db)
    assert result.counts == {t: 3 for t in RAW_TABLES}
    # Leading zeros of ids survive (CSV is read as text, not inferred as numbers).
    assert query(db, "select min(event_id) from raw.web_events") == [("000-event_id",)]
    assert query(db, "select list(consent_marketing order by event_id) from raw.web_events") == [
        ([False, True, False],)
    ]
    assert query(db, "select sum(revenue) from raw.conversions") == [(10 + 11 + 12,)]
    types = dict(
        query(
            db,
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'raw' and table_name = 'conversions'",
        )
    )
    assert types["revenue"] == "DOUBLE" and types["occurred_at"] == "VARCHAR" and types["skip_attribution"] == "BOOLEAN"


def test_json_lines_and_extra_columns(tmp_path, capsys):
    write_all(tmp_path / "in", n=2, fmt="json")
    extra = [dict(row_for("web_events", i), tag_version="v9") for i in range(2)]
    (tmp_path / "in" / "web_events.jsonl").write_text("\n".join(json.dumps(r) for r in extra))
    db = tmp_path / "w.duckdb"
    code, out, _ = run(capsys, tmp_path / "in", "--db", db)
    assert code == 0
    assert query(db, "select list(tag_version) from raw.web_events") == [(["v9", "v9"],)]
    assert "raw.web_events: 2 rows loaded from web_events.jsonl; extra column(s) kept as text: tag_version" in out


def test_part_files_in_a_folder(tmp_path):
    write_all(tmp_path / "in", n=1)
    (tmp_path / "in" / "web_events.csv").unlink()
    parts = tmp_path / "in" / "web_events"
    parts.mkdir()
    write_csv(parts / "part-1.csv", [row_for("web_events", 1)])
    write_csv(parts / "part-2.csv", [row_for("web_events", 2), row_for("web_events", 3)])
    (parts / "_SUCCESS").write_text("")  # Spark's marker file is skipped
    assert load(tmp_path / "in", tmp_path / "w.duckdb").counts["web_events"] == 3


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Demo raw tables from the generator (scale 0.05): dirt included (NaN amounts, '' ids, odd timestamps)."""
    from conftest import generate

    db = tmp_path_factory.mktemp("generated") / "generated.duckdb"
    generate(db, 0.05, 3)
    con = duckdb.connect(str(db))
    # The dirt of larger scales, made sure of here: non-finite amounts, an empty-string id.
    con.execute("update raw.ad_clicks set cost = 'nan' where click_id = (select min(click_id) from raw.ad_clicks)")
    con.execute(
        "update raw.conversions set revenue = '-inf' "
        "where conversion_event_id = (select min(conversion_event_id) from raw.conversions)"
    )
    con.execute("update raw.web_events set event_id = '' where event_id = (select max(event_id) from raw.web_events)")
    con.close()
    return db


@pytest.mark.parametrize("fmt", ["csv", "csv.gz parts", "parquet", "jsonl", "tsv"])
def test_exported_demo_tables_load_back_identical(generated, tmp_path, fmt):
    """The generator's raw tables, written out by DuckDB and loaded back, are row for row the same."""
    folder = tmp_path / "in"
    folder.mkdir()
    con = duckdb.connect(str(generated), read_only=True)
    for table in RAW_TABLES:
        if fmt == "csv":
            con.execute(f"copy raw.{table} to '{folder / table}.csv' (header)")
        elif fmt == "tsv":
            con.execute(f"copy raw.{table} to '{folder / table}.tsv' (header, delimiter '\t')")
        elif fmt == "csv.gz parts":
            (folder / table).mkdir()
            for part, parity in enumerate((0, 1)):
                con.execute(
                    f"copy (select * from raw.{table} where hash(rowid) % 2 = {parity}) "
                    f"to '{folder / table / f'part-{part}.csv.gz'}' (header)"
                )
        elif fmt == "parquet":
            con.execute(f"copy raw.{table} to '{folder / table}.parquet'")
        else:
            con.execute(f"copy raw.{table} to '{folder / table}.jsonl'")
    con.close()
    db = tmp_path / "w.duckdb"
    result = load(folder, db)
    con = duckdb.connect(str(db), read_only=True)
    con.execute(f"attach '{generated}' as generated (read_only)")
    try:
        for table in RAW_TABLES:
            expected = con.execute(f"select count(*) from generated.raw.{table}").fetchone()[0]
            assert result.counts[table] == expected
            for a, b in ((f"generated.raw.{table}", f"raw.{table}"), (f"raw.{table}", f"generated.raw.{table}")):
                assert (
                    con.execute(f"select count(*) from (select * from {a} except all select * from {b})").fetchone()[0]
                    == 0
                ), (table, a, b)
        # NaN and infinite amounts and empty-string ids are loaded as they are, for staging to quarantine.
        assert con.execute("select count(*) from raw.ad_clicks where isnan(cost)").fetchone()[0] >= 1
        assert con.execute("select count(*) from raw.conversions where revenue = '-inf'").fetchone()[0] >= 1
        assert con.execute("select count(*) from raw.web_events where event_id = ''").fetchone()[0] >= 1
    finally:
        con.close()


def test_delimiter_option_and_json_array_records(tmp_path, capsys):
    write(
        tmp_path / "in" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER.replace(",", ";")};revenue
        c1;purchase;2026-03-01T10:00:00Z;browser;12,50
        """,
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb", "--delimiter", ";")
    assert code == 2  # read with ';', the decimal comma is seen as such
    assert f"error: {tmp_path / 'in' / 'conversions.csv'} line 2, column revenue: '12,50' not a number" in err
    (tmp_path / "in" / "conversions.csv").unlink()
    (tmp_path / "in" / "conversions.json").write_text(
        json.dumps(
            [
                {"conversion_event_id": "c1", "conversion_type": "purchase", "occurred_at": "x", "collector": "crm"},
                {
                    "conversion_event_id": "c2",
                    "conversion_type": "purchase",
                    "occurred_at": "x",
                    "collector": "crm",
                    "skip_attribution": "sometimes",
                },
            ],
            indent=2,
        )
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert (
        f"error: {tmp_path / 'in' / 'conversions.json'} record 2, column skip_attribution: 'sometimes' not a boolean"
    ) in err


def test_bad_values_in_several_part_files_name_each_file_and_line(tmp_path, capsys):
    conversions_only(tmp_path / "in")
    header = "spend_date,platform,campaign_id,spend\n"
    write(tmp_path / "in" / "ad_spend" / "day=1" / "part-0.csv", header + "2026-03-01,g,k1,1\n2026-03-01,g,k2,1;5\n")
    write(tmp_path / "in" / "ad_spend" / "day=2" / "part-0.csv", header + "\n2026-03-02,g,k3,n/a\n2026-03-02,g,k4,€3\n")
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert error_lines(err) == [
        f"error: {tmp_path / 'in' / 'ad_spend' / 'day=1' / 'part-0.csv'} line 3, column spend: '1;5' not a number",
        f"error: {tmp_path / 'in' / 'ad_spend' / 'day=2' / 'part-0.csv'} line 4, column spend: '€3' not a number",
        "error: nothing was loaded (2 problems)",
    ]


def test_append_mode_adds_a_batch(tmp_path):
    write_all(tmp_path / "a", n=2)
    write_all(tmp_path / "b", n=3)
    db = tmp_path / "w.duckdb"
    load(tmp_path / "a", db)
    load(tmp_path / "b", db, mode="append")
    assert query(db, "select count(*) from raw.crm_deals") == [(5,)]


def test_append_with_an_extra_column_adds_it_to_the_table_and_says_so(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    write(
        tmp_path / "a" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER}
        c1,purchase,2026-03-01T10:00:00Z,browser
        """,
    )
    write(
        tmp_path / "b" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER},coupon_code
        c2,purchase,2026-03-02T10:00:00Z,server,SPRING
        """,
    )
    assert run(capsys, tmp_path / "a", "--db", db)[0] == 0
    code, out, _ = run(capsys, tmp_path / "b", "--db", db, "--mode", "append")
    assert code == 0
    line = line_for(out, "conversions")
    assert line.startswith("raw.conversions: 1 row appended from conversions.csv; ")
    assert line.endswith("; added extra column(s) coupon_code (text) to the table, null in the 1 row already there")
    assert query(db, "select conversion_event_id, coupon_code from raw.conversions order by 1") == [
        ("c1", None),
        ("c2", "SPRING"),
    ]
    # A later batch without the column appends null for it.
    write(
        tmp_path / "c" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER}
        c3,signup,2026-03-03T10:00:00Z,crm
        """,
    )
    assert run(capsys, tmp_path / "c", "--db", db, "--mode", "append")[0] == 0
    assert query(db, "select count(*), count(coupon_code) from raw.conversions") == [(3, 1)]


def test_missing_optional_column_is_created_null_and_reported(tmp_path, capsys):
    conversions_only(tmp_path / "in")
    db = tmp_path / "w.duckdb"
    code, out, _ = run(capsys, tmp_path / "in", "--db", db)
    assert code == 0
    optional = [c for c in RAW_TABLES["conversions"] if c not in REQUIRED_COLUMNS["conversions"]]
    assert (
        f"raw.conversions: 1 row loaded from conversions.csv; optional column(s) not in the file, null: "
        f"{', '.join(optional)}" in out
    )
    cols = dict(
        query(
            db,
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'raw' and table_name = 'conversions'",
        )
    )
    assert list(cols) == list(RAW_TABLES["conversions"]) and cols["revenue"] == "DOUBLE"
    assert query(db, "select revenue, skip_attribution from raw.conversions") == [(None, None)]


def test_absent_optional_tables_are_created_empty(tmp_path, capsys):
    conversions_only(tmp_path / "in")
    db = tmp_path / "w.duckdb"
    code, out, _ = run(capsys, tmp_path / "in", "--db", db)
    assert code == 0
    assert "raw.ad_spend: no file; created empty (optional table)" in out
    assert query(db, "select count(*) from raw.ad_spend") == [(0,)]
    assert [r[0] for r in query(db, "describe raw.message_events")] == list(RAW_TABLES["message_events"])


def test_replace_does_not_empty_a_table_that_holds_rows_unless_asked(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    write_all(tmp_path / "full", n=2)
    load(tmp_path / "full", db)
    conversions_only(tmp_path / "partial")
    code, _, err = run(capsys, tmp_path / "partial", "--db", db)
    assert code == 2
    assert (
        "error: raw table ad_spend: no file, and raw.ad_spend holds 2 rows that replace mode would drop; "
        "add its file, use --mode append, or pass --allow-missing-tables to empty it"
    ) in err
    assert query(db, "select count(*) from raw.ad_spend") == [(2,)]
    code, out, _ = run(capsys, tmp_path / "partial", "--db", db, "--allow-missing-tables")
    assert code == 0 and "raw.ad_spend: no file; created empty (optional table)" in out
    assert query(db, "select count(*) from raw.ad_spend") == [(0,)]


def test_exact_values_load_unchanged(tmp_path):
    """Values that can be stored unchanged are: expected values read off the fixture."""
    write(
        tmp_path / "in" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER},revenue,skip_attribution
        c1,purchase,2026-03-01T10:00:00Z,browser,0.30000000000000004,yes
        c2,purchase,2026-03-01T10:00:00Z,browser,1e3,N
        c3,purchase,2026-03-01T10:00:00Z,browser, 12.50 ,NULL
        c4,purchase,2026-03-01T10:00:00Z,browser,,
        c5,purchase,2026-03-01T10:00:00Z,browser,-.5,0
        """,
    )
    write(
        tmp_path / "in" / "ad_spend.csv",
        """
        spend_date,platform,campaign_id,spend,impressions,clicks
        2026-03-01,google,k1,7,12.0,+3
        2026-03-01,google,k2,8,9007199254740993,-0
        """,
    )
    db = tmp_path / "w.duckdb"
    load(tmp_path / "in", db)
    assert query(db, "select conversion_event_id, revenue, skip_attribution from raw.conversions order by 1") == [
        ("c1", 0.30000000000000004, True),
        ("c2", 1000.0, False),
        ("c3", 12.5, None),
        ("c4", None, None),
        ("c5", -0.5, False),
    ]
    assert query(db, "select campaign_id, impressions, clicks from raw.ad_spend order by 1") == [
        ("k1", 12, 3),
        ("k2", 9007199254740993, 0),
    ]


# --------------------------------------------------------------------------- values that would change

BAD_SPEND = """
    spend_date,platform,campaign_id,spend,impressions,clicks,platform_conversions
    2026-03-01,google,k1,10.5,100,5,1.5
    2026-03-01,google,k2,7,12.5,5,
    2026-03-01,google,k3,7,100,1e3,
    2026-03-01,google,k4,7,99999999999999999999,5,
    2026-03-01,google,k5,0.1000000000000000000001,100,5,
    2026-03-01,google,k6,1e400,1,1,
    2026-03-01,google,k7,7,1,1,"2,5"
    """


def test_values_that_loading_would_change_are_refused_with_file_line_and_column(tmp_path, capsys):
    conversions_only(tmp_path / "in")
    write(tmp_path / "in" / "ad_spend.csv", BAD_SPEND)
    db = tmp_path / "w.duckdb"
    code, out, err = run(capsys, tmp_path / "in", "--db", db)
    assert code == 2 and out == ""
    path = tmp_path / "in" / "ad_spend.csv"
    assert error_lines(err) == [
        f"error: {path} line 6, column spend: '0.1000000000000000000001' more digits than DOUBLE keeps "
        f"(would be stored as 0.1)",
        f"error: {path} line 7, column spend: '1e400' out of range for DOUBLE",
        f"error: {path} line 3, column impressions: '12.5' a fraction in an integer column (would be rounded)",
        f"error: {path} line 5, column impressions: '99999999999999999999' out of range for BIGINT",
        f"error: {path} line 4, column clicks: '1e3' exponent notation in an integer column",
        f"error: {path} line 8, column platform_conversions: '2,5' not a number: decimal comma or thousands "
        f"separator (write 12.50)",
        "error: nothing was loaded (6 problems)",
    ]
    assert not db.exists()  # a failed load into a new file leaves no file


def test_line_numbers_count_quoted_newlines_and_blank_lines(tmp_path, capsys):
    write(
        tmp_path / "in" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER},store_id,revenue,skip_attribution
        c1,purchase,2026-03-01T10:00:00Z,offline_store,"Store
        on two lines",10.50,false

        c2,purchase,2026-03-01T11:00:00Z,server,s2,"12,50",maybe
        """,
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    path = tmp_path / "in" / "conversions.csv"
    assert f"error: {path} line 5, column revenue: '12,50' not a number: decimal comma" in err
    assert f"error: {path} line 5, column skip_attribution: 'maybe' not a boolean" in err


def test_many_bad_values_are_counted(tmp_path, capsys):
    rows = "\n".join(f"c{i},purchase,2026-03-01T10:00:00Z,browser,{i}€" for i in range(1, 11))
    write(tmp_path / "in" / "conversions.csv", f"{CONVERSIONS_HEADER},revenue\n{rows}\n")
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    lines = error_lines(err)
    assert [line.split(" line ")[1].split(",")[0] for line in lines[:3]] == ["2", "3", "4"]
    assert lines[2].endswith("'3€' not a number (and 7 more values in this column)")


def test_lenient_loads_bad_values_as_null_and_counts_them(tmp_path, capsys):
    conversions_only(tmp_path / "in")
    write(tmp_path / "in" / "ad_spend.csv", BAD_SPEND)
    db = tmp_path / "w.duckdb"
    code, out, err = run(capsys, tmp_path / "in", "--db", db, "--lenient")
    assert code == 0
    assert (
        "raw.ad_spend: 7 rows loaded from ad_spend.csv; optional column(s) not in the file, null: campaign_name, "
        "currency, platform_conversion_value; loaded as null (--lenient): 2 values of spend, "
        "2 values of impressions, 1 value of clicks, 1 value of platform_conversions"
    ) in out
    assert (
        f"warning: 2 values of ad_spend.spend loaded as null (--lenient); first: {tmp_path / 'in' / 'ad_spend.csv'} "
        f"line 6, column spend" in err
    )
    assert query(
        db, "select campaign_id, spend, impressions, clicks, platform_conversions from raw.ad_spend order by 1"
    ) == [
        ("k1", 10.5, 100, 5, 1.5),
        ("k2", 7.0, None, 5, None),
        ("k3", 7.0, 100, None, None),
        ("k4", 7.0, None, 5, None),
        ("k5", None, 100, 5, None),
        ("k6", None, 1, 1, None),
        ("k7", 7.0, 1, 1, None),
    ]


def test_typed_files_are_checked_too(tmp_path, capsys):
    """Parquet and JSON carry types: a fractional double in an integer column is refused, by row."""
    conversions_only(tmp_path / "in")
    con = duckdb.connect()
    con.execute(f"""copy (select * from (values ('2026-03-01', 'google', 'k1', 1.0, 10.0::double),
                                                ('2026-03-01', 'google', 'k2', 2.0, 12.7::double))
                          as t(spend_date, platform, campaign_id, spend, impressions))
                    to '{tmp_path / "in" / "ad_spend.parquet"}'""")
    con.close()
    write(
        tmp_path / "in" / "crm_deals.jsonl",
        """
        {"deal_id": "d1", "contact_id": "p1", "created_at": "2026-03-01T10:00:00Z", "stage": "demo", "amount": 5}
        {"deal_id": "d2", "contact_id": "p1", "created_at": "2026-03-01T10:00:00Z", "stage": "demo", "amount": "5,5"}
        """,
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert error_lines(err) == [
        f"error: {tmp_path / 'in' / 'crm_deals.jsonl'} line 2, column amount: '5,5' not a number: decimal comma "
        f"or thousands separator (write 12.50)",
        f"error: {tmp_path / 'in' / 'ad_spend.parquet'} row 2, column impressions: '12.7' would be stored as 13",
        "error: nothing was loaded (2 problems)",
    ]


def test_append_casts_to_the_existing_tables_types(tmp_path, capsys):
    """A user's table with DECIMAL(18,2) revenue: 12.345 would be rounded, so it is refused."""
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema raw")
    con.execute(
        "create table raw.conversions (conversion_event_id varchar, conversion_type varchar, "
        "occurred_at varchar, collector varchar, revenue decimal(18, 2))"
    )
    con.close()
    write(
        tmp_path / "in" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER},revenue
        c1,purchase,2026-03-01T10:00:00Z,browser,12.34
        c2,purchase,2026-03-01T10:00:00Z,browser,12.345
        """,
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", db, "--mode", "append")
    assert code == 2
    assert (
        f"error: {tmp_path / 'in' / 'conversions.csv'} line 3, column revenue: '12.345' more digits than "
        f"DECIMAL(18,2) keeps (would be stored as 12.35)"
    ) in err
    (tmp_path / "in" / "conversions.csv").write_text(f"{CONVERSIONS_HEADER},revenue\nc1,purchase,x,browser,12.34\n")
    assert run(capsys, tmp_path / "in", "--db", db, "--mode", "append")[0] == 0
    assert [tuple(map(str, r)) for r in query(db, "select revenue from raw.conversions")] == [("12.34",)]


# --------------------------------------------------------------------------- broken files


def test_ragged_rows_are_reported_with_file_and_line(tmp_path, capsys):
    path = write(
        tmp_path / "in" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER}
        c1,purchase,2026-03-01T10:00:00Z,browser
        c2,purchase,2026-03-01T10:00:00Z,browser,extra
        c3,purchase
        """,
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert error_lines(err) == [
        f"error: {path} line 3: ragged row: 5 fields, the header has 4",
        f"error: {path} line 4: ragged row: 2 fields, the header has 4",
        "error: nothing was loaded (2 problems)",
    ]


def test_badly_quoted_csv_is_reported_with_file_and_line(tmp_path, capsys):
    path = write(
        tmp_path / "in" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER}
        c1,purchase,2026-03-01T10:00:00Z,browser
        c2,"purchase,2026-03-01T10:00:00Z,browser
        """,
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert f"error: {path} line 3: badly quoted value in column conversion_type" in err


def test_bad_header_is_reported(tmp_path, capsys):
    path = write(
        tmp_path / "in" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER},Collector
        c1,purchase,2026-03-01T10:00:00Z,browser,server
        """,
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert f"error: {path} line 1: column Collector appears twice in the header (columns 4 and 5)" in err


def test_not_utf8_is_reported_with_line_and_column(tmp_path, capsys):
    path = tmp_path / "in" / "conversions.csv"
    path.parent.mkdir()
    path.write_bytes(
        f"{CONVERSIONS_HEADER}\nc1,purchase,2026-03-01T10:00:00Z,browser\nc2,achat,x,caf\xe9\n".encode("latin-1")
    )
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert f"error: {path} line 3: column collector: not valid UTF-8" in err


def test_empty_files(tmp_path, capsys):
    """An empty optional table file is like no file (created empty, said so); an empty conversions file is an error."""
    folder = tmp_path / "in"
    conversions_only(folder)
    (folder / "web_events.csv").write_text("")
    with gzip.open(folder / "ad_clicks.csv.gz", "wb") as fh:
        fh.write(b"\n")
    db = tmp_path / "w.duckdb"
    code, out, _ = run(capsys, folder, "--db", db)
    assert code == 0
    assert "raw.web_events: web_events.csv is empty; created empty (optional table)" in out
    assert "raw.ad_clicks: ad_clicks.csv.gz is empty; created empty (optional table)" in out
    (folder / "conversions.csv").write_text("")
    code, _, err = run(capsys, folder, "--db", tmp_path / "w2.duckdb")
    assert code == 2
    assert "error: raw contract: table raw.conversions is required: conversions.csv is empty" in err
    # A header and no rows is a table with no rows.
    (folder / "conversions.csv").write_text(CONVERSIONS_HEADER + "\n")
    code, out, _ = run(capsys, folder, "--db", tmp_path / "w3.duckdb")
    assert code == 0 and "raw.conversions: 0 rows loaded from conversions.csv (the file has no rows)" in out


def test_missing_required_column_names_file_table_and_column_and_loads_nothing(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    write_all(tmp_path / "good", n=2)
    load(tmp_path / "good", db)
    write_all(tmp_path / "bad", n=5)
    rows = [{k: v for k, v in row_for("ad_clicks", i).items() if k != "traffic_source"} for i in range(5)]
    write_csv(tmp_path / "bad" / "ad_clicks.csv", rows)
    code, _, err = run(capsys, tmp_path / "bad", "--db", db)
    assert code == 2
    assert error_lines(err) == [
        f"error: {tmp_path / 'bad' / 'ad_clicks.csv'}: raw contract: table raw.ad_clicks "
        f"is missing column traffic_source",
        "error: nothing was loaded (1 problem)",
    ]
    # The earlier load is intact: nothing was half-loaded.
    assert query(db, "select count(*) from raw.web_events") == [(2,)]


def test_missing_required_table(tmp_path, capsys):
    write_all(tmp_path / "in", n=1)
    (tmp_path / "in" / "conversions.csv").unlink()
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert "error: raw contract: table raw.conversions is required: no file" in err
    # Appending a batch without conversions to a warehouse that has the table is fine.
    db = tmp_path / "w2.duckdb"
    conversions_only(tmp_path / "first")
    load(tmp_path / "first", db)
    code, out, _ = run(capsys, tmp_path / "in", "--db", db, "--mode", "append")
    assert code == 0 and "raw.conversions: no file; nothing appended" in out


def test_unknown_names_and_formats(tmp_path, capsys):
    folder = tmp_path / "in"
    conversions_only(folder)
    (folder / "web_events.xlsx").write_text("binary")
    (folder / "web_event.csv").write_text("event_id\n1\n")  # a typo must not drop the table silently
    (folder / "README.md").write_text("notes")
    code, _, err = run(capsys, folder, "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert error_lines(err)[:2] == [
        f"error: {folder / 'web_event.csv'}: not a raw table name (expected one of: {', '.join(RAW_TABLES)}); "
        f"rename it, or move it out of the folder",
        f"error: {folder / 'web_events.xlsx'}: unknown format (accepted: .csv, .csv.gz, .tsv, .tsv.gz, .parquet, "
        f".json, .jsonl, .ndjson, .json.gz, .jsonl.gz, .ndjson.gz)",
    ]


def test_unreadable_files(tmp_path, capsys):
    folder = tmp_path / "in"
    conversions_only(folder)
    (folder / "ad_spend.parquet").write_bytes(b"PAR1 this is not parquet at all")
    (folder / "web_events.csv.gz").write_bytes(b"not gzip")
    write(
        folder / "crm_deals.jsonl",
        """
        {"deal_id": "d1"}
        {"deal_id": "d2",
        """,
    )
    code, _, err = run(capsys, folder, "--db", tmp_path / "w.duckdb")
    assert code == 2
    lines = error_lines(err)
    assert any(line.startswith(f"error: {folder / 'web_events.csv.gz'}: cannot read the file") for line in lines)
    assert any(line.startswith(f"error: {folder / 'ad_spend.parquet'}: cannot read as Parquet") for line in lines)
    assert any(
        line.startswith(f"error: {folder / 'crm_deals.jsonl'}: cannot read as JSON: Malformed JSON") for line in lines
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path, capsys):
    path = conversions_only(tmp_path / "in")
    path.chmod(0)
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "w.duckdb")
    assert code == 2 and f"error: {path}: cannot read the file (permission denied)" in err


def test_missing_folder(tmp_path, capsys):
    code, _, err = run(capsys, tmp_path / "nowhere", "--db", tmp_path / "w.duckdb")
    assert code == 2
    assert error_lines(err)[0] == f"error: data folder {tmp_path / 'nowhere'} does not exist"


def test_database_problems(tmp_path, capsys):
    conversions_only(tmp_path / "in")
    not_duckdb = tmp_path / "notes.duckdb"
    not_duckdb.write_text("this is not a database, it is a note")
    code, _, err = run(capsys, tmp_path / "in", "--db", not_duckdb)
    assert code == 2 and error_lines(err)[0].startswith(f"error: database {not_duckdb}: cannot open: ")
    code, _, err = run(capsys, tmp_path / "in", "--db", tmp_path / "no" / "such" / "w.duckdb")
    assert code == 2 and error_lines(err)[0] == (
        f"error: database {tmp_path / 'no' / 'such' / 'w.duckdb'}: folder {tmp_path / 'no' / 'such'} does not exist"
    )


def test_database_locked_by_another_process(tmp_path, capsys):
    conversions_only(tmp_path / "in")
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        code, _, err = run(capsys, tmp_path / "in", "--db", db)
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    assert error_lines(err)[0] == (
        f"error: database {db}: locked by another process (PID {holder.pid}); close it "
        f"(a dbt run, a notebook, a BI tool) and load again"
    )


def test_command_line_prints_no_traceback(tmp_path):
    """Run as a script: a broken folder gives exit code 2 and one line per problem, never a traceback."""
    write(
        tmp_path / "in" / "conversions.csv",
        f"""
        {CONVERSIONS_HEADER},revenue
        c1,purchase,2026-03-01T10:00:00Z,browser,"12,50"
        c2,purchase
        """,
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(SCRIPTS / "load_raw.py"), str(tmp_path / "in"), "--db", str(tmp_path / "w.duckdb")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert time.perf_counter() - started < 60
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        f"error: {tmp_path / 'in' / 'conversions.csv'} line 3: ragged row: 2 fields, the header has 5",
        "error: nothing was loaded (1 problem)",
    ]


def test_load_raises_contract_error_for_python_callers(tmp_path):
    with pytest.raises(ContractError) as info:
        load(tmp_path / "nowhere", tmp_path / "w.duckdb")
    assert info.value.problems == [f"data folder {tmp_path / 'nowhere'} does not exist"]


def test_new_database_is_readable_by_duckdb_1_4(tmp_path):
    """The loader creates its file in the project's storage version (scripts/duckdb_storage.py)."""
    conversions_only(tmp_path / "in")
    db = tmp_path / "w.duckdb"
    load(tmp_path / "in", db)
    assert query(
        db, "select tags['storage_version'] from duckdb_databases() where database_name = current_database()"
    ) == [("v1.4.0+",)]
