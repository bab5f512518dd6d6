"""Helpers for the trust tests (hostile input, broken contract, PII, consent,
idempotency): build private warehouses, list relations, checksum them, and
insert raw rows.

The hostile warehouse (demo data at scale 0.05 plus HOSTILE_ROWS and the
consent scenario) is built once per pytest session (`session_warehouse`) and
shared by the hostile-input, PII, consent and idempotency tests. Every build
has its own folder (database, target, logs) under pytest's tmp dir. While
developing, MTA_TEST_HOSTILE_DB=<built db> reuses a hostile warehouse.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote as _urlquote
from urllib.parse import unquote_plus as _urlunquote

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import duckdb_storage  # noqa: E402
from conftest import generate, run_dbt  # noqa: E402
from raw_contract import RAW_TABLES  # noqa: E402

# Schemas whose relations users read: the public surface of the warehouse.
PUBLIC_SCHEMAS = ("marts", "exports", "audit")
# Schemas downstream of staging, where PII may only exist hashed.
POST_STAGING_SCHEMAS = ("intermediate", "marts", "exports", "audit")
# Relations allowed to keep clear PII outside raw and staging: none (the quarantine's raw row is hashed
# and scrubbed too).
PII_ALLOWED_RELATIONS: set[str] = set()

# Scale and seed of the trust tests' demo data: small, so a build takes about a minute.
TRUST_SCALE = 0.05
TRUST_SEED = 7
# `dbt build` without unit tests: they run on mocked inputs, so they do not
# depend on the raw data these tests vary, and they are a third of the build time.
BUILD_ARGS = ["build", "--exclude-resource-type", "unit_test"]

_CACHE: dict[str, Path] = {}
_FAILED: dict[str, BaseException] = {}


def connect(db_path: Path, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    con = duckdb_storage.connect(db_path, read_only=read_only)
    con.execute("set TimeZone = 'UTC'")
    return con


def session_warehouse(name: str, tmp_path_factory, builder: Callable[[Path], Path]) -> Path:
    """Build a warehouse once per test session: builder(work_dir) -> db path.
    MTA_TEST_<NAME>_DB (e.g. MTA_TEST_HOSTILE_DB) reuses a database built before, read-only
    (while developing; its target/ folder must sit beside it)."""
    reuse = os.environ.get(f"MTA_TEST_{name.upper()}_DB")
    if reuse:
        return Path(reuse)
    if name in _FAILED:  # a failed build is not retried by every test that needs it
        raise _FAILED[name]
    if name not in _CACHE:
        work_dir = tmp_path_factory.mktemp(name)
        try:
            _CACHE[name] = builder(work_dir)
        except BaseException as error:
            _FAILED[name] = error
            raise
    return _CACHE[name]


def copy_warehouse(db_path: Path, work_dir: Path) -> Path:
    """A copy of a DuckDB file (with its WAL, if any) in work_dir."""
    work_dir.mkdir(parents=True, exist_ok=True)
    target = work_dir / "attribution.duckdb"
    shutil.copyfile(db_path, target)
    wal = db_path.with_name(db_path.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
    return target


def relations(con, schemas: Iterable[str]) -> list[str]:
    """'schema.name' of every table and view in the given schemas, sorted."""
    schemas = list(schemas)
    placeholders = ", ".join("?" for _ in schemas)
    return [
        f"{s}.{t}"
        for s, t in con.execute(
            f"""select table_schema, table_name from information_schema.tables
            where table_catalog = current_database() and table_schema in ({placeholders})
            order by 1, 2""",
            schemas,
        ).fetchall()
    ]


def columns(con, relation: str) -> list[tuple[str, str]]:
    """(column name, data type) of a relation, in column order."""
    schema, name = relation.split(".")
    return [
        (c, t)
        for c, t in con.execute(
            """select column_name, data_type from information_schema.columns
           where table_catalog = current_database() and table_schema = ? and table_name = ?
           order by ordinal_position""",
            [schema, name],
        ).fetchall()
    ]


FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")


def text_columns(con, relation: str) -> list[str]:
    return [c for c, t in columns(con, relation) if t.upper() == "VARCHAR"]


def float_columns(con, relation: str) -> list[str]:
    return [c for c, t in columns(con, relation) if t.upper() in FLOAT_TYPES]


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def relation_checksum(con, relation: str, skip_floats: bool = False) -> tuple:
    """Order-independent fingerprint of a relation: its columns, row count,
    and the xor and the sum of the hashes of all rows (the sum catches rows
    duplicated an even number of times, which the xor cancels). With
    skip_floats, the hashes cover every column but the float ones."""
    cols = columns(con, relation)
    kept = [c for c, t in cols if not (skip_floats and t.upper() in FLOAT_TYPES)]
    row = f"struct_pack({', '.join(f'{quote(c)} := t.{quote(c)}' for c in kept)})" if kept else "0"
    count, xor, total = con.execute(
        f"select count(*), bit_xor(hash({row})), sum(cast(hash({row}) as hugeint)) from {relation} as t"
    ).fetchone()
    return (tuple(cols), count, xor, total)


def checksums(con, schemas: Iterable[str] = PUBLIC_SCHEMAS, skip_floats: bool = False) -> dict[str, tuple]:
    return {relation: relation_checksum(con, relation, skip_floats) for relation in relations(con, schemas)}


def float_mismatches(
    db_a: Path, db_b: Path, relation: str, tolerance: float, relation_b: str | None = None
) -> tuple[int, int, int]:
    """Pairs the rows of a relation in two databases on all non-float columns
    (rows equal there are paired in the order of their floats) and counts the
    pairs whose floats differ by more than tolerance * max(1, |a|, |b|).
    relation_b names it in db_b when it has another schema there.
    Returns (rows in a, paired rows, mismatched pairs)."""
    relation_b = relation_b or relation
    con = duckdb.connect()
    try:
        con.execute(f"attach '{db_a}' as db_a (read_only)")
        con.execute(f"attach '{db_b}' as db_b (read_only)")
        cols = con.execute(
            """select column_name, data_type from information_schema.columns
               where table_catalog = 'db_a' and table_schema || '.' || table_name = ?
               order by ordinal_position""",
            [relation],
        ).fetchall()
        floats = [quote(c) for c, t in cols if t.upper() in FLOAT_TYPES]
        others = [quote(c) for c, t in cols if t.upper() not in FLOAT_TYPES]
        window = (f"partition by {', '.join(others)} " if others else "") + (
            f"order by {', '.join(floats)}" if floats else ""
        )
        paired_on = " and ".join([f"a.{c} is not distinct from b.{c}" for c in others] + ["a.pair_rank = b.pair_rank"])
        differs = (
            " or ".join(
                f"not (a.{c} is not distinct from b.{c} "
                f"or abs(a.{c} - b.{c}) <= {tolerance} * greatest(1.0, abs(a.{c}), abs(b.{c})))"
                for c in floats
            )
            or "false"
        )
        return con.execute(
            f"""
            with a as (select *, row_number() over ({window}) as pair_rank from db_a.{relation}),
            b as (select *, row_number() over ({window}) as pair_rank from db_b.{relation_b})
            select
                (select count(*) from a),
                count(*),
                count(*) filter (where {differs})
            from a
            inner join b on {paired_on}
            """
        ).fetchone()
    finally:
        con.close()


def public_relation_differences(
    db_a: Path, db_b: Path, tolerance: float = 1e-9, schemas_b: dict[str, str] | None = None
) -> tuple[list[str], list[str]]:
    """Compares every public relation (schemas marts, exports, audit) of two
    warehouses. Non-float columns (text, ids, timestamps, integers, decimals)
    must be identical; float columns may differ by `tolerance` relative
    (DuckDB's parallel float sums are not bit-reproducible). schemas_b maps a
    public schema to its name in db_b when db_b names its schemas otherwise
    (a project that installs the package: {'marts': 'ci_marts', ...}); the
    relations are reported under db_a's names. Returns (differences,
    relations whose floats differ only below the tolerance)."""
    schemas_b = {schema: (schemas_b or {}).get(schema, schema) for schema in PUBLIC_SCHEMAS}
    to_a = {name_b: schema for schema, name_b in schemas_b.items()}

    def renamed(sums: dict[str, tuple]) -> dict[str, tuple]:
        return {f"{to_a[r.split('.')[0]]}.{r.split('.', 1)[1]}": checksum for r, checksum in sums.items()}

    con = connect(db_a)
    before, before_exact = checksums(con, PUBLIC_SCHEMAS, skip_floats=True), checksums(con, PUBLIC_SCHEMAS)
    con.close()
    con = connect(db_b)
    after = renamed(checksums(con, schemas_b.values(), skip_floats=True))
    after_exact = renamed(checksums(con, schemas_b.values()))
    con.close()
    if sorted(after) != sorted(before):
        return [f"the set of public relations differs: {sorted(set(before) ^ set(after))}"], []
    differences = [
        f"{r}: (count, xor, sum) {before[r][1:]} -> {after[r][1:]}" for r in sorted(before) if before[r] != after[r]
    ]
    noise = []
    for relation in sorted(r for r in before if before_exact[r] != after_exact[r] and before[r] == after[r]):
        schema, name = relation.split(".", 1)
        rows, paired, beyond_tolerance = float_mismatches(
            db_a, db_b, relation, tolerance, f"{schemas_b[schema]}.{name}"
        )
        if paired != rows:
            differences.append(f"{relation}: rows could not be paired ({paired} of {rows})")
        elif beyond_tolerance:
            differences.append(f"{relation}: {beyond_tolerance} rows with floats differing by more than {tolerance}")
        else:
            noise.append(relation)
    return differences, noise


def row_counts(con, schemas: Iterable[str] = PUBLIC_SCHEMAS) -> dict[str, int]:
    return {r: con.execute(f"select count(*) from {r}").fetchone()[0] for r in relations(con, schemas)}


def insert_raw_rows(con, table: str, rows: list[dict]) -> None:
    """Append rows (dicts of raw column -> value; absent columns are null) to raw.<table>.
    Values are bound as parameters, so hostile text reaches the table verbatim."""
    if not rows:
        return
    present = [c for c, _ in columns(con, f"raw.{table}")]
    unknown = {k for row in rows for k in row} - set(present)
    assert not unknown, f"raw.{table} has no columns {sorted(unknown)}"
    cols = ", ".join(quote(c) for c in present)
    placeholders = ", ".join("?" for _ in present)
    con.executemany(
        f"insert into raw.{table} ({cols}) values ({placeholders})", [[row.get(c) for c in present] for row in rows]
    )


def create_empty_raw_tables(con, schema: str = "raw") -> None:
    """The raw contract's tables, empty, typed as scripts/raw_contract.py says."""
    con.execute(f"create schema if not exists {schema}")
    for table, cols in RAW_TABLES.items():
        body = ", ".join(f"{quote(c)} {t}" for c, t in cols.items())
        con.execute(f"create or replace table {schema}.{table} ({body})")


# ---------------------------------------------------------------------------
# The hostile dataset: generated demo data plus rows that break every rule of
# the raw contract, and the consent scenario. Expected outcomes are decided by
# hand from docs/raw-contract.md and docs/architecture.md (reasons in
# precedence order: missing_key, missing_utc_offset, unparseable_timestamp,
# implausible_timestamp, invalid_value, bot, invalid_amount, unknown_currency,
# duplicate_event, conflicting_duplicate).
# ---------------------------------------------------------------------------

SITE = "https://www.northwind-outfitters.com"
T0 = "2026-09-15T12:00:00+02:00"  # inside the generated period (2026-08-01 + 90 days)
T0_UTC = _dt.datetime(2026, 9, 15, 10, 0, 0)
NEXT_YEAR = (_dt.datetime.now(_dt.UTC) + _dt.timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")
NEXT_YEAR_DATE = NEXT_YEAR[:10]
YEAR_1900 = "1900-06-01T00:00:00Z"
BIG = "x" * 100_000  # a 100 KB string
BIG_UNICODE = "é😀" * 20_000  # 40,000 characters, 120 KB of UTF-8
SQL_DROP = "'; drop table x; --"
URL_PII_EMAIL = "hx.url.leak@example.org"  # an email typed into a URL (newsletter links do this)
URL_PII_PHONE = "+15550104242"
SQL_OR = "' or 1=1 --"
# Personal data people type into free text and ids (hostile rows of every table): none may leave staging
# in clear text, the scrubbed row stays.
FREE_TEXT_PII = {
    "path_email": "hx.path.leak@example.org",
    "utm_email": "hx.term.leak@example.org",
    "utm_phone": "+1 415 555 0133",
    "utm_ip": "198.51.100.201",
    "user_id_email": " HX.User.Id@Example.org ",
    "user_id_phone": "+1 (415) 555-0142",
    "campaign_email": "grace.hx@example.net",
    "creative_email": "hx.creative@example.net",
    "ad_group_ip": "2001:db8::77",
    "placement_phone": "+44 20 7946 0958",
    "message_phone": "+1 (415) 555-0199",
    "message_user_email": "hx.msg.user@example.org",
    "order_email": "hx.order.owner@example.com",
    "store_phone": "415-555-0123",
    "lead_email": "grace@example.org",
    "lead_phone": "+1 415 555 0177",
    "spend_email": "hx.vip@example.com",
}
SQL_DROP_MART = "x'; drop table marts.fct_conversions; --"
# emoji, Hebrew (RTL), an RTL override, combining accents, CJK, quotes, a backslash; no upper case,
# so that normalization (lower case) leaves it as it is
UNICODE_TEXT = '😀 שלום \u202eevil\u202c e\u0301\u0301 中文 «q» "dq" it\'s back\\slash'
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
)

# Where each table's row marker goes (a column whose value does not change the outcome),
# the staging model, and how its key is computed from the raw row.
MARKER_COLUMN = {
    "web_events": "session_id",
    "ad_clicks": "placement",
    "message_events": "contact_id",
    "crm_contacts": "lifecycle_stage",
    "crm_deals": "contact_id",
    "crm_deal_stage_history": "deal_id",
    "conversions": "store_id",
    "ad_spend": "campaign_name",
    "lift_tests": "method",
}


def canonical_platform(platform: str) -> str:
    """A spend platform as staging keys it: URL-decoded, trimmed, lower case,
    mapped through the utm_source_aliases seed (read here from its CSV)."""
    value = _urlunquote(platform).strip().lower()
    return _source_aliases().get(value, value)


def _source_aliases() -> dict[str, str]:
    if not _SOURCE_ALIASES:
        with open(Path(__file__).resolve().parents[2] / "seeds" / "utm_source_aliases.csv", newline="") as f:
            for row in csv.DictReader(f):
                _SOURCE_ALIASES.setdefault(row["alias"].strip().lower(), row["source"].strip().lower())
    return _SOURCE_ALIASES


_SOURCE_ALIASES: dict[str, str] = {}

STG_RELATION = {
    "web_events": ("staging.stg_web__events", "event_id", lambda r: r["event_id"].strip()),
    "ad_clicks": ("staging.stg_ads__clicks", "click_id", lambda r: r["click_id"].strip()),
    "message_events": ("staging.stg_messaging__events", "message_event_id", lambda r: r["message_event_id"].strip()),
    "crm_contacts": ("staging.stg_crm__contacts", "contact_id", lambda r: r["contact_id"].strip()),
    "crm_deals": ("staging.stg_crm__deals", "deal_id", lambda r: r["deal_id"].strip()),
    "crm_deal_stage_history": (
        "staging.stg_crm__deal_stage_history",
        "deal_stage_id",
        lambda r: r["deal_id"].strip() + "|" + r["stage"].strip().lower(),
    ),
    "conversions": (
        "staging.stg_collectors__conversions",
        "conversion_row_id",
        lambda r: r["conversion_event_id"].strip() + "|" + r["collector"].strip().lower(),
    ),
    "ad_spend": (
        "staging.stg_ads__spend",
        "spend_id",
        lambda r: r["spend_date"].strip() + "|" + canonical_platform(r["platform"]) + "|" + r["campaign_id"].strip(),
    ),
    "lift_tests": ("staging.stg_experiments__lift_tests", "experiment_id", lambda r: r["experiment_id"].strip()),
}


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class HostileRow:
    table: str
    marker: str  # unique text in the row, found again in audit_quarantine.raw_row_json
    row: dict
    expect: str | frozenset  # 'staged', a quarantine reason, or a set of acceptable reasons
    note: str
    checks: dict = field(default_factory=dict)  # staged column -> expected value (hand computed)
    bug: str | None = None  # key of KNOWN_BUGS this row triggers


# Bugs these rows expose that are not fixed yet: a row tagged with one of these keys
# stays out of the shared hostile build (it would fail it) and is exercised by
# test_hostile_input.py::test_known_bug_rows_build, marked xfail(strict). When a bug
# is fixed, delete its key here: its rows join the shared build and the xfail goes away.
# KNOWN_BUG_SELECT: the dbt selection that shows the bug (default: staging and its parents).
KNOWN_BUG_SELECT = {"spend_platform_claims_nan_inf": "+rpt_channel_performance +rpt_platform_claims_vs_reality"}
KNOWN_BUGS: dict[str, str] = {}


def _hostile_rows() -> list[HostileRow]:
    rows: list[HostileRow] = []
    counters: dict[str, int] = {}

    def add(
        table: str,
        defaults,
        expect,
        note: str,
        checks: dict | None = None,
        marker: str | None = None,
        bug: str | None = None,
        **overrides,
    ) -> HostileRow:
        counters[table] = counters.get(table, 0) + 1
        n = counters[table]
        marker = marker or f"hx-{table.replace('_', '')}-{n:03d}~"
        row = defaults(n, marker)
        row.update(overrides)
        item = HostileRow(table, marker, row, expect, note, checks or {}, bug)
        rows.append(item)
        return item

    # --- web_events ----------------------------------------------------------------
    def web(n, marker):
        return {
            "event_id": f"hx-web-{n:03d}",
            "event_type": "page_view",
            "occurred_at": T0,
            "anonymous_id": f"hx-anon-w{n:03d}",
            "session_id": marker,
            "page_url": f"{SITE}/hx",
            "user_agent": CHROME,
            "ip_address": f"203.0.113.{n}",
            "consent_marketing": True,
        }

    add("web_events", web, "missing_key", "null event_id", event_id=None)
    add("web_events", web, "missing_key", "empty event_id", event_id="")
    add("web_events", web, "missing_key", "event_id 'null'", event_id="null")
    add("web_events", web, "missing_key", "event_id ' NULL ' (junk after trim/lower)", event_id=" NULL ")
    add("web_events", web, "missing_key", "event_id 'undefined'", event_id="undefined")
    add(
        "web_events",
        web,
        "staged",
        "event_id '<null>' (the text of a null key's row id) is a key like any",
        event_id="<null>",
    )
    add("web_events", web, "unparseable_timestamp", "text timestamp", occurred_at="not a timestamp")
    add("web_events", web, "unparseable_timestamp", "month 13", occurred_at="2026-13-45T99:99:99Z")
    add("web_events", web, "unparseable_timestamp", "null timestamp", occurred_at=None)
    add("web_events", web, "unparseable_timestamp", "empty timestamp", occurred_at="")
    add("web_events", web, "unparseable_timestamp", "SQL text as timestamp", occurred_at=SQL_DROP)
    add("web_events", web, "implausible_timestamp", "next year", occurred_at=NEXT_YEAR)
    add("web_events", web, "implausible_timestamp", "year 1900", occurred_at=YEAR_1900)
    add(
        "web_events",
        web,
        frozenset({"unparseable_timestamp", "implausible_timestamp"}),
        "'infinity'",
        occurred_at="infinity",
    )
    add("web_events", web, "invalid_value", "null event_type", event_type=None)
    add(
        "web_events",
        web,
        "bot",
        "crawler user agent",
        user_agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    )
    add(
        "web_events",
        web,
        "staged",
        "offset -09:30 is converted to UTC",
        occurred_at="2026-09-15T12:00:00-09:30",
        checks={"occurred_at": _dt.datetime(2026, 9, 15, 21, 30)},
    )
    add("web_events", web, "missing_utc_offset", "no offset is never read as UTC", occurred_at="2026-09-15T12:00:00")
    add(
        "web_events",
        web,
        "staged",
        "100 KB page URL",
        page_url=f"{SITE}/hx?utm_source=google&utm_campaign={BIG}",
        checks={"utm_campaign": BIG, "page_url": f"{SITE}/hx?utm_source=google&utm_campaign={BIG}"},
    )
    add(
        "web_events",
        web,
        "staged",
        "100 KB user agent, referrer and anonymous id",
        user_agent=BIG_UNICODE,
        referrer_url=f"https://example.org/{BIG}",
        anonymous_id="a" + BIG,
        checks={"user_agent": BIG_UNICODE, "anonymous_id": "a" + BIG},
    )
    add(
        "web_events",
        web,
        "staged",
        "SQL-looking UTMs, URL-encoded",
        page_url=f"{SITE}/hx?utm_source={_urlquote(SQL_DROP, safe='')}&utm_medium=cpc"
        f"&utm_campaign={_urlquote(SQL_OR, safe='')}",
        checks={"utm_source": SQL_DROP, "utm_campaign": SQL_OR},
    )
    add(
        "web_events",
        web,
        "staged",
        "unicode UTM, URL-encoded",
        page_url=f"{SITE}/hx?utm_source=newsletter&utm_medium=email&utm_campaign={_urlquote(UNICODE_TEXT, safe='')}",
        checks={"utm_campaign": UNICODE_TEXT},
    )
    add(
        "web_events",
        web,
        "staged",
        "quotes and backslashes in a raw URL",
        page_url=f"{SITE}/hx?utm_source=news'letter&utm_campaign=it's \"q\" back\\slash",
        checks={"utm_campaign": 'it\'s "q" back\\slash'},
    )
    add(
        "web_events",
        web,
        "staged",
        "invalid percent-encoding (truncated UTF-8) in a UTM",
        page_url=f"{SITE}/hx?utm_source=newsletter&utm_campaign=%E2%82&utm_content=%C3%28",
        bug="url_decode_invalid_utf8",
    )
    add(
        "web_events",
        web,
        "staged",
        "SQL text in referrer, email and ip",
        referrer_url=f"https://evil.example/?q={SQL_DROP}",
        email=f"{SQL_OR}@evil.example",
        ip_address=SQL_DROP,
        event_type="identify",
        checks={"ip_hash": sha256_hex(SQL_DROP)},
    )
    add(
        "web_events",
        web,
        "staged",
        "IPv6 address is hashed",
        ip_address=" 2001:db8::ff00:42:8329 ",
        checks={"ip_hash": sha256_hex("2001:db8::ff00:42:8329")},
    )
    add(
        "web_events",
        web,
        "staged",
        "an email and a phone in the query string of the page and the referrer",
        page_url=f"{SITE}/welcome?utm_source=newsletter&utm_medium=email&email={URL_PII_EMAIL.replace('@', '%40')}"
        f"&phone={URL_PII_PHONE}",
        referrer_url=f"https://mail.example/read?from={URL_PII_EMAIL}",
    )
    add(
        "web_events",
        web,
        "staged",
        "unicode email is hashed trimmed and lower-cased",
        email="  Jöhn.Dœ+😀@Exämple.ORG ",
        event_type="identify",
        checks={"email_hash": sha256_hex("jöhn.dœ+😀@exämple.org")},
    )
    # duplicate keys with different content: the earliest valid copy is staged
    add(
        "web_events",
        web,
        "staged",
        "duplicate key, first copy",
        event_id="hx-web-dup-1",
        occurred_at="2026-09-15T10:00:00Z",
        checks={"event_type": "page_view"},
    )
    add(
        "web_events",
        web,
        "duplicate_event",
        "duplicate key, later copy, other content",
        event_id="hx-web-dup-1",
        occurred_at="2026-09-15T11:00:00Z",
        event_type="identify",
        page_url=f"{SITE}/other",
    )
    add(
        "web_events",
        web,
        "unparseable_timestamp",
        "duplicate key, invalid copy",
        event_id="hx-web-dup-2",
        occurred_at="garbage",
    )
    add(
        "web_events",
        web,
        "staged",
        "duplicate key, the only valid copy",
        event_id="hx-web-dup-2",
        occurred_at="2026-09-15T13:00:00Z",
    )
    exact = add("web_events", web, "staged", "exact duplicate, first", event_id="hx-web-dup-3")
    add(
        "web_events",
        web,
        "duplicate_event",
        "exact duplicate, second",
        marker=exact.marker,
        **{k: v for k, v in exact.row.items() if k != "session_id"},
    )

    # --- ad_clicks ------------------------------------------------------------------
    def click(n, marker):
        return {
            "click_id": f"hx-click-{n:03d}",
            "clicked_at": T0,
            "traffic_source": "Google Ads",
            "campaign_id": "hx-campaign",
            "campaign_name": "HX campaign",
            "placement": marker,
            "device_type": "DESKTOP",
            "country": "fr",
            "ip_address": f"198.51.100.{n}",
            "user_agent": CHROME,
            "landing_page_url": f"{SITE}/?gclid=hx-click-{n:03d}",
            "cost": 1.5,
            "currency": "USD",
        }

    add("ad_clicks", click, "missing_key", "null click_id", click_id=None)
    add("ad_clicks", click, "missing_key", "empty click_id", click_id="")
    add("ad_clicks", click, "missing_key", "click_id 'null'", click_id="null")
    add("ad_clicks", click, "unparseable_timestamp", "'yesterday'", clicked_at="yesterday")
    add("ad_clicks", click, "implausible_timestamp", "next year", clicked_at=NEXT_YEAR)
    add("ad_clicks", click, "implausible_timestamp", "year 1900", clicked_at=YEAR_1900)
    # a click with an unusable cost is a real touch: staged with a null cost and the reason in cost_issue
    bad_cost = {"cost": None, "cost_original": None}
    add(
        "ad_clicks", click, "staged", "NaN cost", cost=float("nan"), checks={**bad_cost, "cost_issue": "invalid_amount"}
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "+inf cost",
        cost=float("inf"),
        checks={**bad_cost, "cost_issue": "invalid_amount"},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "-inf cost",
        cost=float("-inf"),
        checks={**bad_cost, "cost_issue": "invalid_amount"},
    )
    add("ad_clicks", click, "staged", "negative cost", cost=-5.0, checks={**bad_cost, "cost_issue": "invalid_amount"})
    add(
        "ad_clicks",
        click,
        "staged",
        "absurd cost (above mta_max_amount)",
        cost=2e9,
        checks={**bad_cost, "cost_issue": "invalid_amount"},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "NaN cost beats unknown currency",
        cost=float("nan"),
        currency="XXX",
        checks={**bad_cost, "cost_issue": "invalid_amount"},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "unknown currency",
        currency="XXX",
        checks={**bad_cost, "cost_issue": "unknown_currency"},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "SQL text as currency",
        currency=SQL_DROP,
        checks={**bad_cost, "cost_issue": "unknown_currency"},
    )
    add("ad_clicks", click, "bot", "bot beats a negative cost", user_agent="curl/8.4.0", cost=-1.0)
    add(
        "ad_clicks",
        click,
        "staged",
        "currency ' eur ' is EUR, converted at the seed rate 1.08",
        currency=" eur ",
        checks={"currency": "EUR", "cost_original": 1.5, "cost": 1.5 * 1.08},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "cost without currency is in the default currency",
        currency=None,
        checks={"currency": "USD", "cost": 1.5},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "SQL-looking campaign name",
        campaign_name=SQL_DROP_MART,
        checks={"campaign_name": SQL_DROP_MART},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "unicode campaign name",
        campaign_name=UNICODE_TEXT,
        checks={"campaign_name": UNICODE_TEXT},
    )
    add("ad_clicks", click, "staged", "100 KB campaign name", campaign_name=BIG, checks={"campaign_name": BIG})
    add(
        "ad_clicks",
        click,
        "staged",
        "SQL-looking traffic source and UTMs",
        traffic_source=SQL_OR,
        landing_page_url=f"{SITE}/?utm_source={_urlquote(SQL_DROP, safe='')}&utm_campaign=%27",
        checks={"traffic_source": SQL_OR, "utm_source": SQL_DROP, "utm_campaign": "'"},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "invalid percent-encoding in the landing page",
        bug="url_decode_invalid_utf8",
        landing_page_url=f"{SITE}/?gclid=hx-click-022&utm_source=google&utm_campaign=%FF%FE",
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "duplicate key, first copy",
        click_id="hx-click-dup",
        clicked_at="2026-09-15T09:00:00Z",
        campaign_name="first copy",
        checks={"campaign_name": "first copy"},
    )
    add(
        "ad_clicks",
        click,
        "duplicate_event",
        "duplicate key, later copy",
        click_id="hx-click-dup",
        clicked_at="2026-09-15T09:30:00Z",
        campaign_name="second copy",
        cost=99.0,
    )

    # --- message_events -------------------------------------------------------------
    def message(n, marker):
        return {
            "message_event_id": f"hx-msg-{n:03d}",
            "channel": "email",
            "event_type": "clicked",
            "occurred_at": T0,
            "campaign_name": "HX newsletter",
            "contact_id": marker,
            "link_url": f"{SITE}/?utm_source=newsletter&utm_medium=email&utm_campaign=hx",
        }

    add("message_events", message, "missing_key", "null id", message_event_id=None)
    add("message_events", message, "missing_key", "empty id", message_event_id="")
    add("message_events", message, "missing_key", "id 'null'", message_event_id="null")
    add("message_events", message, "unparseable_timestamp", "bad timestamp", occurred_at="15/09/2026 12:00")
    add("message_events", message, "implausible_timestamp", "next year", occurred_at=NEXT_YEAR)
    add("message_events", message, "implausible_timestamp", "year 1900", occurred_at=YEAR_1900)
    add("message_events", message, "invalid_value", "unknown channel", channel="carrier pigeon")
    add("message_events", message, "invalid_value", "SQL text as event type", event_type=SQL_DROP)
    add("message_events", message, "staged", "channel ' EMAIL '", channel=" EMAIL ", checks={"channel": "email"})
    add(
        "message_events",
        message,
        "staged",
        "SQL-looking campaign name",
        campaign_name=SQL_DROP,
        checks={"campaign_name": SQL_DROP},
    )
    add(
        "message_events",
        message,
        "staged",
        "SQL-looking and unicode UTMs in the link",
        link_url=f"{SITE}/?utm_source=newsletter&utm_medium=email&utm_campaign={_urlquote(SQL_OR, safe='')}"
        f"&utm_content={_urlquote(UNICODE_TEXT, safe='')}",
        checks={"utm_campaign": SQL_OR, "utm_content": UNICODE_TEXT},
    )
    add(
        "message_events",
        message,
        "staged",
        "100 KB link and campaign",
        link_url=f"{SITE}/?utm_term={BIG}",
        campaign_name=BIG_UNICODE,
        checks={"utm_term": BIG, "campaign_name": BIG_UNICODE},
    )
    add(
        "message_events",
        message,
        "staged",
        "SQL text as phone and email (no valid phone)",
        phone=SQL_DROP,
        email=SQL_OR,
        event_type="sent",
        checks={"phone_hash": None, "email_hash": None},
    )
    add(
        "message_events",
        message,
        "staged",
        "invalid percent-encoding in the link",
        bug="url_decode_invalid_utf8",
        link_url=f"{SITE}/?utm_source=newsletter&utm_medium=email&utm_campaign=%C3%28",
    )
    # E.164 digits, hashed without the plus sign (docs/architecture.md)
    add(
        "message_events",
        message,
        "staged",
        "formatted phone is hashed as E.164 digits",
        phone=" +1 (555) 010-9999 ",
        event_type="delivered",
        checks={"phone_hash": sha256_hex("15550109999")},
    )
    add(
        "message_events",
        message,
        "staged",
        "duplicate key, first copy",
        message_event_id="hx-msg-dup",
        occurred_at="2026-09-15T08:00:00Z",
        checks={"campaign_name": "HX newsletter"},
    )
    add(
        "message_events",
        message,
        "duplicate_event",
        "duplicate key, later copy",
        message_event_id="hx-msg-dup",
        occurred_at="2026-09-15T08:05:00Z",
        campaign_name="other",
        event_type="opened",
    )

    # --- crm_contacts ---------------------------------------------------------------
    def contact(n, marker):
        return {
            "contact_id": f"hx-contact-{n:03d}",
            "created_at": T0,
            "updated_at": "2026-09-16T12:00:00Z",
            "lifecycle_stage": marker,
            "is_deleted": False,
        }

    add("crm_contacts", contact, "missing_key", "null id", contact_id=None)
    add("crm_contacts", contact, "missing_key", "empty id", contact_id="  ")
    add("crm_contacts", contact, "missing_key", "id 'null'", contact_id="null")
    add("crm_contacts", contact, "unparseable_timestamp", "bad created_at", created_at="2026-02-30T00:00:00Z")
    add("crm_contacts", contact, "unparseable_timestamp", "bad updated_at", updated_at="soon")
    add("crm_contacts", contact, "implausible_timestamp", "created in 1900", created_at=YEAR_1900)
    add("crm_contacts", contact, "implausible_timestamp", "updated next year", updated_at=NEXT_YEAR)
    add(
        "crm_contacts",
        contact,
        "staged",
        "SQL-looking lead source",
        lead_source=SQL_DROP,
        checks={"lead_source": SQL_DROP},
    )
    add(
        "crm_contacts",
        contact,
        "staged",
        "unicode lead source",
        lead_source=UNICODE_TEXT,
        checks={"lead_source": UNICODE_TEXT},
    )
    add("crm_contacts", contact, "staged", "100 KB lead source", lead_source=BIG, checks={"lead_source": BIG})
    add(
        "crm_contacts",
        contact,
        "staged",
        "AI assistant named in a free-text lead source",
        lead_source="ChatGPT told me",
        checks={"is_ai_lead_source": True},
    )
    add(
        "crm_contacts",
        contact,
        "staged",
        "merged into itself",
        merged_into_contact_id="hx-contact-{:03d}".format(counters["crm_contacts"] + 1),
        checks={"merged_into_contact_id": None},
    )
    add(
        "crm_contacts",
        contact,
        "staged",
        "duplicate key, first copy",
        contact_id="hx-contact-dup",
        created_at="2026-09-01T00:00:00Z",
        email="first@hx.example",
        checks={"email_hash": sha256_hex("first@hx.example")},
    )
    # same updated_at, other content, no load time: nothing says which is right; the first is kept
    add(
        "crm_contacts",
        contact,
        "conflicting_duplicate",
        "duplicate key, later copy, same version, other content",
        contact_id="hx-contact-dup",
        created_at="2026-09-02T00:00:00Z",
        email="second@hx.example",
    )
    add(
        "crm_contacts",
        contact,
        "duplicate_event",
        "duplicate key, an older version (earlier updated_at)",
        contact_id="hx-contact-dup",
        updated_at="2026-09-10T00:00:00Z",
        email="older@hx.example",
    )

    # --- crm_deals ------------------------------------------------------------------
    def deal(n, marker):
        return {
            "deal_id": f"hx-deal-{n:03d}",
            "contact_id": marker,
            "created_at": T0,
            "stage": "qualified",
            "amount": 1000.0,
            "currency": "USD",
        }

    add("crm_deals", deal, "missing_key", "null id", deal_id=None)
    add("crm_deals", deal, "missing_key", "id 'undefined'", deal_id="undefined")
    add("crm_deals", deal, "unparseable_timestamp", "bad created_at", created_at="last tuesday")
    add("crm_deals", deal, "unparseable_timestamp", "bad closed_at", closed_at="n/a", stage="closed_won")
    add("crm_deals", deal, "implausible_timestamp", "created next year", created_at=NEXT_YEAR)
    add("crm_deals", deal, "implausible_timestamp", "created in 1900", created_at=YEAR_1900)
    add("crm_deals", deal, "invalid_value", "unknown stage", stage="won!!")
    add("crm_deals", deal, "invalid_amount", "NaN amount", amount=float("nan"))
    add("crm_deals", deal, "invalid_amount", "+inf amount", amount=float("inf"))
    add("crm_deals", deal, "invalid_amount", "-inf amount", amount=float("-inf"))
    add("crm_deals", deal, "invalid_amount", "negative amount", amount=-100.0)
    add("crm_deals", deal, "unknown_currency", "unknown currency", currency="BTC")
    add(
        "crm_deals",
        deal,
        "staged",
        "GBP amount converted at the seed rate 1.27",
        currency="gbp",
        checks={"amount": 1000.0 * 1.27, "currency": "GBP"},
    )
    add(
        "crm_deals",
        deal,
        "staged",
        "duplicate key, first copy",
        deal_id="hx-deal-dup",
        created_at="2026-09-01T00:00:00Z",
        amount=10.0,
        checks={"amount": 10.0},
    )
    # same stage and closed_at, other amount, no load time: a conflict; the first is kept
    add(
        "crm_deals",
        deal,
        "conflicting_duplicate",
        "duplicate key, later copy, same stage, other amount",
        deal_id="hx-deal-dup",
        created_at="2026-09-03T00:00:00Z",
        amount=20.0,
    )

    # --- crm_deal_stage_history (the marker is the deal id, or the timestamp when the key is missing) ---
    def stage(n, marker):
        return {"deal_id": marker, "stage": "demo", "entered_at": T0}

    add(
        "crm_deal_stage_history",
        stage,
        "missing_key",
        "null deal id",
        deal_id=None,
        entered_at="hx-crmdealstagehistory-001~",
    )
    add(
        "crm_deal_stage_history",
        stage,
        "missing_key",
        "deal id 'null'",
        deal_id="null",
        entered_at="hx-crmdealstagehistory-002~",
    )
    add("crm_deal_stage_history", stage, "missing_key", "null stage (the null deal id row has a stage)", stage=None)
    add("crm_deal_stage_history", stage, "unparseable_timestamp", "bad timestamp", entered_at="12:00")
    add("crm_deal_stage_history", stage, "implausible_timestamp", "next year", entered_at=NEXT_YEAR)
    add("crm_deal_stage_history", stage, "implausible_timestamp", "year 1900", entered_at=YEAR_1900)
    add("crm_deal_stage_history", stage, "invalid_value", "SQL text as stage", stage=SQL_DROP)
    add("crm_deal_stage_history", stage, "staged", "stage ' DEMO '", stage=" DEMO ", checks={"stage": "demo"})
    dup = add(
        "crm_deal_stage_history",
        stage,
        "staged",
        "duplicate key, first copy",
        entered_at="2026-09-15T09:00:00Z",
        checks={"entered_at": _dt.datetime(2026, 9, 15, 9, 0)},
    )
    add(
        "crm_deal_stage_history",
        stage,
        "duplicate_event",
        "duplicate key, later copy",
        marker=dup.marker,
        deal_id=dup.marker,
        entered_at="2026-09-15T10:00:00Z",
    )

    # --- conversions ----------------------------------------------------------------
    def conversion(n, marker):
        return {
            "conversion_event_id": f"hx-conv-{n:03d}",
            "order_id": f"hx-order-{n:03d}",
            "conversion_type": "purchase",
            "occurred_at": T0,
            "collector": "server",
            "anonymous_id": f"hx-anon-v{n:03d}",
            "revenue": 10.0,
            "currency": "USD",
            "skip_attribution": False,
            "store_id": marker,
        }

    add("conversions", conversion, "missing_key", "null event id", conversion_event_id=None)
    add("conversions", conversion, "missing_key", "empty event id", conversion_event_id="")
    add("conversions", conversion, "missing_key", "event id 'null'", conversion_event_id="null")
    add(
        "conversions",
        conversion,
        "missing_key",
        "null collector (the null event id row has a collector)",
        collector=None,
    )
    add("conversions", conversion, "unparseable_timestamp", "bad timestamp", occurred_at="2026-09-15 noon")
    add("conversions", conversion, "implausible_timestamp", "next year", occurred_at=NEXT_YEAR)
    add("conversions", conversion, "implausible_timestamp", "year 1900", occurred_at=YEAR_1900)
    add("conversions", conversion, "invalid_value", "unknown collector", collector="carrier pigeon")
    add("conversions", conversion, "invalid_value", "null conversion type", conversion_type=None)
    add("conversions", conversion, "invalid_amount", "NaN revenue", revenue=float("nan"))
    add("conversions", conversion, "invalid_amount", "+inf revenue", revenue=float("inf"))
    add("conversions", conversion, "invalid_amount", "-inf revenue", revenue=float("-inf"))
    add("conversions", conversion, "invalid_amount", "negative revenue", revenue=-10.0)
    add("conversions", conversion, "invalid_amount", "absurd revenue", revenue=5e6)
    add("conversions", conversion, "unknown_currency", "unknown currency", currency="ZZZ")
    add("conversions", conversion, "unknown_currency", "SQL text as currency", currency=SQL_OR)
    add(
        "conversions",
        conversion,
        "staged",
        "EUR revenue converted at the seed rate 1.08",
        currency="EUR",
        revenue=100.0,
        checks={"revenue": 108.0, "revenue_original": 100.0},
    )
    add(
        "conversions",
        conversion,
        "staged",
        "SQL-looking order id and unicode email",
        order_id=SQL_DROP,
        email=" Ünï@Exämple.org",
        checks={"order_id": SQL_DROP, "email_hash": sha256_hex("ünï@exämple.org")},
    )
    add(
        "conversions",
        conversion,
        "staged",
        "collector ' SERVER '",
        collector=" SERVER ",
        checks={"collector": "server"},
    )
    add(
        "conversions",
        conversion,
        "staged",
        "duplicate key, first copy",
        conversion_event_id="hx-conv-dup",
        occurred_at="2026-09-15T08:00:00Z",
        revenue=30.0,
        checks={"revenue": 30.0},
    )
    add(
        "conversions",
        conversion,
        "duplicate_event",
        "duplicate key, later copy",
        conversion_event_id="hx-conv-dup",
        occurred_at="2026-09-15T08:00:05Z",
        revenue=31.0,
    )
    add(
        "conversions",
        conversion,
        "staged",
        "same event id from another collector is another staged row",
        conversion_event_id="hx-conv-dup",
        collector="browser",
        occurred_at="2026-09-15T08:00:01Z",
    )

    # --- ad_spend -------------------------------------------------------------------
    def spend(n, marker):
        return {
            "spend_date": "2026-09-15",
            "platform": "Google Ads",
            "campaign_id": f"hx-spend-{n:03d}",
            "campaign_name": marker,
            "impressions": 100,
            "clicks": 5,
            "spend": 10.0,
            "currency": "USD",
            "platform_conversions": 1.0,
            "platform_conversion_value": 20.0,
        }

    add("ad_spend", spend, "missing_key", "null platform", platform=None)
    add("ad_spend", spend, "missing_key", "campaign id 'null'", campaign_id="null")
    add(
        "ad_spend",
        spend,
        frozenset({"missing_key", "unparseable_timestamp"}),
        "null spend date (the null platform row has a date)",
        spend_date=None,
    )
    add("ad_spend", spend, "unparseable_timestamp", "30 February", spend_date="2026-02-30")
    add("ad_spend", spend, "unparseable_timestamp", "day-first date", spend_date="15/09/2026")
    add("ad_spend", spend, "implausible_timestamp", "next year", spend_date=NEXT_YEAR_DATE)
    add("ad_spend", spend, "implausible_timestamp", "year 1900", spend_date="1900-06-01")
    add("ad_spend", spend, "invalid_value", "negative impressions", impressions=-5)
    add("ad_spend", spend, "invalid_amount", "NaN spend", spend=float("nan"))
    add("ad_spend", spend, "invalid_amount", "+inf spend", spend=float("inf"))
    add("ad_spend", spend, "invalid_amount", "-inf spend", spend=float("-inf"))
    add("ad_spend", spend, "invalid_amount", "negative spend", spend=-1.0)
    # a NaN or infinite platform claim may quarantine the row, or be staged as null; never as NaN/inf
    add(
        "ad_spend",
        spend,
        frozenset({"invalid_amount", "staged"}),
        "NaN platform conversion value",
        platform_conversion_value=float("nan"),
        checks={"platform_conversion_value": None},
        bug="spend_platform_claims_nan_inf",
    )
    add(
        "ad_spend",
        spend,
        frozenset({"invalid_amount", "staged"}),
        "+inf platform conversions",
        platform_conversions=float("inf"),
        checks={"platform_conversions": None},
        bug="spend_platform_claims_nan_inf",
    )
    add("ad_spend", spend, "unknown_currency", "unknown currency", currency="XXX")
    add(
        "ad_spend",
        spend,
        "staged",
        "SQL-looking campaign name after the marker",
        campaign_name="hx-adspend-{:03d}~".format(counters["ad_spend"] + 1) + SQL_DROP_MART,
    )
    add(
        "ad_spend",
        spend,
        "staged",
        "100 KB campaign name after the marker",
        campaign_name="hx-adspend-{:03d}~".format(counters["ad_spend"] + 1) + BIG,
    )
    add("ad_spend", spend, "staged", "SQL-looking platform", platform=SQL_OR, checks={"channel": "other"})

    # --- lift_tests -------------------------------------------------------------------
    def lift(n, marker):
        return {
            "experiment_id": f"hx-lift-{n:03d}",
            "channel": "paid_social",
            "start_date": "2026-09-01",
            "end_date": "2026-09-30",
            "method": marker,
            "conversion_type": "purchase",
            "incremental_conversions": 10.0,
            "incremental_conversions_low": 4.0,
            "incremental_conversions_high": 16.0,
            "incremental_revenue": 1000.0,
            "incremental_revenue_low": 400.0,
            "incremental_revenue_high": 1600.0,
            "currency": "EUR",
            "interval_level": 0.9,
        }

    add(
        "lift_tests",
        lift,
        "staged",
        "a good test, channel in any casing, revenue in EUR",
        channel=" Paid_Social ",
        checks={"channel": "paid_social", "incremental_revenue": 1080.0, "incremental_revenue_original": 1000.0},
    )
    add("lift_tests", lift, "missing_key", "null experiment id", experiment_id=None)
    add("lift_tests", lift, "missing_key", "experiment id 'undefined'", experiment_id="undefined")
    add("lift_tests", lift, "invalid_value", "end before start", start_date="2026-09-30", end_date="2026-09-01")
    add(
        "lift_tests",
        lift,
        "invalid_value",
        "interval not containing its estimate",
        incremental_conversions_low=12.0,
        incremental_conversions_high=20.0,
    )
    add(
        "lift_tests",
        lift,
        "invalid_value",
        "revenue interval not containing its estimate",
        incremental_revenue_low=1200.0,
        incremental_revenue_high=1600.0,
    )
    add("lift_tests", lift, "invalid_value", "unknown channel", channel="connected_tv")
    add("lift_tests", lift, "invalid_value", "unicode channel", channel=UNICODE_TEXT)
    add("lift_tests", lift, "invalid_value", "NaN estimate", incremental_conversions=float("nan"))
    add("lift_tests", lift, "invalid_value", "+inf interval end", incremental_conversions_high=float("inf"))
    add("lift_tests", lift, "invalid_value", "interval level in percent", interval_level=90.0)
    add("lift_tests", lift, "invalid_value", "a refund is not an attributable type", conversion_type="refund")
    add("lift_tests", lift, "unparseable_timestamp", "a date with a time", start_date="2026-09-01T00:00:00Z")
    add("lift_tests", lift, "unparseable_timestamp", "30 February", end_date="2026-02-30")
    add("lift_tests", lift, "implausible_timestamp", "year 1900", start_date="1900-06-01")
    add("lift_tests", lift, "implausible_timestamp", "next year", end_date=NEXT_YEAR_DATE)
    add("lift_tests", lift, "unknown_currency", "unknown currency", currency="XXX")
    add(
        "lift_tests",
        lift,
        "staged",
        "a negative lift is a result",
        incremental_conversions=-3.0,
        incremental_conversions_low=-9.0,
        incremental_conversions_high=3.0,
        checks={"incremental_conversions": -3.0},
    )
    add(
        "lift_tests", lift, "staged", "SQL-looking campaign", campaign=SQL_DROP_MART, checks={"campaign": SQL_DROP_MART}
    )
    add("lift_tests", lift, "staged", "100 KB campaign", campaign=BIG)
    first = add("lift_tests", lift, "staged", "duplicate key, first copy", experiment_id="hx-lift-dup")
    add(
        "lift_tests",
        lift,
        "duplicate_event",
        "duplicate key, same figures",
        experiment_id="hx-lift-dup",
        marker=first.marker,
    )

    # --- personal data typed into free text and ids (FREE_TEXT_PII): staged, scrubbed or hashed ---------
    add(
        "web_events",
        web,
        "staged",
        "an email in utm_term and the URL path, a phone in utm_campaign, an IP in utm_content, an email as user_id",
        page_url=f"{SITE}/u/{FREE_TEXT_PII['path_email']}?utm_source=newsletter&utm_medium=email"
        f"&utm_campaign={_urlquote('call ' + FREE_TEXT_PII['utm_phone'], safe='')}"
        f"&utm_term={_urlquote(FREE_TEXT_PII['utm_email'], safe='')}&utm_content=from%20{FREE_TEXT_PII['utm_ip']}",
        user_id=FREE_TEXT_PII["user_id_email"],
        checks={
            "utm_term": "[email]",
            "utm_campaign": "call [phone]",
            "utm_content": "from [ip]",
            "user_id": sha256_hex(FREE_TEXT_PII["user_id_email"].strip().lower()),
        },
    )
    add(
        "web_events",
        web,
        "staged",
        "a phone number as user_id",
        user_id=FREE_TEXT_PII["user_id_phone"],
        checks={"user_id": sha256_hex("14155550142")},
    )
    add(
        "ad_clicks",
        click,
        "staged",
        "an email in the campaign name and creative id, a phone in the placement "
        "(after the marker), an IP in the ad group name",
        campaign_name=f"Retarget {FREE_TEXT_PII['campaign_email']} list",
        creative_id=f"cr-{FREE_TEXT_PII['creative_email']}",
        ad_group_name=f"test {FREE_TEXT_PII['ad_group_ip']}",
        placement="hx-adclicks-{:03d}~ call {}".format(counters["ad_clicks"] + 1, FREE_TEXT_PII["placement_phone"]),
        checks={
            "campaign_name": "Retarget [email] list",
            "ad_group_name": "test [ip]",
            "placement": "hx-adclicks-{:03d}~ call [phone]".format(counters["ad_clicks"] + 1),
            "creative_id": sha256_hex(f"cr-{FREE_TEXT_PII['creative_email']}"),
        },
    )
    add(
        "message_events",
        message,
        "staged",
        "a phone in the campaign name, an email as user_id",
        campaign_name=f"Winback {FREE_TEXT_PII['message_phone']}",
        user_id=FREE_TEXT_PII["message_user_email"],
        checks={"campaign_name": "Winback [phone]"},
    )
    add(
        "conversions",
        conversion,
        "staged",
        "an email as order id, a phone in the store id (after the marker)",
        order_id=FREE_TEXT_PII["order_email"],
        store_id="hx-conversions-{:03d}~ {}".format(counters["conversions"] + 1, FREE_TEXT_PII["store_phone"]),
        checks={
            "order_id": sha256_hex(FREE_TEXT_PII["order_email"]),
            "store_id": "hx-conversions-{:03d}~ [phone]".format(counters["conversions"] + 1),
        },
    )
    add(
        "crm_contacts",
        contact,
        "staged",
        "an email and a phone in the self-reported lead source",
        lead_source=f"Newsletter from {FREE_TEXT_PII['lead_email']}, call {FREE_TEXT_PII['lead_phone']}",
        checks={"lead_source": "Newsletter from [email], call [phone]"},
    )
    add(
        "ad_spend",
        spend,
        "staged",
        "an email in the campaign name (after the marker)",
        campaign_name="hx-adspend-{:03d}~ lookalike of {}".format(
            counters["ad_spend"] + 1, FREE_TEXT_PII["spend_email"]
        ),
        checks={"campaign_name": "hx-adspend-{:03d}~ lookalike of [email]".format(counters["ad_spend"] + 1)},
    )
    return rows


ALL_HOSTILE_ROWS = _hostile_rows()
# the rows of the shared hostile build: all but those of known, unfixed bugs
HOSTILE_ROWS = [item for item in ALL_HOSTILE_ROWS if item.bug not in KNOWN_BUGS]

# Consent scenario (attribution-semantics.md, Identity; raw-contract.md, web_events):
# a consent_marketing = false row names identifiers of two otherwise separate
# people; the same rows with consent null or true are the controls that do link.
CONSENT_EMAILS = {n: f"hx.consent.{n}@example.org" for n in range(1, 9)}


def consent_rows() -> dict[str, list[dict]]:
    def page_view(event_id, anonymous_id, at, consent, **extra):
        row = {
            "event_id": event_id,
            "event_type": "page_view",
            "occurred_at": at,
            "anonymous_id": anonymous_id,
            "page_url": f"{SITE}/consent",
            "user_agent": CHROME,
            "consent_marketing": consent,
        }
        row.update(extra)
        return row

    web, contacts, clicks, conversions = [], [], [], []
    # Linking: person A is a cookie, person B a CRM contact with an email; an identify
    # event carries both. Refused (false) must not link; null and true controls link.
    for pair, consent in ((1, False), (5, None), (7, True)):
        web.append(page_view(f"hx-cs-web-{pair}a", f"hx-cs-anon-{pair}", "2026-09-10T10:00:00Z", True))
        contacts.append(
            {
                "contact_id": f"hx-cs-contact-{pair}",
                "email": CONSENT_EMAILS[pair],
                "created_at": "2026-09-01T00:00:00Z",
                "lifecycle_stage": "lead",
                "is_deleted": False,
            }
        )
        web.append(
            page_view(
                f"hx-cs-web-{pair}b",
                f"hx-cs-anon-{pair}",
                "2026-09-10T10:05:00Z",
                consent,
                event_type="identify",
                email=CONSENT_EMAILS[pair],
            )
        )
    # Exports: a Google click lands, then a purchase by the same cookie with an email.
    # Person 3 refused consent on the landing event; person 4 did not (control).
    for person, consent in ((3, False), (4, True)):
        gclid = f"hx-cs-gclid-{person}"
        clicks.append(
            {
                "click_id": gclid,
                "clicked_at": "2026-09-12T09:59:50Z",
                "traffic_source": "Google Ads",
                "campaign_id": "hx-cs-campaign",
                "campaign_name": "HX consent",
                "landing_page_url": f"{SITE}/?gclid={gclid}",
                "user_agent": CHROME,
                "cost": 1.0,
                "currency": "USD",
            }
        )
        web.append(
            page_view(
                f"hx-cs-web-{person}",
                f"hx-cs-anon-{person}",
                "2026-09-12T10:00:00Z",
                consent,
                page_url=f"{SITE}/?gclid={gclid}&utm_source=google&utm_medium=cpc",
            )
        )
        conversions.append(
            {
                "conversion_event_id": f"hx-cs-conv-{person}",
                "order_id": f"hx-cs-order-{person}",
                "conversion_type": "purchase",
                "occurred_at": "2026-09-12T11:00:00Z",
                "collector": "server",
                "anonymous_id": f"hx-cs-anon-{person}",
                "email": CONSENT_EMAILS[person],
                "revenue": 50.0,
                "currency": "USD",
                "skip_attribution": False,
            }
        )
    return {"web_events": web, "crm_contacts": contacts, "ad_clicks": clicks, "conversions": conversions}


def inject_hostile(con, items: list[HostileRow] | None = None) -> None:
    """Add the hostile rows, the consent scenario and an extra raw column (allowed by the contract)."""
    by_table: dict[str, list[dict]] = {}
    for item in HOSTILE_ROWS if items is None else items:
        by_table.setdefault(item.table, []).append(item.row)
    for table, rows in consent_rows().items():
        by_table.setdefault(table, []).extend(rows)
    assert items is not None or set(by_table) == set(RAW_TABLES), "every raw table gets hostile rows"
    for table, rows in by_table.items():
        insert_raw_rows(con, table, rows)
    con.execute("alter table raw.web_events add column hx_extra_column varchar default 'extra'")


def build_hostile(work_dir: Path) -> Path:
    """Generated demo data plus the hostile rows, built with `dbt build` (which must succeed)."""
    db_path = work_dir / "attribution.duckdb"
    generate(db_path, TRUST_SCALE, TRUST_SEED)
    con = connect(db_path, read_only=False)
    inject_hostile(con)
    con.close()
    run_dbt(BUILD_ARGS, db_path, work_dir)
    return db_path


def hostile_warehouse(tmp_path_factory) -> Path:
    return session_warehouse("hostile", tmp_path_factory, build_hostile)
