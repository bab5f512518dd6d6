"""scripts/export.py against the built warehouse: the files match the platforms'
documented formats, are idempotent, and never carry a consent-refusing person."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
GOOGLE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{4}$")
META_ACTION_SOURCES = {"website", "physical_store", "system_generated", "app", "email", "phone_call", "chat",
                       "business_messaging", "other"}


def run_export(db_path: Path, out_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "export.py"), "--db", str(db_path), "--out", str(out_dir)],
        capture_output=True, text=True, cwd=PROJECT_DIR,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def export_dirs(built_warehouse, tmp_path_factory):
    first = tmp_path_factory.mktemp("export_run1")
    second = tmp_path_factory.mktemp("export_run2")
    run_export(built_warehouse, first)
    run_export(built_warehouse, second)
    return first, second


def read_google(path: Path) -> tuple[list[list[str]], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    return lines[:2], [dict(zip(lines[1], line)) for line in lines[2:]]


def test_exports_are_idempotent(export_dirs):
    first, second = export_dirs
    names = sorted(p.name for p in first.iterdir())
    assert names == ["crm_contact_writeback.csv", "export_manifest.json", "google_ads_offline_conversions.csv",
                     "meta_capi_events.json"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_google_ads_csv_format(export_dirs, db):
    head, rows = read_google(export_dirs[0] / "google_ads_offline_conversions.csv")
    assert head[0] == ["Parameters:TimeZone=+0000"]
    assert head[1] == ["Google Click ID", "Conversion Name", "Conversion Time", "Conversion Value", "Conversion Currency"]
    assert rows, "demo data has Google clicks: the file must not be empty"
    names = {row["Conversion Name"] for row in rows}
    assert "Purchase" in names
    for row in rows:
        assert row["Google Click ID"]
        assert GOOGLE_TIME.match(row["Conversion Time"]), row
        assert re.match(r"^\d+\.\d{2}$", row["Conversion Value"]), row
        assert row["Conversion Currency"] == "USD"
    # one row per conversion, matching the model
    (n_model,) = db.execute("select count(*) from exports.export_google_ads_offline_conversions").fetchone()
    assert len(rows) == n_model


def test_google_ads_time_is_the_utc_conversion_time(db):
    rows = db.execute(
        "select conversion_time, converted_at from exports.export_google_ads_offline_conversions"
    ).fetchall()
    for text, converted_at in rows:
        assert text == converted_at.strftime("%Y-%m-%d %H:%M:%S") + "+0000"


def test_meta_capi_payload(export_dirs, db):
    payload = json.loads((export_dirs[0] / "meta_capi_events.json").read_text(encoding="utf-8"))
    assert set(payload) == {"data"}
    events = payload["data"]
    assert events
    ids = set()
    for event in events:
        assert set(event) == {"event_name", "event_time", "event_id", "action_source", "user_data", "custom_data"}
        assert isinstance(event["event_time"], int) and 10 ** 9 <= event["event_time"] < 10 ** 10  # unix seconds
        assert event["action_source"] in META_ACTION_SOURCES
        assert event["event_id"]
        ids.add((event["event_name"], event["event_id"]))
        user_data = event["user_data"]
        assert user_data and set(user_data) <= {"em", "ph", "fbc", "external_id"}
        for key in ("em", "ph", "external_id"):
            for value in user_data.get(key, []):
                assert SHA256_HEX.match(value), (key, value)
        if "fbc" in user_data:
            assert re.match(r"^fb\.1\.\d{13}\.\S+$", user_data["fbc"])
        assert set(event["custom_data"]) == {"value", "currency"}
        assert event["custom_data"]["currency"] == "USD"
    assert len(ids) == len(events), "event_name + event_id must be unique (Meta deduplicates on it)"
    # the server event reuses the id the browser pixel sent
    browser_ids = {r[0] for r in db.execute(
        "select conversion_event_id from staging.stg_collectors__conversions where collector = 'browser'"
    ).fetchall()}
    website_ids = {e["event_id"] for e in events if e["action_source"] == "website"}
    assert website_ids & browser_ids


def test_meta_event_time_matches_conversion(db):
    rows = db.execute("select event_time, converted_at from exports.export_meta_capi_events").fetchall()
    import datetime as dt
    for event_time, converted_at in rows:
        assert event_time == int(converted_at.replace(tzinfo=dt.timezone.utc).timestamp())


def test_no_consent_refusal_is_exported(export_dirs, db):
    """Independent check: persons and click ids named by a consent_marketing = false web event."""
    refused_persons = {r[0] for r in db.execute(
        """
        select distinct r.person_id
        from staging.stg_web__events as e
        inner join intermediate.int_identifiers_resolved as r
            on r.identifier in ('anon:' || e.anonymous_id, 'user:' || e.user_id, 'email:' || e.email_hash)
        where e.consent_marketing = false
        """
    ).fetchall()}
    refused_clicks = {r[0] for r in db.execute(
        "select distinct click_id from staging.stg_web__events where consent_marketing = false and click_id is not null"
    ).fetchall()}
    assert refused_persons, "demo data has consent refusals"
    for table in ("export_google_ads_offline_conversions", "export_meta_capi_events"):
        exported_persons = {r[0] for r in db.execute(
            f"""
            select distinct c.person_id from exports.{table} as x
            inner join marts.fct_conversions as c on x.conversion_id = c.conversion_id
            where c.person_id is not null
            """
        ).fetchall()}
        assert not exported_persons & refused_persons, table
    _, rows = read_google(export_dirs[0] / "google_ads_offline_conversions.csv")
    assert not {row["Google Click ID"] for row in rows} & refused_clicks


def test_no_clear_text_pii(export_dirs):
    text = "".join(p.read_text(encoding="utf-8") for p in export_dirs[0].iterdir())
    assert "@" not in text
