"""Staging against the generator's ground truth.

Checks, on the shared built warehouse (fixture `db`):
- raw = staged + quarantined per table, with raw counted here from raw.* itself;
- every planted dirty row of truth.dirty_rows got the treatment the truth says:
  by (table, row_key) where the key exists, by counts per table x reason where
  the key itself is missing, and quarantine totals per table x reason equal
  the planted ones (nothing quarantined that was not planted);
- PII leaves staging only hashed (hashes recomputed here with hashlib from the
  raw values), junk identifiers are null, timestamps are UTC (re-parsed here
  with Python's datetime), UTM dirt is normalized to the canonical vocabulary.

Expected values come from the truth tables and from independent Python code,
never from the models under test.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from raw_contract import RAW_TABLES  # noqa: E402
from warehouse_tools import canonical_platform  # noqa: E402

STG_MODELS = {
    "web_events": "staging.stg_web__events",
    "ad_clicks": "staging.stg_ads__clicks",
    "ad_spend": "staging.stg_ads__spend",
    "message_events": "staging.stg_messaging__events",
    "crm_contacts": "staging.stg_crm__contacts",
    "crm_deals": "staging.stg_crm__deals",
    "crm_deal_stage_history": "staging.stg_crm__deal_stage_history",
    "conversions": "staging.stg_collectors__conversions",
    "lift_tests": "staging.stg_experiments__lift_tests",
}
# The staged key of a raw row key (raw text parts, trimmed; stage and collector lower case).
STG_KEYS = {
    "web_events": ("event_id", lambda k: k.strip()),
    "ad_clicks": ("click_id", lambda k: k.strip()),
    "message_events": ("message_event_id", lambda k: k.strip()),
    "crm_contacts": ("contact_id", lambda k: k.strip()),
    "crm_deals": ("deal_id", lambda k: k.strip()),
    "crm_deal_stage_history": (
        "deal_stage_id",
        lambda k: "|".join([k.split("|")[0].strip(), k.split("|")[1].strip().lower()]),
    ),
    "conversions": (
        "conversion_row_id",
        lambda k: "|".join([k.rsplit("|", 1)[0].strip(), k.rsplit("|", 1)[1].strip().lower()]),
    ),
    "ad_spend": (
        "spend_id",
        lambda k: "|".join([k.split("|")[0].strip(), canonical_platform(k.split("|")[1]), k.split("|")[2].strip()]),
    ),
    "lift_tests": ("experiment_id", lambda k: k.strip()),
}
REASONS = {
    "missing_key",
    "missing_utc_offset",
    "unparseable_timestamp",
    "implausible_timestamp",
    "duplicate_event",
    "conflicting_duplicate",
    "bot",
    "invalid_amount",
    "unknown_currency",
    "invalid_value",
}
JUNK = {
    "",
    "null",
    "none",
    "nil",
    "undefined",
    "0",
    "-1",
    "nan",
    "n/a",
    "na",
    "unknown",
    "(not set)",
    "anonymous",
    "test",
    "test@test.com",
    "test@example.com",
    "noreply@example.com",
    "a@a.com",
    "user@example.com",
}
CHANNELS = {
    "paid_search",
    "paid_social",
    "display",
    "native",
    "affiliate",
    "video",
    "email",
    "sms",
    "whatsapp",
    "web_push",
    "organic_search",
    "organic_social",
    "ai_search",
    "referral",
    "direct",
    "other",
}


def rows(db, sql: str) -> list[tuple]:
    return db.execute(sql).fetchall()


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def dirty(db) -> list[tuple]:
    result = rows(db, "select table_name, row_key, dirt_kind, expected_outcome, expected_reason from truth.dirty_rows")
    assert result, "truth.dirty_rows is empty: the demo data must contain planted dirt"
    return result


@pytest.fixture(scope="module")
def quarantine(db) -> list[tuple]:
    return rows(db, "select table_name, row_key, reason from audit.audit_quarantine")


@pytest.mark.parametrize("table", sorted(RAW_TABLES))
def test_raw_rows_reconcile(db, table):
    raw = rows(db, f"select count(*) from raw.{table}")[0][0]
    staged = rows(db, f"select count(*) from {STG_MODELS[table]}")[0][0]
    quarantined = rows(db, f"select count(*) from audit.audit_quarantine where table_name = '{table}'")[0][0]
    assert raw == staged + quarantined, (table, raw, staged, quarantined)
    recon = rows(
        db,
        f"""select raw_rows, staged_rows, quarantined_rows, is_reconciled
                         from audit.audit_raw_reconciliation where table_name = '{table}'""",
    )
    assert recon == [(raw, staged, quarantined, True)]
    print(f"{table:24s} raw={raw:7d} staged={staged:7d} quarantined={quarantined:5d}")


def test_quarantine_reasons_are_known(quarantine):
    assert {reason for _, _, reason in quarantine} <= REASONS


def test_planted_quarantined_rows_by_key(dirty, quarantine):
    """Every planted bad row with a key is in audit_quarantine under that key, with the expected reason."""
    got = Counter((t, k, r) for t, k, r in quarantine if k is not None)
    want = Counter((t, k, r) for t, k, _, outcome, r in dirty if outcome == "quarantined" and k is not None)
    missing = {key: n for key, n in want.items() if got[key] < n}
    assert not missing, f"{len(missing)} planted rows not quarantined as expected, e.g. {list(missing.items())[:10]}"


def test_planted_missing_key_rows_by_count(dirty, quarantine):
    """Rows whose key itself is missing are matched by counts per table x reason."""
    want = Counter((t, r) for t, k, _, outcome, r in dirty if outcome == "quarantined" and k is None)
    got = Counter((t, r) for t, _, r in quarantine if r == "missing_key")
    for (table, reason), n in want.items():
        assert got[(table, reason)] == n, (table, reason, got[(table, reason)], n)


def test_quarantine_totals_equal_planted(dirty, quarantine):
    """Nothing is quarantined that was not planted, and nothing planted is missed (per table x reason)."""
    want = Counter((t, r) for t, _, _, outcome, r in dirty if outcome == "quarantined")
    got = Counter((t, r) for t, _, r in quarantine)
    assert got == want, {k: (got[k], want[k]) for k in set(got) | set(want) if got[k] != want[k]}


def test_planted_staged_rows_are_staged(db, dirty):
    """Dirt the warehouse must repair (UTM spelling, casing, junk ids, copies that are not duplicates) is staged."""
    by_table: dict[str, set[str]] = {}
    for table, key, _, outcome, _ in dirty:
        if outcome == "staged":
            by_table.setdefault(table, set()).add(key)
    assert by_table
    for table, keys in by_table.items():
        column, to_stg = STG_KEYS[table]
        staged = {k for (k,) in rows(db, f"select {column} from {STG_MODELS[table]}")}
        absent = [k for k in keys if to_stg(k) not in staged]
        assert not absent, f"{table}: {len(absent)} planted rows to stage are not staged, e.g. {absent[:5]}"


def test_email_hashes_match_independent_normalization(db):
    """email_hash = sha256(trim(lower(email))) for every staged web event, recomputed from the raw rows."""
    raw = rows(
        db,
        """
        select w.event_id, r.email, w.email_hash
        from staging.stg_web__events as w
        inner join raw.web_events as r on r.event_id = w.event_id
    """,
    )
    by_event: dict[str, set[str | None]] = {}
    for event_id, email, _ in raw:
        e = email.strip().lower() if email is not None else None
        ok = e is not None and e not in JUNK and re.fullmatch(r"[^@ ]+@[^@ ]+", e)
        by_event.setdefault(event_id, set()).add(sha(e) if ok else None)
    checked = 0
    for event_id, _, email_hash in raw:
        assert email_hash in by_event[event_id], event_id
        checked += email_hash is not None
    assert checked > 0


def test_phone_hashes_match_independent_normalization(db):
    """phone_hash = sha256(E.164 digits without '+') (00 prefix dropped) for staged message events, recomputed from raw."""
    raw = rows(
        db,
        """
        select m.message_event_id, r.phone, m.phone_hash
        from staging.stg_messaging__events as m
        inner join raw.message_events as r on r.message_event_id = m.message_event_id
        where r.phone is not null
    """,
    )
    assert raw
    for event_id, phone, phone_hash in raw:
        digits = re.sub(r"[^0-9]", "", phone)
        if phone.strip().startswith("00"):
            digits = digits[2:]
        expected = sha(digits) if 7 <= len(digits) <= 15 and phone.strip().lower() not in JUNK else None
        assert phone_hash == expected, (event_id, phone)


def test_no_clear_pii_after_staging(db):
    for model in STG_MODELS.values():
        schema, name = model.split(".")
        cols = {
            c
            for (c,) in rows(
                db,
                f"""select column_name from information_schema.columns
                                           where table_schema = '{schema}' and table_name = '{name}'""",
            )
        }
        assert not cols & {"email", "phone", "ip_address"}, model
        for col in cols & {"email_hash", "phone_hash", "ip_hash"}:
            bad = rows(
                db,
                f"select count(*) from {model} where {col} is not null and not regexp_full_match({col}, '[0-9a-f]{{64}}')",
            )
            assert bad[0][0] == 0, (model, col)


def test_junk_identifiers_are_null(db):
    checks = {
        "staging.stg_web__events": ["event_id", "anonymous_id", "user_id", "session_id"],
        "staging.stg_collectors__conversions": [
            "conversion_event_id",
            "anonymous_id",
            "user_id",
            "click_id",
            "order_id",
        ],
        "staging.stg_messaging__events": ["message_event_id", "contact_id", "user_id"],
        "staging.stg_crm__contacts": ["contact_id", "anonymous_id", "gclid", "merged_into_contact_id"],
    }
    for model, cols in checks.items():
        for col in cols:
            values = {v for (v,) in rows(db, f"select distinct {col} from {model} where {col} is not null")}
            junk = {v for v in values if v.strip().lower() in JUNK}
            assert not junk, (model, col, junk)


def parse_utc(text: str) -> datetime | None:
    """Independent parser: ISO-8601 with offset or Z -> naive UTC (no offset = UTC)."""
    try:
        dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).replace(tzinfo=None)


def test_timestamps_are_utc(db):
    """Every staged web event's occurred_at is the UTC value of one of the raw texts of its event_id."""
    raw = rows(
        db,
        """
        select w.event_id, r.occurred_at, w.occurred_at
        from staging.stg_web__events as w
        inner join raw.web_events as r on r.event_id = w.event_id
    """,
    )
    assert raw
    candidates: dict[str, set] = {}
    for event_id, text, _ in raw:
        candidates.setdefault(event_id, set()).add(parse_utc(text))
    offsets = Counter(text.strip()[-6:] if text.strip()[-6] in "+-" else text.strip()[-1] for _, text, _ in raw)
    assert len(offsets) > 1, "the demo data should carry several UTC offsets"
    for event_id, _, parsed in raw:
        assert parsed in candidates[event_id], event_id


def test_utm_dirt_is_normalized(db, dirty):
    """Web events whose UTMs were planted with bad casing, spaces, encoding or aliases come out canonical."""
    keys = {k for t, k, kind, _, _ in dirty if t == "web_events" and kind.startswith("utm_")}
    assert keys
    aliases = {a for (a,) in rows(db, "select alias from reference.utm_source_aliases")}
    medium_aliases = {a for (a,) in rows(db, "select alias from reference.utm_medium_aliases")}
    result = [
        r
        for r in rows(db, "select event_id, utm_source, utm_medium, channel from staging.stg_web__events")
        if r[0] in keys
    ]
    assert len(result) == len(keys)
    for event_id, source, medium, channel in result:
        for value in (source, medium):
            if value is not None:
                assert value == value.strip().lower() and "%" not in value and "+" not in value, (event_id, value)
        assert source not in aliases, (event_id, source)
        assert medium not in medium_aliases, (event_id, medium)
        assert channel in CHANNELS - {"other", "direct"}, (event_id, source, medium, channel)


def test_missing_referrer_rows_are_direct(db, dirty):
    keys = [k for t, k, kind, _, _ in dirty if t == "web_events" and kind == "missing_referrer"]
    if not keys:
        pytest.skip("no missing_referrer dirt in this dataset")
    placeholders = ", ".join("?" for _ in keys)
    channels = Counter(
        c
        for (c,) in db.execute(
            f"select channel from staging.stg_web__events where event_id in ({placeholders})", keys
        ).fetchall()
    )
    assert channels == Counter({"direct": len(keys)}), channels
