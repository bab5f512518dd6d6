#!/usr/bin/env python3
"""Write what is new or changed in the warehouse's exports as upload-ready files. Nothing is sent anywhere.

Reads the export models (schema `exports`) of a built warehouse, compares
them with the export ledger (what earlier runs wrote; scripts/export_ledger.py)
and writes, into a new folder <out>/run-NNNN/:

  google_ads_click_conversions.csv    Google Ads conversions from clicks (gclid, gbraid or wbraid)
  google_ads_enhanced_conversions.csv Google Ads enhanced conversions for leads (hashed email/phone)
  google_ads_adjustments.csv          RETRACT / RESTATE of conversions uploaded before
  meta_capi_events_NNN.json           Meta Conversions API request bodies, at most 1,000 events each
  crm_contact_writeback.csv           contacts whose first- or last-touch fields changed
  export_manifest.json                the run, each file's rows and SHA-256, what was held back and why

Only files with rows are written; a run with nothing new or changed writes
no folder and records nothing. Every file is checked by
scripts/export_validation.py before anything is written; one problem stops
the run with the file, row and field named. The ledger is appended in the
same step (docs/exports.md).

Usage:
  scripts/export.py [--db PATH] [--out DIR] [--as-of TIME] [--full]
                    [--ledger-db PATH] [--ledger-schema export_ledger]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_ledger import ExportLedger, LedgerEntry, LedgerRun
from export_validation import (
    CRM_COLUMNS,
    GOOGLE_ADJUSTMENT_HEADER,
    GOOGLE_CLICK_HEADER,
    GOOGLE_LEADS_HEADER,
    META_MAX_EVENTS_PER_REQUEST,
    ExportValidationError,
    validate_crm_writeback,
    validate_google_adjustments,
    validate_google_click_conversions,
    validate_google_leads,
    validate_meta_request,
)
from warehouse_files import writer_lock

GOOGLE = "google_ads"
META = "meta_capi"
CRM = "crm_writeback"
GOOGLE_TIME_ZONE_ROW = ["Parameters:TimeZone=+0000"]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Limits:
    """Platform limits, measured from --as-of (docs/exports.md)."""

    meta_max_age: timedelta = timedelta(days=7)
    meta_send_margin: timedelta = timedelta(hours=1)
    google_click_max_age: timedelta = timedelta(days=90)
    google_adjustment_max_age: timedelta = timedelta(days=54)
    meta_events_per_file: int = META_MAX_EVENTS_PER_REQUEST


@dataclass
class Plan:
    """What one run writes, and what it holds back (destination -> reason -> count)."""

    google_clicks: list[dict] = field(default_factory=list)
    google_leads: list[dict] = field(default_factory=list)
    google_adjustments: list[dict] = field(default_factory=list)
    meta_events: list[dict] = field(default_factory=list)
    crm_rows: list[dict] = field(default_factory=list)
    held_back: dict[str, Counter] = field(default_factory=lambda: {GOOGLE: Counter(), META: Counter(), CRM: Counter()})

    def is_empty(self) -> bool:
        return not (
            self.google_clicks or self.google_leads or self.google_adjustments or self.meta_events or self.crm_rows
        )


# --------------------------------------------------------------------------------------------
# Reading the models
# --------------------------------------------------------------------------------------------


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def load_models(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[dict]]:
    return {
        "google_clicks": _rows(
            con, f"select * from {schema}.export_google_ads_offline_conversions order by converted_at, conversion_id"
        ),
        "google_leads": _rows(
            con, f"select * from {schema}.export_google_ads_enhanced_conversions order by converted_at, conversion_id"
        ),
        "meta": _rows(con, f"select * from {schema}.export_meta_capi_events order by event_time, conversion_id"),
        "crm": _rows(con, f"select * from {schema}.export_crm_contact_writeback order by contact_id"),
    }


def _utc(value: datetime | None) -> datetime | None:
    """Warehouse timestamps are naive UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _money(value) -> Decimal:
    return Decimal(str(value if value is not None else 0)).quantize(CENT)


def _google_time(value: datetime) -> str:
    return _utc(value).strftime("%Y-%m-%d %H:%M:%S+0000")


def _iso_utc(value) -> str:
    return "" if value is None else _utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Planning: what is new or changed since the ledger's last entries
# --------------------------------------------------------------------------------------------


def plan_google(
    clicks: list[dict],
    leads: list[dict],
    latest: dict[str, LedgerEntry],
    as_of: datetime,
    full: bool,
    limits: Limits,
    plan: Plan,
) -> None:
    held = plan.held_back[GOOGLE]
    current: dict[str, tuple[str, dict]] = {}
    for row in clicks:
        current[row["conversion_id"]] = ("click", row)
    for row in leads:
        current.setdefault(row["conversion_id"], ("leads", row))
    for conversion_id, (kind, row) in current.items():
        converted_at = _utc(row["converted_at"])
        before = None if full else latest.get(conversion_id)
        if before is None:
            if converted_at > as_of:
                held["conversion_after_as_of"] += 1
            elif row["is_refunded_in_full"]:
                held["refunded_in_full_before_upload"] += 1
            elif (
                kind == "click"
                and as_of - (_utc(row["google_clicked_at"]) or converted_at) > limits.google_click_max_age
            ):
                held["click_older_than_limit"] += 1
            elif kind == "leads" and as_of - converted_at > limits.google_click_max_age:
                held["conversion_older_than_limit"] += 1
            else:
                (plan.google_clicks if kind == "click" else plan.google_leads).append(row)
            continue
        if before.action == "retract":
            continue
        value = _money(row["conversion_value"])
        retract = bool(row["is_refunded_in_full"])
        if not retract and value == before.exported_value:
            continue
        if before.match_kind == "wbraid":
            held["adjustment_not_possible_for_wbraid"] += 1
        elif as_of - converted_at > limits.google_adjustment_max_age:
            held["adjustment_after_54_days"] += 1
        else:
            adjusted_at = as_of.replace(microsecond=0)
            if before.action != "upload" and before.event_at is not None and _utc(before.event_at) >= adjusted_at:
                adjusted_at = _utc(before.event_at) + timedelta(seconds=1)
            plan.google_adjustments.append(
                {
                    "conversion_id": conversion_id,
                    "conversion_name": before.label,
                    "converted_at": converted_at,
                    "adjusted_at": adjusted_at,
                    "type": "RETRACT" if retract else "RESTATE",
                    "value": None if retract else value,
                    "currency": row["conversion_currency"],
                    "match_kind": before.match_kind,
                }
            )
    dropped = sum(1 for key, entry in latest.items() if key not in current and entry.action != "retract")
    if dropped and not full:
        held["uploaded_before_no_longer_exportable"] += dropped


def plan_meta(
    rows: list[dict], latest: dict[str, LedgerEntry], as_of: datetime, full: bool, limits: Limits, plan: Plan
) -> None:
    held = plan.held_back[META]
    oldest = as_of - limits.meta_max_age + limits.meta_send_margin
    sent_keys = {(e.label, e.idempotency_key) for e in latest.values()} if not full else set()
    for row in rows:
        before = None if full else latest.get(row["conversion_id"])
        if before is not None:
            if _money(row["value"]) != before.exported_value:
                held["value_changed_after_send_not_resent"] += 1
            continue
        converted_at = _utc(row["converted_at"])
        if row["send_blocked_reason"]:
            held[row["send_blocked_reason"]] += 1
        elif converted_at > as_of:
            held["event_after_as_of"] += 1
        elif converted_at < oldest:
            held["older_than_meta_limit"] += 1
        elif row["is_refunded_in_full"]:
            held["refunded_in_full_before_send"] += 1
        elif (row["event_name"], row["event_id"]) in sent_keys:
            held["event_id_already_sent"] += 1
        else:
            plan.meta_events.append(row)
            sent_keys.add((row["event_name"], row["event_id"]))


def _crm_record(row: dict) -> list[str]:
    return [
        _iso_utc(row[name]) if name.endswith("_at") else ("" if row[name] is None else str(row[name]))
        for name in CRM_COLUMNS
    ]


def plan_crm(rows: list[dict], latest: dict[str, LedgerEntry], full: bool, plan: Plan) -> None:
    for row in rows:
        before = None if full else latest.get(row["contact_id"])
        if before is None or before.content_hash != _sha("\x1f".join(_crm_record(row))):
            plan.crm_rows.append(row)


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def google_click_record(row: dict) -> list[str]:
    return [
        row["gclid"] or "",
        row["gbraid"] or "",
        row["wbraid"] or "",
        row["conversion_name"],
        row["conversion_time"],
        f"{_money(row['conversion_value'])}",
        row["conversion_currency"],
        row["google_order_id"],
    ]


def google_leads_record(row: dict) -> list[str]:
    return [
        row["hashed_email"] or "",
        row["hashed_phone_number"] or "",
        row["conversion_name"],
        row["conversion_time"],
        f"{_money(row['conversion_value'])}",
        row["conversion_currency"],
        row["google_order_id"],
    ]


def google_adjustment_record(adjustment: dict) -> list[str]:
    restate = adjustment["type"] == "RESTATE"
    return [
        adjustment["conversion_id"],
        adjustment["conversion_name"],
        _google_time(adjustment["adjusted_at"]),
        adjustment["type"],
        f"{adjustment['value']}" if restate else "",
        adjustment["currency"] if restate else "",
    ]


def meta_event(row: dict) -> dict:
    user_data: dict[str, object] = {}
    for key in ("em", "ph", "external_id"):
        if row[key]:
            user_data[key] = [row[key]]
    if row["fbc"]:
        user_data["fbc"] = row["fbc"]
    if row["client_user_agent"]:
        user_data["client_user_agent"] = row["client_user_agent"]
    event = {
        "event_name": row["event_name"],
        "event_time": int(row["event_time"]),
        "event_id": row["event_id"],
        "action_source": row["action_source"],
        "user_data": user_data,
        "custom_data": {"value": float(_money(row["value"])), "currency": row["currency"]},
    }
    if row["event_source_url"]:
        event["event_source_url"] = row["event_source_url"]
    return event


def render(plan: Plan, limits: Limits) -> dict[str, bytes]:
    """File name -> bytes, deterministic (rows ordered by time and id, JSON keys sorted)."""
    files: dict[str, bytes] = {}
    if plan.google_clicks:
        files["google_ads_click_conversions.csv"] = _csv_bytes(
            [GOOGLE_TIME_ZONE_ROW, GOOGLE_CLICK_HEADER] + [google_click_record(r) for r in plan.google_clicks]
        )
    if plan.google_leads:
        files["google_ads_enhanced_conversions.csv"] = _csv_bytes(
            [GOOGLE_TIME_ZONE_ROW, GOOGLE_LEADS_HEADER] + [google_leads_record(r) for r in plan.google_leads]
        )
    if plan.google_adjustments:
        adjustments = sorted(plan.google_adjustments, key=lambda a: a["conversion_id"])
        files["google_ads_adjustments.csv"] = _csv_bytes(
            [GOOGLE_TIME_ZONE_ROW, GOOGLE_ADJUSTMENT_HEADER] + [google_adjustment_record(a) for a in adjustments]
        )
    size = limits.meta_events_per_file
    for part, start in enumerate(range(0, len(plan.meta_events), size), start=1):
        events = [meta_event(r) for r in plan.meta_events[start : start + size]]
        files[f"meta_capi_events_{part:03d}.json"] = (
            json.dumps({"data": events}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        ).encode("utf-8")
    if plan.crm_rows:
        files["crm_contact_writeback.csv"] = _csv_bytes([CRM_COLUMNS] + [_crm_record(r) for r in plan.crm_rows])
    return files


def validate(files: dict[str, bytes], plan: Plan, as_of: datetime, limits: Limits) -> None:
    """Raise ExportValidationError listing every problem of every file."""
    clicked_at = {r["google_order_id"]: _utc(r["google_clicked_at"]) for r in plan.google_clicks}
    converted_at = {a["conversion_id"]: a["converted_at"] for a in plan.google_adjustments}
    issues = []
    for name, content in files.items():
        if name == "google_ads_click_conversions.csv":
            issues += validate_google_click_conversions(name, content, as_of, clicked_at, limits.google_click_max_age)
        elif name == "google_ads_enhanced_conversions.csv":
            issues += validate_google_leads(name, content, as_of, limits.google_click_max_age)
        elif name == "google_ads_adjustments.csv":
            issues += validate_google_adjustments(name, content, as_of, converted_at, limits.google_adjustment_max_age)
        elif name.startswith("meta_capi_events_"):
            issues += validate_meta_request(name, content, as_of, limits.meta_max_age)
        elif name == "crm_contact_writeback.csv":
            issues += validate_crm_writeback(name, content)
    if issues:
        raise ExportValidationError(issues)


# --------------------------------------------------------------------------------------------
# Ledger entries
# --------------------------------------------------------------------------------------------


def ledger_entries(plan: Plan, limits: Limits) -> list[LedgerEntry]:
    entries = []
    for row in plan.google_clicks:
        entries.append(
            LedgerEntry(
                GOOGLE,
                row["conversion_id"],
                "upload",
                row["export_row_id"],
                _money(row["conversion_value"]),
                _sha("\x1f".join(google_click_record(row))),
                row["converted_at"],
                row["conversion_name"],
                row["google_click_id_type"],
                "google_ads_click_conversions.csv",
            )
        )
    for row in plan.google_leads:
        entries.append(
            LedgerEntry(
                GOOGLE,
                row["conversion_id"],
                "upload",
                row["export_row_id"],
                _money(row["conversion_value"]),
                _sha("\x1f".join(google_leads_record(row))),
                row["converted_at"],
                row["conversion_name"],
                "identifiers",
                "google_ads_enhanced_conversions.csv",
            )
        )
    for a in plan.google_adjustments:
        record = google_adjustment_record(a)
        entries.append(
            LedgerEntry(
                GOOGLE,
                a["conversion_id"],
                a["type"].lower(),
                _sha("google_ads_adjustment:" + "\x1f".join(record)),
                a["value"] if a["value"] is not None else Decimal("0.00"),
                _sha("\x1f".join(record)),
                a["adjusted_at"].replace(tzinfo=None),
                a["conversion_name"],
                a["match_kind"],
                "google_ads_adjustments.csv",
            )
        )
    for i, row in enumerate(plan.meta_events):
        entries.append(
            LedgerEntry(
                META,
                row["conversion_id"],
                "upload",
                row["event_id"],
                _money(row["value"]),
                _sha(json.dumps(meta_event(row), sort_keys=True)),
                row["converted_at"],
                row["event_name"],
                "event",
                f"meta_capi_events_{i // limits.meta_events_per_file + 1:03d}.json",
            )
        )
    for row in plan.crm_rows:
        entries.append(
            LedgerEntry(
                CRM,
                row["contact_id"],
                "upload",
                row["export_row_id"],
                None,
                _sha("\x1f".join(_crm_record(row))),
                row["last_touched_at"],
                None,
                "contact",
                "crm_contact_writeback.csv",
            )
        )
    return entries


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


@dataclass
class RunResult:
    run_number: int | None
    folder: Path | None
    manifest: dict


def parse_as_of(text: str | None, now: datetime | None = None) -> datetime:
    """--as-of: 'now' (default), a date (midnight UTC) or an ISO-8601 time with a UTC offset or Z."""
    if text is None or text == "now":
        return (now or datetime.now(UTC)).astimezone(UTC)
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), tzinfo=UTC)
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"--as-of {text!r} is not an ISO-8601 date or time") from error
    if value.tzinfo is None:
        raise ValueError(f"--as-of {text!r} has no UTC offset; write it with Z or +hh:mm")
    return value.astimezone(UTC)


def export(
    db_path: Path,
    out_dir: Path,
    as_of: datetime,
    full: bool = False,
    schema: str = "exports",
    ledger_db: Path | None = None,
    ledger_schema: str = "export_ledger",
    limits: Limits = Limits(),
) -> RunResult:
    """One run: plan against the ledger, validate, write the run folder, append the ledger."""
    same_db = ledger_db is None or Path(ledger_db).resolve() == Path(db_path).resolve()
    con = duckdb.connect(str(db_path), read_only=not same_db)
    ledger_con = con if same_db else duckdb.connect(str(ledger_db))
    try:
        for c in {id(con): con, id(ledger_con): ledger_con}.values():
            c.execute("set TimeZone = 'UTC'")
        ledger = ExportLedger(ledger_con, ledger_schema)
        models = load_models(con, schema)
        plan = Plan()
        plan_google(models["google_clicks"], models["google_leads"], ledger.latest(GOOGLE), as_of, full, limits, plan)
        plan_meta(models["meta"], ledger.latest(META), as_of, full, limits, plan)
        plan_crm(models["crm"], ledger.latest(CRM), full, plan)
        held_back = {d: dict(sorted(c.items())) for d, c in plan.held_back.items() if c}
        if plan.is_empty():
            return RunResult(
                None,
                None,
                {
                    "as_of": as_of.isoformat(),
                    "full": full,
                    "files": {},
                    "held_back": held_back,
                    "last_run": ledger.last_run_number(),
                },
            )
        files = render(plan, limits)
        validate(files, plan, as_of, limits)
        run_number = ledger.last_run_number() + 1
        folder = out_dir / f"run-{run_number:04d}"
        if folder.exists():
            raise FileExistsError(
                f"{folder} already exists; the ledger is at run {run_number - 1}. "
                "Use another --out folder or the ledger that wrote it."
            )
        manifest = {
            "run": run_number,
            "as_of": as_of.isoformat(),
            "full": full,
            "held_back": held_back,
            "files": {
                name: {"rows": _row_count(name, content), "sha256": hashlib.sha256(content).hexdigest()}
                for name, content in sorted(files.items())
            },
        }
        staging = out_dir / f".run-{run_number:04d}.partial"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        for name, content in files.items():
            (staging / name).write_bytes(content)
        (staging / "export_manifest.json").write_text(
            json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        staging.rename(folder)
        try:
            ledger.record(
                LedgerRun(
                    run_number,
                    datetime.now(UTC).replace(tzinfo=None),
                    as_of.replace(tzinfo=None),
                    full,
                    str(folder),
                    manifest,
                ),
                ledger_entries(plan, limits),
            )
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return RunResult(run_number, folder, manifest)
    finally:
        if ledger_con is not con:
            ledger_con.close()
        con.close()


def _row_count(name: str, content: bytes) -> int:
    if name.endswith(".json"):
        return len(json.loads(content)["data"])
    lines = content.decode("utf-8").count("\n")
    return lines - (1 if name.startswith("crm_") else 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        default=os.environ.get("DBT_DUCKDB_PATH", "attribution.duckdb"),
        help="built DuckDB warehouse (default: $DBT_DUCKDB_PATH or attribution.duckdb)",
    )
    parser.add_argument("--out", default="exports_out", help="folder of the run folders (default: exports_out/)")
    parser.add_argument(
        "--as-of",
        default="now",
        help="the time the files are made for: platform age limits are measured from it "
        "(default: now; a date means midnight UTC; a time needs Z or an offset)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="write every exportable row as if nothing had been exported (no adjustments)",
    )
    parser.add_argument("--schema", default="exports", help="schema of the export models (default: exports)")
    parser.add_argument("--ledger-db", default=None, help="DuckDB file of the export ledger (default: the warehouse)")
    parser.add_argument(
        "--ledger-schema", default="export_ledger", help="schema of the ledger (default: export_ledger)"
    )
    args = parser.parse_args(argv)
    db_path = Path(args.db)
    if not db_path.exists():
        print(f"export: no warehouse at {db_path}; run dbt build first", file=sys.stderr)
        return 2
    try:
        as_of = parse_as_of(args.as_of)
        # the ledger is written into the warehouse: one writer at a time (a build, a load or an export)
        with writer_lock(Path(args.ledger_db) if args.ledger_db else db_path, "export", wait=True):
            result = export(
                db_path,
                Path(args.out),
                as_of,
                args.full,
                args.schema,
                Path(args.ledger_db) if args.ledger_db else None,
                args.ledger_schema,
            )
    except (ValueError, FileExistsError) as error:
        print(f"export: {error}", file=sys.stderr)
        return 2
    except duckdb.CatalogException as error:
        print(f"export: {error}\nexport: the warehouse lacks an export model; run dbt build first", file=sys.stderr)
        return 2
    except ExportValidationError as error:
        print(f"export: refused to write files that would be rejected: {error}", file=sys.stderr)
        return 1
    manifest = result.manifest
    if result.folder is None:
        print(
            f"export: nothing new or changed since run {manifest['last_run']} (as of {manifest['as_of']}); "
            "no file written"
        )
    else:
        print(
            f"export: run {result.run_number} (as of {manifest['as_of']}{', full' if args.full else ''}) "
            f"-> {result.folder}"
        )
        for name, info in manifest["files"].items():
            print(f"  {name:38s} {info['rows']:>8,} rows  sha256 {info['sha256'][:16]}")
    for destination, reasons in manifest["held_back"].items():
        for reason, count in reasons.items():
            print(f"  held back: {destination:14s} {reason:40s} {count:>8,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
