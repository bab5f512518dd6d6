"""No clear-text PII downstream of staging.

Scans every text column of every relation in the schemas intermediate, marts,
exports and audit (audit_quarantine included: its raw row JSON hashes email,
phone and IP fields and scrubs free text) of the hostile warehouse (demo
data plus the hostile rows, which carry unicode emails, a formatted phone and
an IPv6 address, and personal data typed into every free-text field and into
user_id, order_id and creative_id: warehouse_tools.FREE_TEXT_PII):

- patterns: e-mail addresses, E.164 phone numbers, IPv4 and IPv6 addresses
  (candidates found with a broad SQL regex, confirmed in Python: e-mail regex,
  `ipaddress` for IPs, so version strings such as `Chrome/130.0.0.0` are not
  taken for addresses);
- the raw values themselves: every email, phone and IP address of the raw
  tables, compared with whole column values (as typed, trimmed, lower case)
  and, for phones, with the digits of every phone-like span of text.

One hostile web event carries an email and a phone in its URL query string
(URL_PII_EMAIL, URL_PII_PHONE). Staging hands on only the marketing query
parameters of a URL, so neither may appear past staging: the general scans
and test_pii_typed_into_urls_is_not_carried_downstream check it.
"""

from __future__ import annotations

import ipaddress
import re

import pytest

from warehouse_tools import (
    FREE_TEXT_PII,
    PII_ALLOWED_RELATIONS,
    POST_STAGING_SCHEMAS,
    URL_PII_EMAIL,
    URL_PII_PHONE,
    connect,
    hostile_warehouse,
    quote,
    relations,
    text_columns,
)

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
}
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
E164 = re.compile(r"(?<![0-9A-Za-z])\+[1-9][0-9]{6,14}(?![0-9])")
IPV4 = re.compile(r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9.])")
IPV6 = re.compile(r"(?<![0-9A-Za-z:.])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?![0-9A-Za-z:])")
# broad SQL prefilter (RE2): anything that might hold one of the above
CANDIDATE_SQL = r"@|\+[0-9]{7}|[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:"
PHONE_SPAN_SQL = r"[+(]?[0-9][0-9 ().-]{5,20}[0-9]"


def pii_patterns(value: str) -> list[str]:
    found = [m.group(0) for m in EMAIL.finditer(value)]
    found += [m.group(0) for m in E164.finditer(value)]
    for m in IPV4.finditer(value):
        start = m.start()
        # `Chrome/130.0.0.0`: a product version after a slash is not an address, `//10.0.0.1` is
        if start > 0 and value[start - 1] == "/" and value[max(0, start - 2) : start] != "//":
            continue
        try:
            ipaddress.IPv4Address(m.group(0))
            found.append(m.group(0))
        except ValueError:
            pass
    for m in IPV6.finditer(value):
        try:
            ipaddress.IPv6Address(m.group(0))
            found.append(m.group(0))
        except ValueError:
            pass
    return found


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = connect(hostile_warehouse(tmp_path_factory))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def scanned(con) -> list[tuple[str, str]]:
    """(relation, text column) pairs to scan."""
    pairs = [
        (relation, column)
        for relation in relations(con, POST_STAGING_SCHEMAS)
        if relation not in PII_ALLOWED_RELATIONS
        for column in text_columns(con, relation)
    ]
    assert len({r for r, _ in pairs}) > 40, "the warehouse should have many relations downstream of staging"
    return pairs


@pytest.fixture(scope="module")
def raw_pii(con) -> dict[str, list[str]]:
    def values(sql: str) -> set[str]:
        return {v.strip() for (v,) in con.execute(sql).fetchall() if v and v.strip().lower() not in JUNK}

    def is_ip(text: str) -> bool:
        try:
            ipaddress.ip_address(text)
            return True
        except ValueError:
            return False

    # what is PII-shaped: an email has an @, a phone 7+ digits, an IP parses (the hostile rows also put
    # SQL text into these columns, which is no one's PII)
    emails = {
        v
        for v in values("""select email from raw.web_events union select email from raw.message_events
                                   union select email from raw.crm_contacts union select email from raw.conversions""")
        if "@" in v
    }
    phones = {
        v
        for v in values("""select phone from raw.message_events union select phone from raw.crm_contacts
                                   union select phone from raw.conversions""")
        if len(re.sub(r"[^0-9]", "", v)) >= 7
    }
    ips = {
        v
        for v in values("select ip_address from raw.web_events union select ip_address from raw.ad_clicks")
        if is_ip(v)
    }
    phone_digits = set()
    for phone in phones:
        digits = re.sub(r"[^0-9]", "", phone)
        if phone.startswith("00"):
            digits = digits[2:]
        if len(digits) >= 7:
            phone_digits.add(digits)
    whole = {v for v in emails | phones | ips if len(v) >= 5} | {e.lower() for e in emails}
    whole |= {"+" + d for d in phone_digits}
    assert len(emails) > 50 and len(phones) > 20 and len(ips) > 50, "the demo data should carry PII to look for"
    return {"whole": sorted(whole), "phone_digits": sorted(phone_digits), "ips": sorted(ips)}


def test_no_pii_pattern_in_any_text_column(con, scanned):
    leaks = []
    for relation, column in scanned:
        col = quote(column)
        candidates = con.execute(
            f"select distinct {col} from {relation} where {col} is not null and regexp_matches({col}, ?)",
            [CANDIDATE_SQL],
        ).fetchall()
        for (value,) in candidates:
            found = pii_patterns(value)
            if found:
                leaks.append((relation, column, found[:3], value[:120]))
    assert not leaks, "\n".join(map(str, leaks[:30]))


def test_no_raw_pii_value_in_any_text_column(con, scanned, raw_pii):
    """Whole values equal to a raw email/phone/IP (as typed, trimmed or lower case), and phone-like spans whose
    digits are a raw phone's digits."""
    leaks = []
    for relation, column in scanned:
        col = quote(column)
        hits = con.execute(
            f"""
            with raw_values as (select unnest(cast(? as varchar[])) as value),
            phone_digits as (select unnest(cast(? as varchar[])) as digits),
            column_values as (select distinct {col} as v from {relation} where {col} is not null),
            spans as (
                select column_values.v, regexp_replace(span.s, '[^0-9]', '', 'g') as digits
                from column_values, unnest(regexp_extract_all(column_values.v, ?)) as span(s)
            )
            select 'value' as kind, column_values.v
            from column_values
            inner join raw_values
                on raw_values.value in (column_values.v, trim(column_values.v), lower(trim(column_values.v)))
            union all
            select 'phone digits' as kind, spans.v
            from spans
            inner join phone_digits
                on spans.digits = phone_digits.digits
            """,
            [raw_pii["whole"], raw_pii["phone_digits"], PHONE_SPAN_SQL],
        ).fetchall()
        leaks += [(relation, column, kind, v[:120]) for kind, v in hits]
    assert not leaks, "\n".join(map(str, leaks[:30]))


def test_hostile_pii_is_hashed_not_dropped(con):
    """Control for the scans above: the hostile rows' PII is in the warehouse, as hashes (so the scans looked at
    relations where PII would have been)."""
    import hashlib

    def sha(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    identifiers = {
        v
        for (v,) in con.execute(
            "select identifier_value from intermediate.int_identifiers_resolved where identifier_type in ('email', 'phone')"
        ).fetchall()
    }
    assert sha("jöhn.dœ+😀@exämple.org") in identifiers
    assert sha("15550109999") in identifiers


def test_pii_typed_into_urls_and_free_text_is_not_carried_downstream(con, scanned):
    """Every planted value, as typed, URL-encoded or as its digits, is nowhere past staging."""
    planted = [URL_PII_EMAIL, URL_PII_PHONE] + [v.strip() for v in FREE_TEXT_PII.values()]
    needles = sorted(
        {v for v in planted}
        | {v.lower() for v in planted}
        | {re.sub(r"[^0-9]", "", v) for v in planted if len(re.sub(r"[^0-9]", "", v)) >= 10}
    )
    hits = []
    for relation, column in scanned:
        col = quote(column)
        n = con.execute(
            f"""select count(*) from {relation}
                where list_has_any([replace({col}, '%40', '@'), regexp_replace({col}, '[^0-9]', '', 'g')], ?)
                   or len(list_filter(?, lambda needle: contains(replace({col}, '%40', '@'), needle))) > 0""",
            [needles, needles],
        ).fetchone()[0]
        if n:
            hits.append((relation, column, n))
    assert not hits, hits


def test_free_text_pii_rows_are_kept_scrubbed(con):
    """Control for the scans above: the rows that carried personal data are in the marts, scrubbed."""
    assert (
        con.execute("select count(*) from marts.fct_touchpoints where campaign = 'Retarget [email] list'").fetchone()[0]
        == 1
    )
    assert (
        con.execute(
            "select count(*) from marts.dim_contacts where lead_source = 'Newsletter from [email], call [phone]'"
        ).fetchone()[0]
        == 1
    )
