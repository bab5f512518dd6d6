"""The upload-file validators (scripts/export_validation.py), each rule against a hand-made bad row.

Every test starts from a row that follows the platform's documentation (the
good row passes), breaks one field the way the documentation forbids, and
checks that the validator names that row and field. The rules and their
sources are in the module's docstring.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from export_validation import (
    CRM_COLUMNS,
    GOOGLE_ADJUSTMENT_HEADER,
    GOOGLE_CLICK_HEADER,
    GOOGLE_LEADS_HEADER,
    validate_crm_writeback,
    validate_google_adjustments,
    validate_google_click_conversions,
    validate_google_leads,
    validate_meta_request,
)

AS_OF = datetime(2026, 10, 30, 12, 0, 0, tzinfo=UTC)
NOW_S = int(AS_OF.timestamp())
HEX = "a" * 64
HEX2 = "b" * 64


def meta_event(**overrides) -> dict:
    event = {
        "event_name": "Purchase",
        "event_time": NOW_S - 3600,
        "event_id": "evt_1",
        "action_source": "website",
        "event_source_url": "https://shop.example/checkout",
        "user_data": {"em": [HEX], "client_user_agent": "Mozilla/5.0", "fbc": f"fb.1.{(NOW_S - 7200) * 1000}.IwAR1"},
        "custom_data": {"value": 12.5, "currency": "USD"},
    }
    event.update(overrides)
    return event


def meta_body(*events) -> bytes:
    return json.dumps({"data": list(events)}).encode()


def fields(issues) -> set[tuple[int | None, str]]:
    return {(issue.row, issue.field) for issue in issues}


# ------------------------------------------------------------------------------- Meta


def test_meta_good_event_passes():
    assert validate_meta_request("m.json", meta_body(meta_event()), AS_OF) == []


def _drop(path: str):
    def change(event):
        parent, _, key = path.rpartition(".")
        target = event[parent] if parent else event
        del target[key]

    return change


def _set(path: str, value):
    def change(event):
        parent, _, key = path.rpartition(".")
        target = event[parent] if parent else event
        target[key] = value

    return change


META_BAD_ROWS = [
    ("event_name", _set("event_name", "")),
    ("event_time", _set("event_time", "1792727886")),  # text, not an integer
    ("event_time", _set("event_time", NOW_S - 8 * 86400)),  # older than 7 days
    ("event_time", _set("event_time", NOW_S + 60)),  # after --as-of
    ("event_id", _drop("event_id")),
    ("action_source", _set("action_source", "web")),
    ("user_data.client_user_agent", _drop("user_data.client_user_agent")),  # website needs it
    ("event_source_url", _drop("event_source_url")),  # website needs it
    ("event_source_url", _set("event_source_url", "android-app://shop")),  # not http(s)
    ("user_data.em", _set("user_data.em", ["someone@example.com"])),  # not hashed
    ("user_data.em", _set("user_data.em", [HEX.upper()])),  # hex must be lower case
    ("user_data.ph", _set("user_data.ph", ["15551234567"])),  # not hashed
    ("user_data.external_id", _set("user_data.external_id", ["U1"])),  # this project hashes it
    ("user_data.fbc", _set("user_data.fbc", "IwAR1")),  # not fb.1.<ms>.<fbclid>
    ("user_data.fbc", _set("user_data.fbc", f"fb.1.{(NOW_S + 3600) * 1000}.IwAR1")),  # click after the event
    ("user_data.fbp", _set("user_data.fbp", "fb.1.123.456")),  # creation time not 13 digits
    ("custom_data.value", _set("custom_data.value", "12.5")),  # text, not a number
    ("custom_data.value", _set("custom_data.value", -1)),
    ("custom_data.currency", _set("custom_data.currency", "dollars")),
    ("custom_data.value", _drop("custom_data.value")),  # required for Purchase
    ("custom_data.currency", _drop("custom_data.currency")),  # required for Purchase
]


@pytest.mark.parametrize(("field", "change"), META_BAD_ROWS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(META_BAD_ROWS)])
def test_meta_rejects_bad_row(field, change):
    good, bad = meta_event(event_id="evt_0"), meta_event()
    change(bad)
    issues = validate_meta_request("m.json", meta_body(good, bad), AS_OF)
    assert (1, field) in fields(issues), issues
    assert all(issue.row == 1 for issue in issues), issues


def test_meta_rejects_no_customer_information():
    bad = meta_event(action_source="system_generated", user_data={})
    del bad["event_source_url"]
    assert (0, "user_data") in fields(validate_meta_request("m.json", meta_body(bad), AS_OF))


def test_meta_app_and_business_messaging_need_their_fields():
    app = meta_event(action_source="app")
    chat = meta_event(action_source="business_messaging", event_id="evt_2")
    issues = validate_meta_request("m.json", meta_body(app, chat), AS_OF)
    assert {(0, "app_data"), (1, "messaging_channel")} <= fields(issues)


def test_meta_rejects_more_than_1000_events_and_duplicate_ids():
    events = [meta_event(event_id=f"evt_{i}") for i in range(1001)]
    assert (None, "data") in fields(validate_meta_request("m.json", meta_body(*events), AS_OF))
    assert validate_meta_request("m.json", meta_body(*events[:1000]), AS_OF) == []
    twice = validate_meta_request("m.json", meta_body(meta_event(), meta_event()), AS_OF)
    assert (1, "event_id") in fields(twice)


def test_meta_rejects_a_body_that_is_not_data():
    assert fields(validate_meta_request("m.json", b'[{"event_name": "Purchase"}]', AS_OF)) == {(None, "data")}


# ------------------------------------------------------------------------------- Google


def google_csv(header: list[str], rows: list[dict], parameters: str = "Parameters:TimeZone=+0000") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([parameters])
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[c] for c in header])
    return buffer.getvalue().encode()


CLICK_ROW = {
    "Google Click ID": "Cj0KCQ",
    "GBRAID": "",
    "WBRAID": "",
    "Conversion Name": "Purchase",
    "Conversion Time": "2026-10-29 10:00:00+0000",
    "Conversion Value": "12.50",
    "Conversion Currency": "USD",
    "Order ID": "cv_1",
}
CLICKED_AT = {"cv_1": datetime(2026, 10, 28, 9, 0, tzinfo=UTC), "cv_2": datetime(2026, 10, 28, 9, 0, tzinfo=UTC)}

CLICK_BAD_ROWS = [
    ("Google Click ID", {"Google Click ID": ""}),  # no click id
    ("Google Click ID", {"GBRAID": "GB1"}),  # two click ids
    ("Conversion Name", {"Conversion Name": " "}),
    ("Conversion Time", {"Conversion Time": "2026-10-29T10:00:00Z"}),  # not yyyy-MM-dd HH:mm:ss+zzzz
    ("Conversion Time", {"Conversion Time": "2026-10-31 10:00:00+0000"}),  # after --as-of
    ("Conversion Time", {"Conversion Time": "2026-10-28 08:00:00+0000"}),  # before its click
    ("Conversion Value", {"Conversion Value": "-1.00"}),
    ("Conversion Value", {"Conversion Value": "12,50"}),
    ("Conversion Currency", {"Conversion Currency": "usd"}),
    ("Order ID", {"Order ID": ""}),
    ("Order ID", {"Order ID": "buyer@example.com"}),  # personal data
    ("Order ID", {"Order ID": "cv_0"}),  # duplicate of the good row
]


def test_google_click_good_row_passes():
    content = google_csv(GOOGLE_CLICK_HEADER, [CLICK_ROW])
    assert validate_google_click_conversions("g.csv", content, AS_OF, CLICKED_AT) == []


@pytest.mark.parametrize(
    ("field", "change"), CLICK_BAD_ROWS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(CLICK_BAD_ROWS)]
)
def test_google_click_rejects_bad_row(field, change):
    good = dict(CLICK_ROW, **{"Order ID": "cv_0"})
    bad = dict(CLICK_ROW, **change)
    issues = validate_google_click_conversions(
        "g.csv", google_csv(GOOGLE_CLICK_HEADER, [good, bad]), AS_OF, dict(CLICKED_AT, cv_0=CLICKED_AT["cv_1"])
    )
    assert (4, field) in fields(issues), issues
    assert all(issue.row == 4 for issue in issues), issues


def test_google_click_rejects_a_click_older_than_90_days():
    old = {"cv_1": AS_OF - timedelta(days=91)}
    row = dict(CLICK_ROW, **{"Conversion Time": "2026-08-01 10:00:00+0000"})
    issues = validate_google_click_conversions("g.csv", google_csv(GOOGLE_CLICK_HEADER, [row]), AS_OF, old)
    assert fields(issues) == {(3, "Google Click ID")}


def test_google_click_rejects_a_wrong_header_and_parameters_row():
    wrong = [c if c != "Order ID" else "Transaction ID" for c in GOOGLE_CLICK_HEADER]
    assert (2, "header") in fields(validate_google_click_conversions("g.csv", google_csv(wrong, []), AS_OF))
    content = google_csv(GOOGLE_CLICK_HEADER, [CLICK_ROW], parameters="TimeZone=UTC")
    assert (1, "Parameters") in fields(validate_google_click_conversions("g.csv", content, AS_OF, CLICKED_AT))


LEADS_ROW = {
    "Email": HEX,
    "Phone Number": HEX2,
    "Conversion Name": "Lead",
    "Conversion Time": "2026-10-29 10:00:00+0000",
    "Conversion Value": "0.00",
    "Conversion Currency": "USD",
    "Order ID": "cv_1",
}
LEADS_BAD_ROWS = [
    ("Email", {"Email": "", "Phone Number": ""}),  # no identifier
    ("Email", {"Email": "someone@example.com"}),  # not hashed
    ("Phone Number", {"Phone Number": "+15551234567"}),  # not hashed
    ("Conversion Time", {"Conversion Time": "2026-07-01 10:00:00+0000"}),  # older than 90 days
    ("Conversion Currency", {"Conversion Currency": ""}),
]


def test_google_leads_good_row_passes():
    assert validate_google_leads("l.csv", google_csv(GOOGLE_LEADS_HEADER, [LEADS_ROW]), AS_OF) == []


@pytest.mark.parametrize(
    ("field", "change"), LEADS_BAD_ROWS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(LEADS_BAD_ROWS)]
)
def test_google_leads_rejects_bad_row(field, change):
    good = dict(LEADS_ROW, **{"Order ID": "cv_0"})
    issues = validate_google_leads("l.csv", google_csv(GOOGLE_LEADS_HEADER, [good, dict(LEADS_ROW, **change)]), AS_OF)
    assert (4, field) in fields(issues), issues
    assert all(issue.row == 4 for issue in issues), issues


ADJUSTMENT_ROW = {
    "Order ID": "cv_1",
    "Conversion Name": "Purchase",
    "Adjustment Time": "2026-10-30 12:00:00+0000",
    "Adjustment Type": "RESTATE",
    "Adjusted Value": "7.50",
    "Adjusted Value Currency": "USD",
}
RETRACT_ROW = dict(
    ADJUSTMENT_ROW,
    **{"Order ID": "cv_0", "Adjustment Type": "RETRACT", "Adjusted Value": "", "Adjusted Value Currency": ""},
)
CONVERTED_AT = {"cv_0": datetime(2026, 10, 20, tzinfo=UTC), "cv_1": datetime(2026, 10, 20, tzinfo=UTC)}
ADJUSTMENT_BAD_ROWS = [
    ("Adjustment Type", {"Adjustment Type": "REFUND"}),
    ("Adjusted Value", {"Adjusted Value": ""}),  # RESTATE needs a value
    ("Adjusted Value Currency", {"Adjusted Value Currency": ""}),  # RESTATE needs a currency
    ("Adjusted Value", {"Adjustment Type": "RETRACT"}),  # RETRACT must not carry one
    ("Adjustment Time", {"Adjustment Time": "2026-10-30 12:00"}),
    ("Adjustment Time", {"Adjustment Time": "2026-10-19 12:00:00+0000"}),  # before the conversion
    ("Order ID", {"Order ID": "cv_old"}),  # conversion older than 54 days
    ("Order ID", {"Order ID": "cv_0"}),  # adjusted twice in one file
    ("Conversion Name", {"Conversion Name": ""}),
]


def test_google_adjustments_good_rows_pass():
    content = google_csv(GOOGLE_ADJUSTMENT_HEADER, [RETRACT_ROW, ADJUSTMENT_ROW])
    assert validate_google_adjustments("a.csv", content, AS_OF, CONVERTED_AT) == []


@pytest.mark.parametrize(
    ("field", "change"), ADJUSTMENT_BAD_ROWS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(ADJUSTMENT_BAD_ROWS)]
)
def test_google_adjustments_reject_bad_row(field, change):
    converted = dict(CONVERTED_AT, cv_old=AS_OF - timedelta(days=55))
    content = google_csv(GOOGLE_ADJUSTMENT_HEADER, [RETRACT_ROW, dict(ADJUSTMENT_ROW, **change)])
    issues = validate_google_adjustments("a.csv", content, AS_OF, converted)
    assert (4, field) in fields(issues), issues
    assert all(issue.row == 4 for issue in issues), issues


# ------------------------------------------------------------------------------- CRM


def crm_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CRM_COLUMNS)
    for row in rows:
        writer.writerow([row.get(c, "") for c in CRM_COLUMNS])
    return buffer.getvalue().encode()


CRM_ROW = {
    "contact_id": "c1",
    "first_touched_at": "2026-10-01T10:00:00Z",
    "last_touched_at": "2026-10-02T10:00:00Z",
    "export_row_id": HEX,
}


def test_crm_good_row_passes():
    assert validate_crm_writeback("c.csv", crm_csv([CRM_ROW])) == []


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("contact_id", {"contact_id": ""}),
        ("contact_id", {"contact_id": "c0"}),
        ("first_touched_at", {"first_touched_at": "2026-10-01 10:00:00"}),
        ("first_touched_at", {"first_touched_at": "2026-10-03T10:00:00Z"}),  # after the last touch
    ],
)
def test_crm_rejects_bad_row(field, change):
    issues = validate_crm_writeback("c.csv", crm_csv([dict(CRM_ROW, contact_id="c0"), dict(CRM_ROW, **change)]))
    assert (3, field) in fields(issues), issues


def test_issues_name_file_row_and_field():
    bad = copy.deepcopy(meta_event())
    bad["user_data"]["em"] = ["x"]
    (issue,) = validate_meta_request("meta_capi_events_001.json", meta_body(bad), AS_OF)
    assert str(issue).startswith("meta_capi_events_001.json row 0, user_data.em: must be SHA-256")
