"""Validators for the upload files of scripts/export.py, written from the platforms' documentation.

Each validator reads a file's bytes the way the platform would (CSV or JSON)
and returns the problems it finds, each naming the file, the row and the
field. scripts/export.py refuses to write any file while one problem is
left; the tests run the same validators over the written demo files.

The rules, with the documentation they come from (platform docs as of 2026):

Meta Conversions API, POST /{pixel_id}/events (developers.facebook.com,
"Conversions API > Parameters"):
  - the body is {"data": [...]}; at most 1,000 events per request
    ("Using the API": batch requests of up to 1,000 events);
  - event_name: string, required; event_time: integer Unix seconds (GMT),
    required, and "if any event_time in data is greater than 7 days in the
    past, we return an error for the entire request" (Server Event
    Parameters); an event time after the export's --as-of time has not
    happened yet;
  - action_source: required, one of email, website, app, phone_call, chat,
    physical_store, system_generated, business_messaging, other;
  - website events require client_user_agent and event_source_url
    ("Website events shared using the Conversions API require the
    client_user_agent, action_source, and event_source_url parameters");
    event_source_url must begin with http:// or https://;
  - app events require app_data; business_messaging events require
    messaging_channel (Server Event Parameters);
  - user_data: required, with at least one customer information parameter
    (em, ph, external_id, fbc, fbp); em and ph: "Hashing required" (SHA-256,
    lower-case hex); external_id: hashing recommended (this project always
    hashes it); fbc: 'fb.<subdomain index>.<creation time in ms>.<fbclid>'
    ("fbp and fbc Parameters"), created no later than the event;
    fbp: 'fb.<subdomain index>.<creation time in ms>.<random number>';
  - custom_data.value: a number; custom_data.currency: ISO 4217 three-letter
    code; both required for Purchase events (Custom Data Parameters);
  - event_id: the deduplication key with the pixel (this project always
    sends one); event_name + event_id appear once per request.

Google Ads offline conversion import (support.google.com/google-ads
"Import conversions from ad clicks into Google Ads using files",
"How to adjust your conversions"; Google Ads API ClickConversion,
ConversionAdjustment, ConversionUploadError and
ConversionAdjustmentUploadError references):
  - the first row is Parameters:TimeZone=<offset>, then the header row;
  - Conversion Time: 'yyyy-MM-dd HH:mm:ss+zzzz', not after the export's
    --as-of time and not before the click (CONVERSION_PRECEDES_EVENT);
  - click conversions carry exactly one of Google Click ID, GBRAID, WBRAID
    (ClickConversion takes one of gclid, gbraid, wbraid), and the click is at
    most 90 days old when the file is made (EXPIRED_EVENT: conversions are
    imported for clicks inside the 90-day click-through window);
  - enhanced conversions for leads carry Email and/or Phone Number as
    SHA-256 lower-case hex ("email addresses and phone numbers must be
    hashed"; the phone in E.164 with its '+' before hashing, which the
    warehouse does in staging), for conversions at most 90 days old;
  - Conversion Value: a non-negative number; Conversion Currency: ISO 4217
    three-letter code;
  - Order ID: present, unique in the file, free of personal data
    (ORDER_ID_CONTAINS_PII);
  - adjustments: Adjustment Type RETRACT or RESTATE; RESTATE needs Adjusted
    Value (>= 0) and Adjusted Value Currency, RETRACT has neither ("should
    not be supplied for retractions"); Adjustment Time after the conversion
    (ADJUSTMENT_PRECEDES_CONVERSION) and the conversion at most 54 days old
    (CONVERSION_EXPIRED); one adjustment per Order ID in a file.

CRM write-back: the project's own contract (docs/exports.md): contact_id
present and unique, times ISO-8601 UTC with Z, first touch not after last.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
GOOGLE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{4}$")
DECIMAL_TEXT = re.compile(r"^\d+(\.\d+)?$")
FBC = re.compile(r"^fb\.\d\.(\d{13})\.\S+$")
FBP = re.compile(r"^fb\.\d\.\d{13}\.\d+$")
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

META_MAX_EVENTS_PER_REQUEST = 1000
META_MAX_AGE = timedelta(days=7)
META_ACTION_SOURCES = frozenset(
    {
        "email",
        "website",
        "app",
        "phone_call",
        "chat",
        "physical_store",
        "system_generated",
        "business_messaging",
        "other",
    }
)
META_IDENTIFIER_KEYS = ("em", "ph", "external_id", "fbc", "fbp")
GOOGLE_CLICK_MAX_AGE = timedelta(days=90)
GOOGLE_ADJUSTMENT_MAX_AGE = timedelta(days=54)

GOOGLE_CLICK_HEADER = [
    "Google Click ID",
    "GBRAID",
    "WBRAID",
    "Conversion Name",
    "Conversion Time",
    "Conversion Value",
    "Conversion Currency",
    "Order ID",
]
GOOGLE_LEADS_HEADER = [
    "Email",
    "Phone Number",
    "Conversion Name",
    "Conversion Time",
    "Conversion Value",
    "Conversion Currency",
    "Order ID",
]
GOOGLE_ADJUSTMENT_HEADER = [
    "Order ID",
    "Conversion Name",
    "Adjustment Time",
    "Adjustment Type",
    "Adjusted Value",
    "Adjusted Value Currency",
]
GOOGLE_ADJUSTMENT_TYPES = frozenset({"RETRACT", "RESTATE"})
CRM_COLUMNS = [
    "contact_id",
    "first_touch_channel",
    "first_touch_source",
    "first_touch_medium",
    "first_touch_campaign",
    "first_touch_click_id",
    "first_touched_at",
    "last_touch_channel",
    "last_touch_source",
    "last_touch_medium",
    "last_touch_campaign",
    "last_touch_click_id",
    "last_touched_at",
    "export_row_id",
]


@dataclass(frozen=True)
class Issue:
    """One problem: the file, the row (0-based event index, or CSV line number), the field, what is wrong."""

    file: str
    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file} row {self.row}"
        return f"{where}, {self.field}: {self.message}"


class ExportValidationError(Exception):
    """Raised when a file would be rejected by its platform; lists every problem found."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        shown = "\n  ".join(str(issue) for issue in issues[:50])
        more = f"\n  ... and {len(issues) - 50} more" if len(issues) > 50 else ""
        super().__init__(f"{len(issues)} problem(s); no file was written:\n  {shown}{more}")


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_google_time(text: str) -> datetime | None:
    """'yyyy-MM-dd HH:mm:ss+zzzz' as an aware datetime, None when malformed."""
    if not GOOGLE_TIME.match(text or ""):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S%z")
    except ValueError:
        return None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# --------------------------------------------------------------------------------------------
# Meta Conversions API
# --------------------------------------------------------------------------------------------


def validate_meta_request(name: str, content: bytes, as_of: datetime, max_age: timedelta = META_MAX_AGE) -> list[Issue]:
    """Problems of one Meta /events request body (the JSON file's bytes)."""
    as_of = _utc(as_of)
    issues: list[Issue] = []

    def bad(row: int | None, field: str, message: str) -> None:
        issues.append(Issue(name, row, field, message))

    try:
        body = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [Issue(name, None, "body", f"not JSON: {error}")]
    if not isinstance(body, dict) or not isinstance(body.get("data"), list):
        return [Issue(name, None, "data", 'the body must be {"data": [events]}')]
    events = body["data"]
    if not events:
        bad(None, "data", "a request needs at least one event")
    if len(events) > META_MAX_EVENTS_PER_REQUEST:
        bad(None, "data", f"{len(events)} events; Meta accepts at most {META_MAX_EVENTS_PER_REQUEST} per request")
    oldest = int((as_of - max_age).timestamp())
    latest = int(as_of.timestamp())
    seen: set[tuple[object, object]] = set()
    for i, event in enumerate(events):
        if not isinstance(event, dict):
            bad(i, "event", "an event must be an object")
            continue
        event_name = event.get("event_name")
        if not isinstance(event_name, str) or not event_name:
            bad(i, "event_name", "required non-empty string")
        event_time = event.get("event_time")
        if not isinstance(event_time, int) or isinstance(event_time, bool):
            bad(i, "event_time", f"required integer Unix seconds, got {event_time!r}")
        elif event_time < oldest:
            bad(
                i,
                "event_time",
                f"{event_time} is more than {max_age} before {as_of.isoformat()}; Meta rejects the whole request",
            )
        elif event_time > latest:
            bad(i, "event_time", f"{event_time} is after {as_of.isoformat()} (the export's --as-of time)")
        event_id = event.get("event_id")
        if not isinstance(event_id, str) or not event_id:
            bad(i, "event_id", "required non-empty string (the pixel's deduplication key)")
        elif (event_name, event_id) in seen:
            bad(i, "event_id", f"event_name + event_id {event_name}/{event_id} appears twice in one request")
        seen.add((event_name, event_id))
        action_source = event.get("action_source")
        if action_source not in META_ACTION_SOURCES:
            bad(i, "action_source", f"{action_source!r} is not one of {sorted(META_ACTION_SOURCES)}")
        user_data = event.get("user_data")
        if not isinstance(user_data, dict):
            bad(i, "user_data", "required object")
            user_data = {}
        _validate_meta_user_data(bad, i, user_data, event_time if isinstance(event_time, int) else None)
        if action_source == "website":
            agent = user_data.get("client_user_agent")
            if not isinstance(agent, str) or not agent.strip():
                bad(i, "user_data.client_user_agent", "required for action_source 'website'")
            url = event.get("event_source_url")
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                bad(i, "event_source_url", "required for action_source 'website', beginning with http:// or https://")
        if action_source == "app" and not isinstance(event.get("app_data"), dict):
            bad(i, "app_data", "required for action_source 'app'")
        if action_source == "business_messaging" and not event.get("messaging_channel"):
            bad(i, "messaging_channel", "required for action_source 'business_messaging'")
        custom_data = event.get("custom_data", {})
        if not isinstance(custom_data, dict):
            bad(i, "custom_data", "must be an object")
            custom_data = {}
        if "value" in custom_data and (not _is_number(custom_data["value"]) or custom_data["value"] < 0):
            bad(i, "custom_data.value", f"must be a non-negative number, got {custom_data['value']!r}")
        if "currency" in custom_data and not (
            isinstance(custom_data["currency"], str) and CURRENCY_CODE.match(custom_data["currency"].upper())
        ):
            bad(i, "custom_data.currency", f"must be an ISO 4217 code, got {custom_data['currency']!r}")
        if event_name == "Purchase":
            for key in ("value", "currency"):
                if key not in custom_data:
                    bad(i, f"custom_data.{key}", "required for Purchase events")
    return issues


def _validate_meta_user_data(bad, i: int, user_data: dict, event_time: int | None) -> None:
    if not any(user_data.get(key) for key in META_IDENTIFIER_KEYS):
        bad(i, "user_data", f"needs at least one of {', '.join(META_IDENTIFIER_KEYS)}")
    for key in ("em", "ph", "external_id"):
        if key not in user_data:
            continue
        values = user_data[key] if isinstance(user_data[key], list) else [user_data[key]]
        if not values:
            bad(i, f"user_data.{key}", "empty list")
        for value in values:
            if not isinstance(value, str) or not SHA256_HEX.match(value):
                bad(i, f"user_data.{key}", f"must be SHA-256 lower-case hex, got {str(value)[:80]!r}")
    if "fbc" in user_data:
        match = FBC.match(str(user_data["fbc"]))
        if not match:
            bad(i, "user_data.fbc", f"must be fb.<subdomain>.<ms>.<fbclid>, got {str(user_data['fbc'])[:80]!r}")
        elif event_time is not None and int(match.group(1)) > event_time * 1000 + 999:
            bad(i, "user_data.fbc", "click creation time is after the event")
    if "fbp" in user_data and not FBP.match(str(user_data["fbp"])):
        bad(i, "user_data.fbp", f"must be fb.<subdomain>.<ms>.<random>, got {str(user_data['fbp'])[:80]!r}")


# --------------------------------------------------------------------------------------------
# Google Ads
# --------------------------------------------------------------------------------------------


def _read_google_csv(name: str, content: bytes, header: list[str]) -> tuple[list[tuple[int, dict]], list[Issue]]:
    """(line number, row dict) of a Google upload CSV after its Parameters row and header."""
    try:
        lines = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error) as error:
        return [], [Issue(name, None, "file", f"not a UTF-8 CSV: {error}")]
    issues = []
    if not lines or len(lines[0]) != 1 or not re.match(r"^Parameters:TimeZone=[+-]\d{4}$", lines[0][0]):
        issues.append(Issue(name, 1, "Parameters", "the first row must be Parameters:TimeZone=<+hhmm>"))
    if len(lines) < 2 or lines[1] != header:
        issues.append(Issue(name, 2, "header", f"the header row must be {','.join(header)}"))
        return [], issues
    rows = []
    for number, line in enumerate(lines[2:], start=3):
        if len(line) != len(header):
            issues.append(Issue(name, number, "row", f"{len(line)} columns, the header has {len(header)}"))
            continue
        rows.append((number, dict(zip(header, line))))
    if not rows:
        issues.append(Issue(name, None, "rows", "no conversion row"))
    return rows, issues


def _check_conversion_fields(
    bad, number: int, row: dict, as_of: datetime, order_ids: set[str], max_age: timedelta, age_from: datetime | None
) -> datetime | None:
    """Conversion Name, Time, Value, Currency and Order ID of a click or leads row."""
    if not row["Conversion Name"].strip():
        bad(number, "Conversion Name", "required")
    converted = parse_google_time(row["Conversion Time"])
    if converted is None:
        bad(number, "Conversion Time", f"must be yyyy-MM-dd HH:mm:ss+zzzz, got {row['Conversion Time']!r}")
    elif converted > as_of:
        bad(number, "Conversion Time", f"{row['Conversion Time']} is after the export's --as-of time")
    else:
        start = age_from or converted
        if as_of - start > max_age:
            bad(
                number,
                "Conversion Time" if age_from is None else "Google Click ID",
                f"the click is more than {max_age.days} days before --as-of; Google rejects it (EXPIRED_EVENT)",
            )
    if not DECIMAL_TEXT.match(row["Conversion Value"]):
        bad(number, "Conversion Value", f"must be a non-negative decimal number, got {row['Conversion Value']!r}")
    if not CURRENCY_CODE.match(row["Conversion Currency"]):
        bad(number, "Conversion Currency", f"must be an ISO 4217 code, got {row['Conversion Currency']!r}")
    order_id = row["Order ID"]
    if not order_id.strip():
        bad(number, "Order ID", "required (adjustments name the conversion by it)")
    elif EMAIL_LIKE.search(order_id):
        bad(number, "Order ID", "must not contain personal data (ORDER_ID_CONTAINS_PII)")
    elif order_id in order_ids:
        bad(number, "Order ID", f"{order_id} appears twice in the file")
    order_ids.add(order_id)
    return converted


def validate_google_click_conversions(
    name: str,
    content: bytes,
    as_of: datetime,
    clicked_at: dict[str, datetime | None] | None = None,
    max_age: timedelta = GOOGLE_CLICK_MAX_AGE,
) -> list[Issue]:
    """Problems of a click-conversion CSV. clicked_at: Order ID -> click time (UTC) where known."""
    as_of = _utc(as_of)
    rows, issues = _read_google_csv(name, content, GOOGLE_CLICK_HEADER)

    def bad(number: int, field: str, message: str) -> None:
        issues.append(Issue(name, number, field, message))

    order_ids: set[str] = set()
    for number, row in rows:
        ids = [column for column in ("Google Click ID", "GBRAID", "WBRAID") if row[column].strip()]
        if len(ids) != 1:
            bad(number, "Google Click ID", f"exactly one of Google Click ID, GBRAID, WBRAID is required, got {ids}")
        click_time = (clicked_at or {}).get(row["Order ID"])
        click_time = _utc(click_time) if click_time is not None else None
        converted = _check_conversion_fields(bad, number, row, as_of, order_ids, max_age, click_time)
        if converted is not None and click_time is not None and converted < click_time:
            bad(number, "Conversion Time", "the conversion precedes its click (CONVERSION_PRECEDES_EVENT)")
    return issues


def validate_google_leads(
    name: str, content: bytes, as_of: datetime, max_age: timedelta = GOOGLE_CLICK_MAX_AGE
) -> list[Issue]:
    """Problems of an enhanced-conversions-for-leads CSV."""
    as_of = _utc(as_of)
    rows, issues = _read_google_csv(name, content, GOOGLE_LEADS_HEADER)

    def bad(number: int, field: str, message: str) -> None:
        issues.append(Issue(name, number, field, message))

    order_ids: set[str] = set()
    for number, row in rows:
        if not row["Email"] and not row["Phone Number"]:
            bad(number, "Email", "an Email or a Phone Number is required")
        for column in ("Email", "Phone Number"):
            if row[column] and not SHA256_HEX.match(row[column]):
                bad(number, column, f"must be SHA-256 lower-case hex, got {row[column][:80]!r}")
        _check_conversion_fields(bad, number, row, as_of, order_ids, max_age, None)
    return issues


def validate_google_adjustments(
    name: str,
    content: bytes,
    as_of: datetime,
    converted_at: dict[str, datetime] | None = None,
    max_age: timedelta = GOOGLE_ADJUSTMENT_MAX_AGE,
) -> list[Issue]:
    """Problems of a conversion-adjustment CSV. converted_at: Order ID -> conversion time (UTC)."""
    as_of = _utc(as_of)
    rows, issues = _read_google_csv(name, content, GOOGLE_ADJUSTMENT_HEADER)

    def bad(number: int, field: str, message: str) -> None:
        issues.append(Issue(name, number, field, message))

    order_ids: set[str] = set()
    for number, row in rows:
        order_id = row["Order ID"]
        if not order_id.strip():
            bad(number, "Order ID", "required")
        elif order_id in order_ids:
            bad(number, "Order ID", f"{order_id} is adjusted twice in the file")
        order_ids.add(order_id)
        if not row["Conversion Name"].strip():
            bad(number, "Conversion Name", "required")
        kind = row["Adjustment Type"]
        if kind not in GOOGLE_ADJUSTMENT_TYPES:
            bad(number, "Adjustment Type", f"must be RETRACT or RESTATE, got {kind!r}")
        if kind == "RESTATE":
            if not DECIMAL_TEXT.match(row["Adjusted Value"]):
                bad(number, "Adjusted Value", f"RESTATE needs a non-negative value, got {row['Adjusted Value']!r}")
            if not CURRENCY_CODE.match(row["Adjusted Value Currency"]):
                bad(
                    number,
                    "Adjusted Value Currency",
                    f"RESTATE needs an ISO 4217 code, got {row['Adjusted Value Currency']!r}",
                )
        if kind == "RETRACT" and (row["Adjusted Value"] or row["Adjusted Value Currency"]):
            bad(number, "Adjusted Value", "must be empty for RETRACT")
        adjusted = parse_google_time(row["Adjustment Time"])
        if adjusted is None:
            bad(number, "Adjustment Time", f"must be yyyy-MM-dd HH:mm:ss+zzzz, got {row['Adjustment Time']!r}")
            continue
        if adjusted > as_of + timedelta(minutes=1):
            bad(number, "Adjustment Time", "is after the export's --as-of time")
        conversion_time = (converted_at or {}).get(order_id)
        if conversion_time is not None:
            conversion_time = _utc(conversion_time)
            if adjusted <= conversion_time:
                bad(number, "Adjustment Time", "must be after the conversion (ADJUSTMENT_PRECEDES_CONVERSION)")
            if as_of - conversion_time > max_age:
                bad(number, "Order ID", f"the conversion is more than {max_age.days} days old (CONVERSION_EXPIRED)")
    return issues


# --------------------------------------------------------------------------------------------
# CRM write-back
# --------------------------------------------------------------------------------------------


def validate_crm_writeback(name: str, content: bytes) -> list[Issue]:
    """Problems of the CRM write-back CSV (the project's own format)."""
    issues: list[Issue] = []
    lines = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    if not lines or lines[0] != CRM_COLUMNS:
        return [Issue(name, 1, "header", f"the header row must be {','.join(CRM_COLUMNS)}")]
    seen: set[str] = set()
    for number, line in enumerate(lines[1:], start=2):
        if len(line) != len(CRM_COLUMNS):
            issues.append(Issue(name, number, "row", f"{len(line)} columns, the header has {len(CRM_COLUMNS)}"))
            continue
        row = dict(zip(CRM_COLUMNS, line))
        if not row["contact_id"]:
            issues.append(Issue(name, number, "contact_id", "required"))
        elif row["contact_id"] in seen:
            issues.append(Issue(name, number, "contact_id", f"{row['contact_id']} appears twice"))
        seen.add(row["contact_id"])
        for column in ("first_touched_at", "last_touched_at"):
            if row[column] and not ISO_UTC.match(row[column]):
                issues.append(Issue(name, number, column, f"must be yyyy-MM-ddTHH:mm:ssZ, got {row[column]!r}"))
        if (
            ISO_UTC.match(row["first_touched_at"])
            and ISO_UTC.match(row["last_touched_at"])
            and row["first_touched_at"] > row["last_touched_at"]
        ):
            issues.append(Issue(name, number, "first_touched_at", "is after last_touched_at"))
    return issues
