"""The loader for real data: contract checks, formats, atomicity.

These tests build their own small files; they do not need the warehouse.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from load_raw import ContractError, load  # noqa: E402
from raw_contract import RAW_TABLES  # noqa: E402


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


def test_loads_every_table_and_keeps_text_as_typed(tmp_path):
    write_all(tmp_path / "in", n=3)
    db = tmp_path / "w.duckdb"
    counts = load(tmp_path / "in", db, "raw", "replace", False, False)
    assert counts == {t: 3 for t in RAW_TABLES}
    con = duckdb.connect(str(db))
    # Leading zeros of ids survive (CSV is read as text, not inferred as numbers).
    assert con.execute("select min(event_id) from raw.web_events").fetchone()[0] == "000-event_id"
    assert con.execute("select list(consent_marketing order by event_id) from raw.web_events").fetchone()[0] == [False, True, False]
    assert con.execute("select sum(revenue) from raw.conversions").fetchone()[0] == 10 + 11 + 12
    types = dict(con.execute("select column_name, data_type from information_schema.columns "
                             "where table_schema = 'raw' and table_name = 'conversions'").fetchall())
    assert types["revenue"] == "DOUBLE" and types["occurred_at"] == "VARCHAR" and types["skip_attribution"] == "BOOLEAN"


def test_json_lines_and_extra_columns(tmp_path):
    write_all(tmp_path / "in", n=2, fmt="json")
    extra = [dict(row_for("web_events", i), tag_version="v9") for i in range(2)]
    (tmp_path / "in" / "web_events.jsonl").write_text("\n".join(json.dumps(r) for r in extra))
    db = tmp_path / "w.duckdb"
    load(tmp_path / "in", db, "raw", "replace", False, False)
    con = duckdb.connect(str(db))
    assert con.execute("select list(tag_version) from raw.web_events").fetchone()[0] == ["v9", "v9"]


def test_missing_column_names_table_and_column_and_loads_nothing(tmp_path):
    db = tmp_path / "w.duckdb"
    write_all(tmp_path / "good", n=2)
    load(tmp_path / "good", db, "raw", "replace", False, False)
    write_all(tmp_path / "bad", n=5)
    rows = [{k: v for k, v in row_for("ad_clicks", i).items() if k != "landing_page_url"} for i in range(5)]
    write_csv(tmp_path / "bad" / "ad_clicks.csv", rows)
    with pytest.raises(ContractError, match=r"raw table ad_clicks: missing column\(s\) landing_page_url"):
        load(tmp_path / "bad", db, "raw", "replace", False, False)
    # The earlier load is intact: nothing was half-loaded.
    con = duckdb.connect(str(db))
    assert con.execute("select count(*) from raw.web_events").fetchone()[0] == 2


def test_missing_table_is_an_error_unless_allowed(tmp_path):
    write_all(tmp_path / "in", n=2)
    (tmp_path / "in" / "message_events.csv").unlink()
    db = tmp_path / "w.duckdb"
    with pytest.raises(ContractError, match="raw table message_events: no file"):
        load(tmp_path / "in", db, "raw", "replace", False, False)
    counts = load(tmp_path / "in", db, "raw", "replace", True, False)
    assert counts["message_events"] == 0
    con = duckdb.connect(str(db))
    cols = [r[0] for r in con.execute("describe raw.message_events").fetchall()]
    assert cols == list(RAW_TABLES["message_events"])


def test_uncastable_amount_stops_or_is_nulled_when_lenient(tmp_path):
    write_all(tmp_path / "in", n=3)
    rows = [row_for("conversions", i) for i in range(3)]
    rows[1]["revenue"] = "12,50 EUR"
    write_csv(tmp_path / "in" / "conversions.csv", rows)
    db = tmp_path / "w.duckdb"
    with pytest.raises(ContractError, match=r"column revenue has 1 value\(s\) that are not double"):
        load(tmp_path / "in", db, "raw", "replace", False, False)
    load(tmp_path / "in", db, "raw", "replace", False, True)
    con = duckdb.connect(str(db))
    assert con.execute("select count(*) filter (where revenue is null), count(*) from raw.conversions").fetchone() == (1, 3)


def test_append_mode_adds_a_batch(tmp_path):
    write_all(tmp_path / "a", n=2)
    write_all(tmp_path / "b", n=3)
    db = tmp_path / "w.duckdb"
    load(tmp_path / "a", db, "raw", "replace", False, False)
    load(tmp_path / "b", db, "raw", "append", False, False)
    con = duckdb.connect(str(db))
    assert con.execute("select count(*) from raw.crm_deals").fetchone()[0] == 5


def test_part_files_in_a_folder(tmp_path):
    write_all(tmp_path / "in", n=1)
    (tmp_path / "in" / "web_events.csv").unlink()
    parts = tmp_path / "in" / "web_events"
    parts.mkdir()
    write_csv(parts / "part-1.csv", [row_for("web_events", 1)])
    write_csv(parts / "part-2.csv", [row_for("web_events", 2), row_for("web_events", 3)])
    counts = load(tmp_path / "in", tmp_path / "w.duckdb", "raw", "replace", False, False)
    assert counts["web_events"] == 3
