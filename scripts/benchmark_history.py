#!/usr/bin/env python3
"""A synthetic raw history for the benchmark, written entirely in DuckDB SQL.

Usage:
    python scripts/benchmark_history.py --db bench.duckdb --events 10000000 [--days 90] [--seed 42]
    python scripts/benchmark_history.py --db bench.duckdb --append-batch [--batch-events N] [--batch-minutes 15]

The demo generator (scripts/generate_data.py) simulates a causal model in
Python and needs 18 minutes and 6 GB for ten million web events. This module
only needs rows that look like the real thing and exercise every model, so it
draws them with `range()` and `hash()` inside DuckDB (deterministic for a
seed) and streams them into the raw tables: ten million events take a few
minutes on two cores in about a gigabyte (measured:
about 130 s and 1.1 GB peak, on a shared machine).

Sizes, per 10M web events: 1M people, ~2.5M sessions, 2.4M ad clicks (the
landed clicks of paid sessions, plus clicks whose landing never loaded),
~120k conversion rows (browser, server copies sharing the event id, refunds,
offline store), message events of the email and SMS sessions, ~100k CRM
contacts with deals and stage history, and daily spend per campaign from the
clicks. Identifiers link: clicks carry the click id of their landing URL,
server conversions carry only a user id, email or phone that the person's
web events (identify, login) or CRM contact also carry.

Every value follows docs/raw-contract.md: every column of scripts/raw_contract.py
in its type, timestamps as ISO text with `Z` or a UTC offset (the person's or
the ad account's), spend dates as `YYYY-MM-DD`. A small share of sessions
(0.3%) come from bot user agents, which staging quarantines as `bot`.

`append_micro_batch` appends what arrives in one micro-batch: `--batch-minutes`
of new sessions (with their clicks, message events and conversions) after the
newest event time already loaded, one web event dated a month back (a late
row) and one exact copy of an already-loaded web event (a retry). The
generation parameters are kept in `bench_meta.history` of the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import duckdb_storage  # noqa: E402
from raw_contract import RAW_TABLES  # noqa: E402

# The raw tables this module writes: all but lift_tests (optional, left absent).
TABLES = [table for table in RAW_TABLES if table != "lift_tests"]
SITE = "https://www.northwind-outfitters.com"
DAY_MS = 86_400_000
MINUTE_MS = 60_000
EVENTS_PER_PERSON = 10  # 1M people per 10M events
CLICKS_PER_EVENT = 0.24  # 2.4M ad clicks per 10M events
MEAN_EVENTS_PER_SESSION = 4  # session length uniform on 1..7
CONVERSION_RATE = 0.035  # of sessions: ~88k conversions, ~120k conversion rows per 10M events
OFFLINE_PER_EVENT = 0.0005
BOT_SHARE = 0.003

# (campaign_id, name, traffic_source spelling, utm_source, utm_medium, click param, click id prefix,
#  referrer, cpc, currency, account UTC offset minutes, reports cost per click)
CAMPAIGNS = [
    ("18234500011", "Brand | Search | Exact", "Google Ads", "google", "cpc", "gclid", "Cj0KCQiA", "https://www.google.com/", 0.45, "USD", -420, True),
    ("18234500027", "Generic | Search | Boots", "Google Ads", "google", "cpc", "gclid", "Cj0KCQiA", "https://www.google.com/", 1.35, "USD", -420, True),
    ("18234500043", "PMax | Outerwear", "adwords", "google", "cpc", "gbraid", "0AAAAA", "https://www.google.com/", 0.85, "USD", -420, True),
    ("18234500059", "Display | Remarketing", "Google Ads", "google", "display", "gclid", "EAIaIQob", "https://www.nytimes.com/", 0.35, "USD", -420, True),
    ("4711002", "Generic - Outdoor Gear", "Microsoft Ads", "bing", "cpc", "msclkid", "", "https://www.bing.com/", 0.95, "USD", -300, True),
    ("120208811", "Prospecting | Lookalike 2%", "Meta", "facebook", "paid_social", "fbclid", "IwAR", "https://l.facebook.com/", 0.70, "USD", -480, False),
    ("120208837", "Retargeting | Cart Abandoners", "fb", "facebook", "paid-social", "fbclid", "IwAR", "https://l.instagram.com/", 0.55, "USD", -480, False),
    ("1790012", "TikTok | Spark Ads", "TikTok Ads", "tiktok", "paid_social", "ttclid", "E.C.P.", "", 0.40, "USD", 0, False),
    ("5559001", "LinkedIn | Team Outfitting", "LinkedIn Ads", "linkedin", "paid_social", "li_fat_id", "", "https://www.linkedin.com/", 3.10, "USD", -300, True),
    ("tb-88001", "Taboola - Blog Promo", "Taboola", "taboola", "native", "clickid", "tb", "https://www.theguardian.com/", 0.35, "EUR", 120, True),
    ("ob-3001", "Outbrain - Buyers Guide", "Outbrain", "outbrain", "native", "clickid", "ob", "https://www.cnn.com/", 0.40, "USD", -240, True),
    ("awin-7001", "Awin Partners - Coupons", "Awin", "awin", "affiliate", "clickid", "aw", "https://www.vouchercodes.co.uk/", 0.0, "GBP", 60, False),
]  # fmt: skip
LANDING_PATHS = [
    "/",
    "/collections/hiking-boots",
    "/collections/rain-jackets",
    "/products/trailblazer-gtx",
    "/products/stormshell-jacket",
    "/products/summit-pack-35",
    "/lp/autumn-sale",
    "/blog/best-hiking-trails-2026",
]
INNER_PATHS = [
    "/collections/hiking-boots",
    "/collections/rain-jackets",
    "/collections/backpacks",
    "/products/trailblazer-gtx",
    "/products/stormshell-jacket",
    "/products/summit-pack-35",
    "/products/ridge-fleece",
    "/search?q=boots",
    "/pages/shipping",
    "/cart",
]
# (user agent, device type, os, browser)
USER_AGENTS = [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36", "desktop", "Windows", "Chrome"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "desktop", "macOS", "Safari"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0", "desktop", "Windows", "Firefox"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "mobile", "iOS", "Safari"),
    ("Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36", "mobile", "Android", "Chrome"),
    ("Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "mobile", "Android", "Chrome"),
    ("Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "tablet", "iPadOS", "Safari"),
]  # fmt: skip
BOT_USER_AGENTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "python-requests/2.32.3",
]
# (country, currency, calling code, UTC offsets in minutes)
COUNTRIES = [
    ("US", "USD", "1", [-240, -300, -360, -420]),
    ("US", "USD", "1", [-240, -300]),
    ("GB", "GBP", "44", [0, 60]),
    ("DE", "EUR", "49", [60, 120]),
    ("FR", "EUR", "33", [60, 120]),
    ("CA", "CAD", "1", [-240, -420]),
    ("AU", "AUD", "61", [600, 660]),
    ("NL", "EUR", "31", [60, 120]),
    ("JP", "JPY", "81", [540]),
    ("IN", "USD", "91", [330]),
]
FIRST_NAMES = ["anna", "ben", "carla", "david", "emma", "felix", "grace", "hugo", "ines", "jonas", "kate", "liam"]
LAST_NAMES = ["smith", "mueller", "dubois", "rossi", "tanaka", "jansen", "brown", "garcia", "kowalski", "novak"]
EMAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "example.org", "web.de", "northwind-fan.net"]
ORGANIC_SEARCH = [
    "https://www.google.com/",
    "https://www.bing.com/",
    "https://duckduckgo.com/",
    "https://www.google.de/",
]
ORGANIC_SOCIAL = [
    "https://www.facebook.com/",
    "https://t.co/abc123",
    "https://www.reddit.com/r/hiking/",
    "https://www.instagram.com/",
]
REFERRALS = [
    "https://trailrunner-blog.com/gear-guide",
    "https://outdoorgearlab.example/review",
    "https://hikingforum.example/t/9",
]
AI_REFERRERS = ["https://chatgpt.com/", "https://www.perplexity.ai/", "https://gemini.google.com/"]
EMAIL_CAMPAIGNS = ["Weekly Newsletter", "New Arrivals", "Autumn Sale", "Abandoned Cart"]
SMS_CAMPAIGNS = ["Flash Sale", "VIP Early Access"]
LEAD_SOURCES = ["Google", "ChatGPT", "a podcast", "friend", "Instagram", "trade show"]


def _lit(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_lit(v) for v in value) + "]"
    return "'" + str(value).replace("'", "''") + "'"


def _col(i: int) -> str:
    """A SQL list literal of one field of CAMPAIGNS."""
    return _lit([c[i] for c in CAMPAIGNS])


def _slug(name: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "_" for ch in name)
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")


@dataclass
class History:
    seed: int
    events: int
    days: int
    people: int
    start_ms: int
    end_ms: int
    batches: int = 0


def connect(db: str | Path, threads: int | None = None, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    extra: dict[str, object] = {"preserve_insertion_order": False}
    if threads:
        extra["threads"] = threads
    if memory_limit:
        extra["memory_limit"] = memory_limit
    return duckdb_storage.connect(db, **extra)


def _macros(con: duckdb.DuckDBPyConnection, seed: int, batch: int) -> None:
    """Deterministic pseudo-random numbers: bh_p for a person (the same in every
    batch), bh_u / bh_u2 for the rows of one batch (batch 0 = the history)."""
    con.execute(f"""
        create or replace temp macro bh_p(tag, k) as hash(k, tag, {seed}::bigint) / 18446744073709551616.0;
        create or replace temp macro bh_u(tag, k) as hash(k, tag, {batch}::bigint, {seed}::bigint) / 18446744073709551616.0;
        create or replace temp macro bh_u2(tag, k, j) as
            hash(k, j, tag, {batch}::bigint, {seed}::bigint) / 18446744073709551616.0;
        create or replace temp macro bh_pick(l, u) as l[1 + floor(u * len(l))::int];
        create or replace temp macro bh_id(tag, k, j, n) as
            left(md5(concat_ws(':', {seed}, {batch}, tag, k, j)), n);
        create or replace temp macro bh_off(off_min, z) as
            case when off_min = 0 and z then 'Z'
                else (case when off_min < 0 then '-' else '+' end)
                    || lpad((abs(off_min) // 60)::varchar, 2, '0') || ':' || lpad((abs(off_min) % 60)::varchar, 2, '0')
            end;
        -- ISO-8601 text in the given UTC offset; with_ms: milliseconds and 'T', else seconds and ' '
        create or replace temp macro bh_iso(ms, off_min, with_ms) as
            case when with_ms
                then strftime(make_timestamp((ms + off_min * 60000) * 1000), '%Y-%m-%dT%H:%M:%S.%g')
                else strftime(make_timestamp((ms + off_min * 60000) * 1000), '%Y-%m-%d %H:%M:%S')
            end || bh_off(off_min, with_ms);
    """)


def _person(pid: str, dev: str) -> str:
    """Select-list expressions of a person (pid) on one of its devices (dev)."""
    countries = _lit([c[0] for c in COUNTRIES])
    currencies = _lit([c[1] for c in COUNTRIES])
    codes = _lit([c[2] for c in COUNTRIES])
    offsets = "[" + ", ".join(_lit(c[3]) for c in COUNTRIES) + "]"
    ua = _lit([u[0] for u in USER_AGENTS])
    uidx = f"floor(bh_p(5, {pid} * 4 + {dev}) * {len(USER_AGENTS)})::int + 1"
    anon = f"md5(concat_ws(':', 'anon', bh_p(0, {pid} * 4 + {dev})))"
    return f"""
        {countries}[floor(bh_p(1, {pid}) * {len(COUNTRIES)})::int + 1] as country,
        {currencies}[floor(bh_p(1, {pid}) * {len(COUNTRIES)})::int + 1] as currency,
        bh_pick({offsets}[floor(bh_p(1, {pid}) * {len(COUNTRIES)})::int + 1], bh_p(7, {pid})) as tz_off,
        left({anon}, 8) || '-' || substr({anon}, 9, 4) || '-4' || substr({anon}, 14, 3) || '-a'
            || substr({anon}, 18, 3) || '-' || substr({anon}, 21, 12) as anonymous_id,
        case when bh_p(2, {pid}) < 0.6 then 'cus_' || lpad(({pid} * 7919 % 100000007)::varchar, 9, '0') end as user_id,
        case when bh_p(3, {pid}) < 0.7 then
            bh_pick({_lit(FIRST_NAMES)}, bh_p(8, {pid})) || '.' || bh_pick({_lit(LAST_NAMES)}, bh_p(9, {pid}))
            || ({pid} % 10000)::varchar || '@' || bh_pick({_lit(EMAIL_DOMAINS)}, bh_p(10, {pid}))
        end as email,
        case when bh_p(4, {pid}) < 0.5 then
            '+' || {codes}[floor(bh_p(1, {pid}) * {len(COUNTRIES)})::int + 1] || ' ' || (200 + {pid} % 700)::varchar
            || ' ' || lpad(({pid} // 700 % 1000000)::varchar, 6, '0')
        end as phone,
        bh_p(3, {pid}) < 0.7 and bh_p(6, {pid}) < 0.15 as has_contact,
        {ua}[{uidx}] as user_agent,
        {_lit([u[1] for u in USER_AGENTS])}[{uidx}] as device_type,
        {_lit([u[2] for u in USER_AGENTS])}[{uidx}] as os,
        {_lit([u[3] for u in USER_AGENTS])}[{uidx}] as browser,
        case when bh_p(11, {pid} * 4 + {dev}) < 0.8
            then '198.51.' || ({pid} % 250)::varchar || '.' || (1 + ({pid} * 4 + {dev}) % 250)::varchar
            else '2001:db8:' || to_hex({pid} % 65536) || '::' || to_hex({dev} + 1)
        end as ip_address,
        bh_p(12, {pid}) >= 0.03 as consent_marketing"""


def _click_fields(alias: str, ci: str, key: str, j: str) -> str:
    """Click id, landing query and campaign fields of a paid visit (campaign index ci)."""
    return f"""
        {_col(0)}[{ci} + 1] as campaign_id,
        {_col(1)}[{ci} + 1] as campaign_name,
        {_col(2)}[{ci} + 1] as traffic_source,
        {_col(5)}[{ci} + 1] as click_param,
        {_col(6)}[{ci} + 1] || case when {_col(5)}[{ci} + 1] = 'li_fat_id'
            then bh_id('li', {key}, {j}, 8) || '-' || bh_id('li2', {key}, {j}, 4)
            else bh_id('ck', {key}, {j}, 28) end as click_id,
        {_lit([_slug(c[1]) for c in CAMPAIGNS])}[{ci} + 1] as utm_campaign,
        {_col(3)}[{ci} + 1] as utm_source,
        {_col(4)}[{ci} + 1] as utm_medium,
        nullif({_col(7)}[{ci} + 1], '') as paid_referrer,
        {_col(8)}[{ci} + 1] as cpc,
        {_col(9)}[{ci} + 1] as account_currency,
        {_col(10)}[{ci} + 1] as account_off,
        {_col(11)}[{ci} + 1] as reports_cost,
        {_col(0)}[{ci} + 1] || '-ag' || floor(bh_u2(30, {key}, {j}) * 3)::int::varchar as ad_group_id,
        {_col(0)}[{ci} + 1] || '-cr' || floor(bh_u2(31, {key}, {j}) * 6)::int::varchar as creative_id,
        bh_u2(32, {key}, {j}) < 0.15 as click_id_only"""


def _landing_url(a: str) -> str:
    return f"""'{SITE}' || {a}.landing_path || case
            when {a}.campaign_idx >= 0 and {a}.click_id_only then '?' || {a}.click_param || '=' || {a}.click_id
            when {a}.campaign_idx >= 0 then
                '?utm_source=' || {a}.utm_source || '&utm_medium=' || {a}.utm_medium
                || '&utm_campaign=' || {a}.utm_campaign || '&utm_content=' || {a}.creative_id
                || '&' || {a}.click_param || '=' || {a}.click_id
            when {a}.channel = 'email' then
                '?utm_source=klaviyo&utm_medium=email&utm_campaign=' || lower(replace({a}.message_campaign, ' ', '_'))
            when {a}.channel = 'sms' then
                '?utm_source=attentive&utm_medium=sms&utm_campaign=' || lower(replace({a}.message_campaign, ' ', '_'))
            else ''
        end"""


def _cols(table: str) -> str:
    return ", ".join(f'"{c}"' for c in RAW_TABLES[table])


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for table in TABLES:
        body = ", ".join(f'"{c}" {t}' for c, t in RAW_TABLES[table].items())
        con.execute(f"create or replace table raw.{table} ({body})")


def _sessions(
    con: duckdb.DuckDBPyConnection, h: History, t0_ms: int, span_ms: int, n_events: int, first_converts: bool
) -> None:
    """Temp table bh_sess: the sessions of a window, their people and their evidence,
    with `ev_off` (events before the session) so that exactly n_events events are made."""
    n_sess = math.ceil(n_events / MEAN_EVENTS_PER_SESSION * 1.25) + 20
    paid = 0.65
    con.execute(f"""
        create or replace temp table bh_sess0 as
        with s as (
            select
                i as sid,
                1 + floor(bh_u(1, i) * 7)::int as n_ev,
                floor(bh_u(2, i) * {h.people})::bigint as pid,
                case when bh_u(3, i) < 0.2 then 1 else 0 end as dev,
                {t0_ms}::bigint + floor(bh_u(4, i) * {span_ms})::bigint as start_ms,
                15000 + floor(bh_u(5, i) * 45000)::bigint as gap_ms,
                bh_u(6, i) as u_ch,
                bh_u(7, i) as u_conv
            from range({n_sess}) as t(i)
        ),
        numbered as (
            select *, sum(n_ev) over (order by sid rows between unbounded preceding and current row) - n_ev as ev_off
            from s
        )
        select
            n.*,
            {_person("n.pid", "n.dev")},
            case
                when n.u_ch < {BOT_SHARE} then 'bot'
                when n.u_ch < {paid} then 'paid'
                when n.u_ch < 0.75 then 'organic_search'
                when n.u_ch < 0.80 then 'organic_social'
                when n.u_ch < 0.84 then 'referral'
                when n.u_ch < 0.88 then 'email'
                when n.u_ch < 0.90 then 'sms'
                when n.u_ch < 0.92 then 'ai_search'
                else 'direct'
            end as channel,
            case when n.u_ch >= {BOT_SHARE} and n.u_ch < {paid}
                then floor(bh_u(8, n.sid) * {len(CAMPAIGNS)})::int else -1 end as campaign_idx,
            case when (n.u_conv < {CONVERSION_RATE} or ({first_converts} and n.sid = 0)) and n.u_ch >= {BOT_SHARE} then
                case when bh_u(9, n.sid) < 0.6 then 'purchase' when bh_u(9, n.sid) < 0.8 then 'signup'
                    when bh_u(9, n.sid) < 0.9 then 'lead' else 'subscription' end
            end as conv_type,
            bh_u(10, n.sid) < 0.35 as logged_in,
            bh_u(11, n.sid) < 0.25 as identifies,
            bh_pick({_lit(LANDING_PATHS)}, bh_u(12, n.sid)) as landing_path,
            bh_u(13, n.sid) as u_ref
        from numbered as n
        where n.ev_off < {n_events}
    """)
    # campaign and click fields, landing URL and referrer
    con.execute(f"""
        create or replace temp table bh_sess as
        with c as (
            select
                s.*,
                {_click_fields("s", "greatest(s.campaign_idx, 0)", "s.sid", "0")},
                case s.channel
                    when 'email' then bh_pick({_lit(EMAIL_CAMPAIGNS)}, s.u_ref)
                    when 'sms' then bh_pick({_lit(SMS_CAMPAIGNS)}, s.u_ref)
                end as message_campaign
            from bh_sess0 as s
        )
        select
            c.*,
            case when c.channel = 'bot' then bh_pick({_lit(BOT_USER_AGENTS)}, c.u_ref) else c.user_agent end as ua,
            {_landing_url("c")} as landing_url,
            case c.channel
                when 'paid' then c.paid_referrer
                when 'organic_search' then bh_pick({_lit(ORGANIC_SEARCH)}, c.u_ref)
                when 'organic_social' then bh_pick({_lit(ORGANIC_SOCIAL)}, c.u_ref)
                when 'referral' then bh_pick({_lit(REFERRALS)}, c.u_ref)
                when 'email' then case when c.u_ref < 0.5 then 'https://mail.google.com/' end
                when 'ai_search' then bh_pick({_lit(AI_REFERRERS)}, c.u_ref)
            end as landing_referrer,
            'NW' || upper(bh_id('order', c.sid, 0, 10)) as order_id,
            'cv_' || bh_id('conv', c.sid, 0, 24) as conversion_event_id,
            c.start_ms + (c.n_ev - 1) * c.gap_ms + 2000 as conv_ms
        from c;
        drop table bh_sess0;
    """)


def _web_events(con: duckdb.DuckDBPyConnection, n_events: int) -> None:
    conv_event = """case conv_type when 'purchase' then 'order_completed' when 'signup' then 'sign_up'
        when 'subscription' then 'subscription_started' else 'form_submit' end"""
    conv_page = f"""'{SITE}' || case conv_type when 'purchase' then '/checkout/thank-you?order=' || order_id
        when 'subscription' then '/membership/thank-you?order=' || order_id
        when 'signup' then '/welcome' else '/teams/contact' end"""
    con.execute(f"""
        insert into raw.web_events ({_cols("web_events")})
        with e as (
            select s.*, unnest(range(s.n_ev)) as pos from bh_sess as s
        ),
        k as (
            select
                *,
                case
                    when pos = 0 then 'landing'
                    when conv_type is not null and pos = n_ev - 1 then 'conversion'
                    when pos = 1 and identifies and email is not null then 'identify'
                    when pos = 1 and logged_in and user_id is not null then 'login'
                    when bh_u2(20, sid, pos) < 0.08 then 'cart'
                    else 'inner'
                end as kind,
                bh_pick({_lit(INNER_PATHS)}, bh_u2(21, sid, pos)) as inner_path
            from e
            where ev_off + pos < {n_events}
        )
        select
            'evt_' || bh_id('evt', sid, pos, 28) as event_id,
            case kind when 'landing' then 'page_view' when 'inner' then 'page_view' when 'cart' then 'add_to_cart'
                when 'conversion' then {conv_event} else kind end as event_type,
            bh_iso(start_ms + pos * gap_ms, tz_off, true) as occurred_at,
            anonymous_id,
            case when logged_in and (kind = 'login' or pos > 1) then user_id end as user_id,
            case when kind = 'identify' then case when bh_u(22, sid) < 0.1 then upper(email) else email end
                when kind = 'conversion' and conv_type = 'lead' then email end as email,
            's_' || bh_id('sess', sid, 0, 16) as session_id,
            case kind
                when 'landing' then landing_url
                when 'conversion' then {conv_page}
                when 'identify' then '{SITE}/account/newsletter'
                when 'login' then '{SITE}/account/login'
                when 'cart' then '{SITE}/cart'
                else '{SITE}' || inner_path
            end as page_url,
            case when pos = 0 then landing_referrer else '{SITE}' || landing_path end as referrer_url,
            ua as user_agent,
            ip_address,
            consent_marketing
        from k
    """)


def _ad_clicks(con: duckdb.DuckDBPyConnection, h: History, t0_ms: int, span_ms: int, total: int) -> None:
    """The landed clicks of the paid sessions, then clicks without a landing until `total`."""
    con.execute("create or replace temp table bh_clicks as select * from raw.ad_clicks limit 0")
    click_cols = """
        click_id,
        bh_iso(click_ms, account_off, false) as clicked_at,
        traffic_source, campaign_id, campaign_name, ad_group_id,
        'Ad group ' || (right(ad_group_id, 1)::int + 1)::varchar as ad_group_name,
        creative_id,
        case when utm_medium not in ('cpc') then bh_pick(['feed', 'stories', 'site-1028374', 'widget-3'], bh_u2(33, key, 0)) end
            as placement,
        case when traffic_source in ('Meta', 'fb') then upper(device_type) else device_type end as device_type,
        os, browser,
        case when traffic_source = 'Taboola' then lower(country) else country end as country,
        ip_address, user_agent,
        landing_url as landing_page_url,
        case when reports_cost then round(cpc * (0.6 + 0.8 * bh_u2(34, key, 0)) / case account_currency
            when 'EUR' then 1.08 when 'GBP' then 1.27 else 1.0 end, 2) end as cost,
        account_currency as currency"""
    con.execute(f"""
        insert into bh_clicks
        select {click_cols}
        from (
            select *, sid as key, start_ms - 1000 - floor(bh_u(35, sid) * 5000)::bigint as click_ms
            from bh_sess where channel = 'paid'
        )
    """)
    landed = con.execute("select count(*) from bh_clicks").fetchone()[0]
    extra = max(0, total - landed)
    if extra:
        con.execute(f"""
            insert into bh_clicks
            with c as (
                select
                    i as key,
                    floor(bh_u(40, i) * {h.people})::bigint as pid,
                    floor(bh_u(41, i) * {len(CAMPAIGNS)})::int as campaign_idx,
                    {t0_ms}::bigint + floor(bh_u(42, i) * {span_ms})::bigint as click_ms,
                    bh_pick({_lit(LANDING_PATHS)}, bh_u(43, i)) as landing_path,
                    'paid' as channel,
                    null::varchar as message_campaign
                from range({extra}) as t(i)
            ),
            p as (
                select c.*, {_person("c.pid", "0")}, {_click_fields("c", "c.campaign_idx", "c.key + 1000000000000", "1")}
                from c
            )
            select {click_cols.replace("landing_url as", _landing_url("p") + " as")}
            from p
        """)
    con.execute("insert into raw.ad_clicks select * from bh_clicks; drop table bh_clicks")


def _message_events(con: duckdb.DuckDBPyConnection, clicks_only: bool = False) -> None:
    """Sent, delivered, (opened,) clicked per email or SMS session; clicks_only: the click alone."""
    con.execute(f"""
        insert into raw.message_events ({_cols("message_events")})
        with m1 as (
            select s.*, unnest(case when s.channel = 'email'
                then [{{'t': 'sent', 'd': 7200000}}, {{'t': 'delivered', 'd': 7196000}},
                      {{'t': 'opened', 'd': 900000}}, {{'t': 'clicked', 'd': 3000}}]
                else [{{'t': 'sent', 'd': 3600000}}, {{'t': 'delivered', 'd': 3598000}}, {{'t': 'clicked', 'd': 3000}}]
            end) as ev
            from bh_sess as s
            where s.channel in ('email', 'sms')
        ),
        m as (select * from m1 where not {clicks_only} or ev.t = 'clicked')
        select
            'msg_' || bh_id('msg', sid, ev.t, 24) as message_event_id,
            channel,
            ev.t as event_type,
            bh_iso(start_ms - ev.d, 0, true) as occurred_at,
            message_campaign as campaign_name,
            case when has_contact then 'ct_' || pid::varchar end as contact_id,
            user_id,
            case when channel = 'email' then email end as email,
            case when channel = 'sms' then phone end as phone,
            case when ev.t = 'clicked' then landing_url end as link_url
        from m
    """)


def _conversions(con: duckdb.DuckDBPyConnection, h: History | None, refunds_before_ms: int | None) -> None:
    """Browser rows of the converting sessions, server copies (same event id), and,
    for the history, refunds and offline store purchases."""
    revenue = """case conv_type
            when 'purchase' then round(20 + bh_u(50, sid) * 380, 2)
            when 'subscription' then case when bh_u(50, sid) < 0.5 then 9.99 else 19.99 end
        end"""
    con.execute(f"""
        insert into raw.conversions ({_cols("conversions")})
        with c as (select * from bh_sess where conv_type is not null),
        rows as (
            select
                conversion_event_id, case when conv_type in ('purchase', 'subscription') then order_id end as order_id,
                conv_type as conversion_type, bh_iso(conv_ms, tz_off, true) as occurred_at, 'browser' as collector,
                anonymous_id, case when logged_in then user_id end as user_id,
                case when conv_type in ('purchase', 'lead') then email end as email, null as phone,
                case when channel = 'paid' then click_id end as click_id,
                {revenue} as revenue, currency, false as skip_attribution, null as store_id
            from c
            union all
            select
                conversion_event_id, case when conv_type in ('purchase', 'subscription') then order_id end,
                conv_type, bh_iso(conv_ms + 1500, 0, false), 'server',
                case when bh_u(51, sid) < 0.5 then anonymous_id end, user_id, email,
                case when bh_u(52, sid) < 0.5 then phone end, null,
                {revenue}, currency, false, null
            from c
            where bh_u(53, sid) < 0.4
        )
        select * from rows
    """)
    if h is None:
        return
    con.execute(f"""
        insert into raw.conversions ({_cols("conversions")})
        select
            'rf_' || bh_id('refund', sid, 0, 24), order_id, 'refund', bh_iso(conv_ms + 2 * {DAY_MS}, 0, false),
            'server', null, user_id, email, null, null, round(20 + bh_u(50, sid) * 380, 2), currency, null, null
        from bh_sess
        where conv_type = 'purchase' and bh_u(54, sid) < 0.03 and conv_ms + 2 * {DAY_MS} < {refunds_before_ms}
    """)
    n_offline = max(1, round(h.events * OFFLINE_PER_EVENT))
    con.execute(f"""
        insert into raw.conversions ({_cols("conversions")})
        with o as (
            select i, floor(bh_u(60, i) * {h.people})::bigint as pid,
                {h.start_ms}::bigint + floor(bh_u(61, i) * {h.end_ms - h.start_ms})::bigint as ms
            from range({n_offline}) as t(i)
        ),
        p as (select o.*, {_person("o.pid", "0")} from o)
        select
            'pos_' || bh_id('pos', i, 0, 20), 'POS' || lpad(i::varchar, 9, '0'), 'purchase', bh_iso(ms, tz_off, false),
            'offline_store', null, null, email, phone, null, round(30 + bh_u(62, i) * 200, 2), currency, false,
            'store-' || lpad((i % 40)::varchar, 3, '0')
        from p
    """)


def _crm(con: duckdb.DuckDBPyConnection, h: History) -> None:
    span = h.end_ms - h.start_ms
    con.execute(f"""
        create or replace temp table bh_contacts as
        with p as (
            select i as pid, {_person("i", "0")},
                {h.start_ms}::bigint + floor(bh_p(70, i) * {span} * 0.6)::bigint as created_ms
            from range({h.people}) as t(i)
        )
        select * from p where has_contact
    """)
    con.execute(f"""
        insert into raw.crm_contacts ({_cols("crm_contacts")})
        select
            'ct_' || pid::varchar, case when bh_p(71, pid) < 0.05 then upper(email) else email end,
            phone, bh_iso(created_ms, 0, false),
            bh_iso(created_ms + floor(bh_p(72, pid) * {span} * 0.3)::bigint, 0, false),
            bh_pick(['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'], bh_p(73, pid)),
            case when bh_p(74, pid) < 0.5 then anonymous_id end,
            null, case when bh_p(75, pid) < 0.4 then bh_pick({_lit(LEAD_SOURCES)}, bh_p(76, pid)) end,
            null, false
        from bh_contacts
    """)
    # deals of 10% of the contacts: stages passed in order, times within 30% of the span
    con.execute(f"""
        create or replace temp table bh_deals as
        select
            pid,
            'deal_' || pid::varchar as deal_id,
            created_ms + floor(bh_p(80, pid) * {span} * 0.05)::bigint as deal_ms,
            floor(bh_p(81, pid) * {span} * 0.05)::bigint + 3600000 as step_ms,
            case when bh_p(82, pid) < 0.25 then 1 when bh_p(82, pid) < 0.45 then 2 when bh_p(82, pid) < 0.6 then 3
                when bh_p(82, pid) < 0.85 then 4 else 5 end as n_stages,
            round(500 + bh_p(83, pid) * 20000, 2) as amount,
            currency
        from bh_contacts
        where bh_p(84, pid) < 0.1
    """)
    stages = "['qualified', 'demo', 'proposal', 'closed_won', 'closed_lost']"
    con.execute(f"""
        insert into raw.crm_deals ({_cols("crm_deals")})
        select
            deal_id, 'ct_' || pid::varchar, bh_iso(deal_ms, 0, false),
            case n_stages when 5 then 'closed_lost' else {stages}[n_stages] end,
            amount, currency,
            case when n_stages >= 4 then bh_iso(deal_ms + (n_stages - 1) * step_ms, 0, false) end
        from bh_deals;
        insert into raw.crm_deal_stage_history ({_cols("crm_deal_stage_history")})
        select deal_id, case when k = 4 and n_stages = 5 then 'closed_lost' else {stages}[k] end,
            bh_iso(deal_ms + (k - 1) * step_ms, 0, false)
        from (select *, unnest(range(1, least(n_stages, 4) + 1)) as k from bh_deals);
        drop table bh_deals;
        drop table bh_contacts;
    """)


def _ad_spend(con: duckdb.DuckDBPyConnection) -> None:
    """One row per campaign and account day with clicks: spend and the platform's own claims."""
    con.execute(f"""
        insert into raw.ad_spend ({_cols("ad_spend")})
        with c as (
            select campaign_id, left(clicked_at, 10) as spend_date, count(*) as clicks
            from raw.ad_clicks group by all
        ),
        k as (
            select unnest({_col(0)}) as campaign_id, unnest({_col(2)}) as platform, unnest({_col(1)}) as campaign_name,
                unnest({_col(8)}) as cpc, unnest({_col(9)}) as currency
        )
        select
            c.spend_date, k.platform, c.campaign_id, k.campaign_name,
            c.clicks * (20 + floor(hash(c.campaign_id, c.spend_date) % 60))::bigint as impressions,
            c.clicks,
            round(c.clicks * greatest(k.cpc, 0.05) / case k.currency when 'EUR' then 1.08 when 'GBP' then 1.27
                else 1.0 end, 2) as spend,
            k.currency,
            round(c.clicks * 0.04, 1) as platform_conversions,
            round(c.clicks * 0.04 * 95, 2) as platform_conversion_value
        from c inner join k on k.campaign_id = c.campaign_id
    """)


def _save_meta(con: duckdb.DuckDBPyConnection, h: History) -> None:
    con.execute("create schema if not exists bench_meta")
    con.execute(
        "create or replace table bench_meta.history as select ? as seed, ? as events, ? as days, ? as people, "
        "? as start_ms, ? as end_ms, ? as batches",
        [h.seed, h.events, h.days, h.people, h.start_ms, h.end_ms, h.batches],
    )


def load_meta(con: duckdb.DuckDBPyConnection) -> History:
    row = con.execute("select seed, events, days, people, start_ms, end_ms, batches from bench_meta.history").fetchone()
    return History(*row)


def generate_history(
    con: duckdb.DuckDBPyConnection, events: int, days: int = 90, seed: int = 42, end_date: dt.date | None = None
) -> History:
    """(Re)create the raw tables with `events` web events over `days` days ending at end_date
    (00:00 UTC; default today). Returns the parameters (also kept in bench_meta.history)."""
    end = end_date or dt.datetime.now(dt.UTC).date()
    end_ms = int(dt.datetime(end.year, end.month, end.day, tzinfo=dt.UTC).timestamp() * 1000)
    h = History(seed, events, days, max(1, events // EVENTS_PER_PERSON), end_ms - days * DAY_MS, end_ms)
    _macros(con, seed, 0)
    _create_tables(con)
    _sessions(con, h, h.start_ms, days * DAY_MS, events, first_converts=False)
    _web_events(con, events)
    _ad_clicks(con, h, h.start_ms, days * DAY_MS, round(events * CLICKS_PER_EVENT))
    _message_events(con)
    _conversions(con, h, refunds_before_ms=end_ms)
    con.execute("drop table bh_sess")
    _crm(con, h)
    _ad_spend(con)
    _save_meta(con, h)
    con.execute("checkpoint")
    return h


def _max_event_ms(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("""
        select max(m) from (
            select max(epoch_ms(try_cast(occurred_at as timestamptz))) as m from raw.web_events
            union all select max(epoch_ms(try_cast(clicked_at as timestamptz))) from raw.ad_clicks
            union all select max(epoch_ms(try_cast(occurred_at as timestamptz))) from raw.conversions
            union all select max(epoch_ms(try_cast(occurred_at as timestamptz))) from raw.message_events
        )
    """).fetchone()[0]


def append_micro_batch(
    con: duckdb.DuckDBPyConnection, batch_events: int | None = None, minutes: int = 15
) -> dict[str, object]:
    """Append one micro-batch: `minutes` of new sessions after the newest event time
    (their web events, clicks, message events and conversions), one web event
    dated 30 days before the batch (late) and one exact copy of a loaded web
    event (a retry). Returns what was added."""
    h = load_meta(con)
    h.batches += 1
    span_ms = minutes * MINUTE_MS
    n = batch_events or max(20, round(h.events * minutes / (h.days * 1440)))
    previous_max_ms = _max_event_ms(con)
    t0 = previous_max_ms + 10_000
    retried = con.execute(
        f"select event_id from raw.web_events order by hash(event_id, {h.batches}, {h.seed}), event_id limit 1"
    ).fetchone()[0]
    _macros(con, h.seed, h.batches)
    # sessions start in the first 60% of the window, so their events (at most 6 minutes long) stay inside it
    _sessions(con, h, t0, int(span_ms * 0.6), n, first_converts=True)
    _web_events(con, n)
    _ad_clicks(con, h, t0, int(span_ms * 0.6), round(n * CLICKS_PER_EVENT))
    _message_events(con, clicks_only=True)
    _conversions(con, None, None)
    late_ms = t0 - 30 * DAY_MS
    con.execute(f"""
        insert into raw.web_events ({_cols("web_events")})
        select
            'evt_late_' || bh_id('late', 0, 0, 20), 'page_view', bh_iso({late_ms}, tz_off, true), anonymous_id,
            null, null, 's_' || bh_id('late', 1, 0, 16), '{SITE}/collections/rain-jackets', null, ua, ip_address,
            consent_marketing
        from bh_sess where sid = 0
    """)
    con.execute(
        f"insert into raw.web_events ({_cols('web_events')}) "
        f"select {_cols('web_events')} from raw.web_events where event_id = ? limit 1",
        [retried],
    )
    con.execute("drop table bh_sess")
    _save_meta(con, h)
    con.execute("checkpoint")
    return {
        "batch": h.batches,
        "events": n,
        "after_ms": previous_max_ms,
        "window_start_ms": t0,
        "late_event_ms": late_ms,
        "retried_event_id": retried,
    }


def table_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in TABLES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="DuckDB file (created if absent)")
    parser.add_argument("--events", type=int, default=1_000_000, help="web events of the history")
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--end-date", type=dt.date.fromisoformat, help="history ends at 00:00 UTC of this day (today)")
    parser.add_argument("--append-batch", action="store_true", help="append one micro-batch to an existing history")
    parser.add_argument("--batch-events", type=int, help="web events of the batch (default: the history's rate)")
    parser.add_argument("--batch-minutes", type=int, default=15)
    parser.add_argument("--threads", type=int)
    parser.add_argument("--memory-limit", default="1GB", help="DuckDB memory_limit (spills beyond it)")
    args = parser.parse_args()
    if not args.append_batch:
        for suffix in ("", ".wal"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
    start = time.perf_counter()
    con = connect(args.db, args.threads, args.memory_limit)
    if args.append_batch:
        print(append_micro_batch(con, args.batch_events, args.batch_minutes))
    else:
        generate_history(con, args.events, args.days, args.seed, args.end_date)
    rows = table_rows(con)
    con.close()
    elapsed = time.perf_counter() - start
    print(f"{sum(rows.values()):,} raw rows in {elapsed:.1f} s: " + ", ".join(f"{t} {n:,}" for t, n in rows.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
