"""scripts/export.py against the built demo warehouse: every file it writes passes the
validators written from the platforms' documentation, a rerun writes nothing, --full
rewrites everything, and no consent-refusing person is in any file.

The warehouse is opened read-only (other tests share it); the ledger lives in a DuckDB
file of the test's own (--ledger-db). --as-of is an hour after the demo's last
conversion, so every platform window holds some rows.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_DIR / "scripts"))
from export import Limits, Plan, render  # noqa: E402

from export_validation import (  # noqa: E402
    validate_crm_writeback,
    validate_google_click_conversions,
    validate_google_leads,
    validate_meta_request,
)

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


def run_export(db_path: Path, out_dir: Path, ledger: Path, as_of: str, *extra: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "export.py"),
            "--db",
            str(db_path),
            "--out",
            str(out_dir),
            "--ledger-db",
            str(ledger),
            "--as-of",
            as_of,
            *extra,
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def as_of(db) -> datetime:
    (last,) = db.execute("select max(converted_at) from marts.fct_conversions").fetchone()
    return (last.replace(tzinfo=UTC) + timedelta(hours=1)).replace(microsecond=0)


@pytest.fixture(scope="module")
def runs(built_warehouse, tmp_path_factory, as_of):
    """Run 1, then the same run again (nothing new), then --full."""
    out = tmp_path_factory.mktemp("export_out")
    ledger = out.parent / f"{out.name}_ledger.duckdb"
    text = as_of.strftime("%Y-%m-%dT%H:%M:%SZ")
    first = run_export(built_warehouse, out, ledger, text)
    second = run_export(built_warehouse, out, ledger, text)
    full = run_export(built_warehouse, out, ledger, text, "--full")
    return out, first, second, full


def read_csv(path: Path, skip: int) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))[skip:]
    return [dict(zip(lines[0], line)) for line in lines[1:]]


def test_first_run_writes_every_destination(runs):
    out, first, _, _ = runs
    names = sorted(p.name for p in (out / "run-0001").iterdir())
    assert names == [
        "crm_contact_writeback.csv",
        "export_manifest.json",
        "google_ads_click_conversions.csv",
        "google_ads_enhanced_conversions.csv",
        "meta_capi_events_001.json",
    ], names
    assert "run 1" in first.stdout


def test_rerun_with_nothing_new_writes_nothing(runs):
    out, _, second, _ = runs
    assert "nothing new or changed since run 1" in second.stdout
    assert sorted(p.name for p in out.iterdir()) == ["run-0001", "run-0002"]  # run-0002 is the --full run
    manifest = json.loads((out / "run-0002" / "export_manifest.json").read_text())
    assert manifest["full"] is True


def test_full_rewrites_everything_byte_for_byte(runs):
    out = runs[0]
    for path in (out / "run-0001").iterdir():
        if path.name != "export_manifest.json":
            assert path.read_bytes() == (out / "run-0002" / path.name).read_bytes(), path.name


def test_every_file_passes_the_validators(runs, db, as_of):
    folder = runs[0] / "run-0001"
    clicked_at = {
        r[0]: r[1]
        for r in db.execute(
            "select google_order_id, google_clicked_at from exports.export_google_ads_offline_conversions"
        ).fetchall()
    }
    issues = validate_google_click_conversions(
        "clicks", (folder / "google_ads_click_conversions.csv").read_bytes(), as_of, clicked_at
    )
    issues += validate_google_leads("leads", (folder / "google_ads_enhanced_conversions.csv").read_bytes(), as_of)
    issues += validate_meta_request("meta", (folder / "meta_capi_events_001.json").read_bytes(), as_of)
    issues += validate_crm_writeback("crm", (folder / "crm_contact_writeback.csv").read_bytes())
    assert issues == []


def test_meta_events_are_inside_the_platform_rules(runs, as_of):
    events = json.loads((runs[0] / "run-0001" / "meta_capi_events_001.json").read_text())["data"]
    assert 0 < len(events) <= 1000
    for event in events:
        assert as_of - timedelta(days=7) <= datetime.fromtimestamp(event["event_time"], UTC) <= as_of
        if event["action_source"] == "website":
            assert event["user_data"]["client_user_agent"]
            assert event["event_source_url"].startswith(("http://", "https://"))
        for key in ("em", "ph", "external_id"):
            assert all(SHA256_HEX.match(v) for v in event["user_data"].get(key, []))
    assert any(e["action_source"] == "website" for e in events)


def test_google_files_hold_each_conversion_once(runs, db):
    folder = runs[0] / "run-0001"
    clicks = read_csv(folder / "google_ads_click_conversions.csv", 1)
    leads = read_csv(folder / "google_ads_enhanced_conversions.csv", 1)
    orders = [r["Order ID"] for r in clicks + leads]
    assert clicks and leads and len(orders) == len(set(orders))
    assert all(sum(1 for c in ("Google Click ID", "GBRAID", "WBRAID") if r[c]) == 1 for r in clicks)
    assert all(r["Email"] or r["Phone Number"] for r in leads)
    # Google-form hashes: an E.164 phone hashed with its '+' never equals staging's hash without it
    staging_phones = {
        r[0]
        for r in db.execute(
            "select phone_hash from intermediate.int_conversions_export_ready where phone_hash is not null"
        ).fetchall()
    }
    assert not {r["Phone Number"] for r in leads if r["Phone Number"]} & staging_phones


def test_meta_request_files_are_split_at_1000_events(db):
    """render() with a batch size of 10 over the model's rows: every file at most 10 events, none lost."""
    rows = [
        dict(zip([d[0] for d in db.description], r))
        for r in db.execute(
            "select * from exports.export_meta_capi_events where send_blocked_reason is null "
            "order by event_time, conversion_id limit 25"
        ).fetchall()
    ]
    plan = Plan(meta_events=rows)
    files = render(plan, Limits(meta_events_per_file=10))
    sizes = [len(json.loads(files[name])["data"]) for name in sorted(files)]
    assert sorted(files) == ["meta_capi_events_001.json", "meta_capi_events_002.json", "meta_capi_events_003.json"]
    assert sizes == [10, 10, 5]


def test_no_consent_refusal_is_in_any_file(runs, db):
    """Independent check: persons and click ids named by a consent_marketing = false web event."""
    refused_persons = {
        r[0]
        for r in db.execute(
            """
        select distinct r.person_id
        from staging.stg_web__events as e
        inner join intermediate.int_identifiers_resolved as r
            on r.identifier in ('anon:' || e.anonymous_id, 'user:' || e.user_id, 'email:' || e.email_hash)
        where e.consent_marketing = false
        """
        ).fetchall()
    }
    refused_clicks = {
        r[0]
        for r in db.execute(
            "select distinct click_id from staging.stg_web__events where consent_marketing = false and click_id is not null"
        ).fetchall()
    }
    assert refused_persons, "demo data has consent refusals"
    person_of = dict(db.execute("select conversion_id, person_id from marts.fct_conversions").fetchall())
    event_person = dict(
        db.execute(
            "select x.event_id, c.person_id from exports.export_meta_capi_events as x "
            "inner join marts.fct_conversions as c on x.conversion_id = c.conversion_id"
        ).fetchall()
    )
    folder = runs[0] / "run-0001"
    google = read_csv(folder / "google_ads_click_conversions.csv", 1) + read_csv(
        folder / "google_ads_enhanced_conversions.csv", 1
    )
    assert not {person_of[r["Order ID"]] for r in google} & refused_persons
    assert not {r["Google Click ID"] for r in google if "Google Click ID" in r} & refused_clicks
    events = json.loads((folder / "meta_capi_events_001.json").read_text())["data"]
    assert not {event_person[e["event_id"]] for e in events} & refused_persons


def test_no_clear_text_pii(runs):
    text = "".join(p.read_text(encoding="utf-8") for p in (runs[0] / "run-0001").iterdir())
    assert "@" not in text


def test_google_ads_time_is_the_utc_conversion_time(db):
    rows = db.execute(
        "select conversion_time, converted_at from exports.export_google_ads_offline_conversions"
    ).fetchall()
    for text, converted_at in rows:
        assert text == converted_at.strftime("%Y-%m-%d %H:%M:%S") + "+0000"


def test_meta_event_time_matches_conversion(db):
    rows = db.execute("select event_time, converted_at from exports.export_meta_capi_events").fetchall()
    for event_time, converted_at in rows:
        assert event_time == int(converted_at.replace(tzinfo=UTC).timestamp())


def test_as_of_without_offset_is_refused(built_warehouse, tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "export.py"),
            "--db",
            str(built_warehouse),
            "--out",
            str(tmp_path),
            "--ledger-db",
            str(tmp_path / "l.duckdb"),
            "--as-of",
            "2026-10-30T12:00:00",
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )
    assert proc.returncode == 2 and "no UTC offset" in proc.stderr
    assert list(tmp_path.iterdir()) == []
