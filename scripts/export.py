#!/usr/bin/env python3
"""Write the warehouse's exports as upload-ready files. Nothing is sent anywhere.

Reads the export models (schema `exports`) of a built warehouse and writes:

  google_ads_offline_conversions.csv  Google Ads "conversions from clicks" import
                                      (Parameters:TimeZone row, then Google Click ID,
                                      Conversion Name, Conversion Time, Conversion
                                      Value, Conversion Currency)
  meta_capi_events.json               Meta Conversions API request body {"data": [...]}
  crm_contact_writeback.csv           contact id with first- and last-touch fields

The files are deterministic: rows are ordered by time and id, JSON keys are
sorted, so a rerun on the same warehouse gives byte-identical files. A manifest
(export_manifest.json) lists each file with its row count and SHA-256.

Usage:
  scripts/export.py [--db PATH] [--out DIR] [--schema exports]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from decimal import Decimal
from pathlib import Path

import duckdb

GOOGLE_HEADER = ["Google Click ID", "Conversion Name", "Conversion Time", "Conversion Value", "Conversion Currency"]
CRM_COLUMNS = [
    "contact_id",
    "first_touch_channel", "first_touch_source", "first_touch_medium", "first_touch_campaign",
    "first_touch_click_id", "first_touched_at",
    "last_touch_channel", "last_touch_source", "last_touch_medium", "last_touch_campaign",
    "last_touch_click_id", "last_touched_at",
    "export_row_id",
]


def _money(value) -> str:
    """A decimal amount as text with two decimals ('' for null)."""
    if value is None:
        return ""
    return f"{Decimal(value):.2f}"


def _iso_utc(value) -> str:
    """A naive UTC timestamp as ISO-8601 with Z, second precision ('' for null)."""
    if value is None:
        return ""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_google_ads(con: duckdb.DuckDBPyConnection, schema: str, out_dir: Path) -> tuple[Path, int]:
    rows = con.execute(
        f"""
        select google_click_id, conversion_name, conversion_time, conversion_value, conversion_currency
        from {schema}.export_google_ads_offline_conversions
        order by converted_at, conversion_id
        """
    ).fetchall()
    path = out_dir / "google_ads_offline_conversions.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Parameters:TimeZone=+0000"])
        writer.writerow(GOOGLE_HEADER)
        for click_id, name, time_text, value, currency in rows:
            writer.writerow([click_id, name, time_text, _money(value), currency])
    return path, len(rows)


def write_meta_capi(con: duckdb.DuckDBPyConnection, schema: str, out_dir: Path) -> tuple[Path, int]:
    rows = con.execute(
        f"""
        select event_name, event_time, event_id, action_source, em, ph, fbc, external_id, value, currency
        from {schema}.export_meta_capi_events
        order by event_time, conversion_id
        """
    ).fetchall()
    events = []
    for event_name, event_time, event_id, action_source, em, ph, fbc, external_id, value, currency in rows:
        user_data: dict[str, object] = {}
        if em:
            user_data["em"] = [em]
        if ph:
            user_data["ph"] = [ph]
        if fbc:
            user_data["fbc"] = fbc
        if external_id:
            user_data["external_id"] = [external_id]
        events.append({
            "event_name": event_name,
            "event_time": int(event_time),
            "event_id": event_id,
            "action_source": action_source,
            "user_data": user_data,
            "custom_data": {"value": float(Decimal(value)) if value is not None else 0.0, "currency": currency},
        })
    path = out_dir / "meta_capi_events.json"
    path.write_text(json.dumps({"data": events}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path, len(events)


def write_crm_writeback(con: duckdb.DuckDBPyConnection, schema: str, out_dir: Path) -> tuple[Path, int]:
    rows = con.execute(
        f"select {', '.join(CRM_COLUMNS)} from {schema}.export_crm_contact_writeback order by contact_id"
    ).fetchall()
    path = out_dir / "crm_contact_writeback.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CRM_COLUMNS)
        for row in rows:
            writer.writerow([
                _iso_utc(value) if name.endswith("_at") else ("" if value is None else value)
                for name, value in zip(CRM_COLUMNS, row)
            ])
    return path, len(rows)


def export(db_path: Path, out_dir: Path, schema: str = "exports") -> dict[str, dict[str, object]]:
    """Write every export file into out_dir; return the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute("set TimeZone = 'UTC'")
        written = [
            write_google_ads(con, schema, out_dir),
            write_meta_capi(con, schema, out_dir),
            write_crm_writeback(con, schema, out_dir),
        ]
    finally:
        con.close()
    manifest = {
        path.name: {"rows": count, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        for path, count in written
    }
    (out_dir / "export_manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("DBT_DUCKDB_PATH", "attribution.duckdb"),
                        help="built DuckDB warehouse (default: $DBT_DUCKDB_PATH or attribution.duckdb)")
    parser.add_argument("--out", default="exports_out", help="output folder (default: exports_out/)")
    parser.add_argument("--schema", default="exports", help="schema of the export models (default: exports)")
    args = parser.parse_args(argv)
    db_path = Path(args.db)
    if not db_path.exists():
        print(f"export: no warehouse at {db_path}; run dbt build first", file=sys.stderr)
        return 2
    manifest = export(db_path, Path(args.out), args.schema)
    for name, info in manifest.items():
        print(f"{name:36s} {info['rows']:>8,} rows  sha256 {info['sha256'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
