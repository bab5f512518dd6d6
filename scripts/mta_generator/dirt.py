"""Dirt planted in the raw tables, each kind on its own rows, recorded in
truth.dirty_rows (one row per dirty raw row; for duplicates one row per extra
copy) with the outcome the staging layer should reach.

Every raw workspace table carries helper columns: `_rid` (unique row id),
`_claimed` (the row already carries dirt, or is the original of a planted
copy: later dirt skips it), `_dirt` (the dirt kind of this row) and `_reason`
(the expected quarantine reason, null when the row should be staged).

Rows are picked deterministically: the k eligible rows with the smallest
hash(_rid, kind, seed), k = max(1, round(rate * eligible)). Dirt that would
change what the warehouse should conclude about people, touches or conversions
is planted on extra rows (copies with new ids) or on rows that carry no
evidence (inner page views, background message sends); dirt that the warehouse
must repair (UTM spelling, email casing, junk identifiers) is planted in place.
"""

from __future__ import annotations

from . import catalog as cat
from .context import Ctx, sql_list

# Deterministic row order of the written tables (integer helper columns only:
# sorting wide rows by text is what costs time at 10M rows).
ORDER_KEYS = {
    "web_events": "_ms, _rid",
    "ad_clicks": "_ms, _rid",
    "message_events": "_ms, _rid",
    "crm_contacts": "_rid",
    "crm_deals": "_rid",
    "crm_deal_stage_history": "_rid",
    "conversions": "_ms, _rid",
    "ad_spend": "_rid",
    "lift_tests": "_rid",
}
ROW_KEYS = {
    "web_events": "event_id",
    "ad_clicks": "click_id",
    "message_events": "message_event_id",
    "crm_contacts": "contact_id",
    "crm_deals": "deal_id",
    "crm_deal_stage_history": "deal_id || '|' || stage",
    "conversions": "conversion_event_id || '|' || collector",
    "ad_spend": "spend_date || '|' || platform || '|' || campaign_id",
    "lift_tests": "experiment_id",
}
# A unique integer row id from the builders' helper columns (no window over wide rows).
# (raw_lift_tests is built with its helper columns by experiments.py.)
INITIAL_RID = {
    "web_events": "_seq",
    "ad_clicks": "_tid",
    "message_events": "_seq",
    "crm_contacts": "_pid",
    "crm_deals": "_opp_id",
    "crm_deal_stage_history": "row_number() over (order by deal_id, _ms, stage)",
    "conversions": "_opp_id * 8 + _row_kind",
    "ad_spend": "_day_idx * 1000 + _campaign_idx",
}
BAD_TIMESTAMPS = ["not a date", "2026-13-45T99:00:00Z", ""]
IMPLAUSIBLE_TIMESTAMPS = ["1970-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "1999-12-31T23:59:59+00:00"]


class Planter:
    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.seed = ctx.seed

    def h(self, kind: str, n: int, col: str = "_rid") -> str:
        """SQL: a deterministic variant number in [0, n) for the row."""
        return f"(hash({col}, '{kind}:v', {self.seed}) % {n})"

    def _select(self, table: str, kind: str, rate: float, where: str) -> int:
        n = self.ctx.scalar(f"select count(*) from raw_{table} where not _claimed and ({where})")
        if n == 0:
            self.ctx.sql("create or replace temp table _sel (_rid bigint)")
            return 0
        k = min(n, max(1, round(rate * n)))
        self.ctx.sql(f"""
            create or replace temp table _sel as
            select _rid from raw_{table}
            where not _claimed and ({where})
            order by hash(_rid, '{kind}', {self.seed}), _rid
            limit {k}
        """)
        return k

    def mark(self, table: str, kind: str, where: str, reason: str | None = None) -> None:
        """Record rows that are dirty by construction (all eligible rows)."""
        r = f"'{reason}'" if reason else "null"
        self.ctx.sql(f"""
            update raw_{table} set _claimed = true, _dirt = '{kind}', _reason = {r}
            where not _claimed and ({where})
        """)

    def modify(
        self, table: str, kind: str, rate: float, sets: dict[str, str], where: str = "true", reason: str | None = None
    ) -> None:
        """Change selected rows in place."""
        if not self._select(table, kind, rate, where):
            return
        r = f"'{reason}'" if reason else "null"
        assignments = ", ".join(f"{col} = {expr}" for col, expr in sets.items())
        self.ctx.sql(f"""
            update raw_{table} set {assignments}, _claimed = true, _dirt = '{kind}', _reason = {r}
            where _rid in (select _rid from _sel)
        """)

    def copy(
        self,
        table: str,
        kind: str,
        rate: float,
        sets: dict[str, str] | None = None,
        where: str = "true",
        reason: str | None = None,
    ) -> None:
        """Add one modified (or exact, without sets) copy of each selected row."""
        if not self._select(table, kind, rate, where):
            return
        r = f"'{reason}'" if reason else "null"
        max_rid = self.ctx.scalar(f"select max(_rid) from raw_{table}")
        replaces = dict(sets or {})
        replaces.update(
            {
                "_rid": f"{max_rid} + row_number() over (order by _rid)",
                "_claimed": "true",
                "_dirt": f"'{kind}'",
                "_reason": r,
                "_copy": "1",
            }
        )
        replace_sql = ", ".join(f"{expr} as {col}" for col, expr in replaces.items())
        self.ctx.sql(f"""
            insert into raw_{table}
            select * replace ({replace_sql})
            from raw_{table}
            where _rid in (select _rid from _sel);
            update raw_{table} set _claimed = true where _rid in (select _rid from _sel);
        """)


def _prepare(ctx: Ctx) -> None:
    for table, rid in INITIAL_RID.items():
        if table in ("web_events", "message_events"):
            continue  # built with the helper columns
        ctx.sql(f"""
            create or replace table raw_{table} as
            select
                *,
                ({rid})::bigint as _rid,
                0 as _copy,
                false as _claimed,
                null::varchar as _dirt,
                null::varchar as _reason
            from raw_{table}
        """)
    for table in ("crm_deal_stage_history", "ad_spend"):
        ctx.sql(f"alter table raw_{table} add column _pid bigint default -1")
    for table in ("crm_deals", "ad_spend"):
        ctx.sql(f"alter table raw_{table} add column _ms bigint default 0")


def build(ctx: Ctx) -> None:
    _prepare(ctx)
    p = Planter(ctx)
    _web_events(ctx, p)
    _ad_clicks(ctx, p)
    _message_events(ctx, p)
    _crm(ctx, p)
    _conversions(ctx, p)
    _ad_spend(ctx, p)
    _lift_tests(ctx, p)
    _record(ctx)


def _new_id(kind: str, seed: int, prefix: str, length: int = 24) -> str:
    return f"'{prefix}' || left(md5('{seed}:{kind}:' || _rid::varchar), {length})"


def _web_events(ctx: Ctx, p: Planter) -> None:
    t = "web_events"
    site = cat.SITE
    # by construction: consent refused, click ids that never reached the click log
    p.mark(t, "consent_marketing_false", "consent_marketing = false")
    p.mark(
        t,
        "click_id_not_in_click_log",
        """_kind = 0 and _tid in (
        select tid from touches where campaign_idx >= 0 and not in_click_log)""",
    )
    # UTM spelling on landing page views (the click log row of the same click follows)
    src = "regexp_extract(page_url, 'utm_source=([^&]*)', 1)"
    med = "regexp_extract(page_url, 'utm_medium=([^&]*)', 1)"
    landing_utm = "_kind = 0 and page_url like '%utm_source=%'"
    p.modify(
        t,
        "utm_casing",
        0.03,
        {
            "page_url": f"""replace(replace(page_url,
        'utm_source=' || {src}, 'utm_source=' || case when {p.h("utm_casing", 2)} = 0 then upper({src})
            else upper(left({src}, 1)) || substr({src}, 2) end),
        'utm_medium=' || {med}, 'utm_medium=' || case when {p.h("utm_casing_m", 2)} = 0 then upper({med}) else {med} end)"""
        },
        where=landing_utm + " and page_url like '%utm_medium=%'",
    )
    p.modify(
        t,
        "utm_whitespace",
        0.02,
        {
            "page_url": f"""replace(page_url, 'utm_source=' || {src}, 'utm_source='
        || case {p.h("utm_whitespace", 3)} when 0 then '%20' || {src} when 1 then {src} || '+' else '+' || {src} || '%20' end)"""
        },
        where=landing_utm,
    )
    p.modify(
        t,
        "utm_url_encoding",
        0.04,
        {
            "page_url": f"""case
        when {src} = 'google' then replace(page_url, 'utm_source=google', 'utm_source='
            || case when {p.h("utm_url_encoding", 2)} = 0 then 'google%20ads' else 'Google+Ads' end)
        else replace(page_url, 'utm_medium=paid_social', 'utm_medium='
            || case when {p.h("utm_url_encoding", 2)} = 0 then 'paid%5Fsocial' else 'paid%2Dsocial' end)
        end"""
        },
        where=landing_utm + " and (page_url like '%utm_source=google&%' or page_url like '%utm_medium=paid_social&%')",
    )
    p.modify(
        t,
        "utm_alias",
        0.06,
        {
            "page_url": f"""case
        when {src} in ('facebook', 'fb') then replace(page_url, 'utm_source=' || {src}, 'utm_source='
            || pick(['fb', 'facebook.com', 'Facebook', 'meta'], {p.h("utm_alias", 4)}::int))
        when {src} = 'google' then replace(page_url, 'utm_source=google', 'utm_source=adwords')
        else replace(page_url, 'utm_medium=paid_social', 'utm_medium='
            || pick(['paid-social', 'PaidSocial'], {p.h("utm_alias", 2)}::int))
        end"""
        },
        where=landing_utm + " and (page_url like '%utm_source=facebook&%' or page_url like '%utm_source=fb&%'"
        " or page_url like '%utm_source=google&%' or page_url like '%utm_medium=paid_social&%')",
    )
    # missing referrer on an unpaid landing: the warehouse sees direct
    p.modify(
        t,
        "missing_referrer",
        0.04,
        {"referrer_url": "null"},
        where="""_kind = 0 and referrer_url is not null and page_url not like '%?%' and _tid in (
                select tid from touches where channel in ('organic_search', 'organic_social', 'referral', 'ai_search'))""",
    )
    # emails as typed
    p.modify(
        t,
        "email_unnormalized",
        0.10,
        {
            "email": f"""case {p.h("email_unnormalized", 3)}
        when 0 then upper(left(email, 1)) || substr(email, 2)
        when 1 then '  ' || upper(email)
        else email || ' ' end"""
        },
        where="email is not null",
    )
    # junk identifiers on rows that carry no link
    junk = sql_list(["", "null", "undefined", "0"])
    p.modify(
        t,
        "junk_anonymous_id",
        0.005,
        {"anonymous_id": f"pick({junk}, {p.h('junk_anonymous_id', 4)}::int)"},
        where="_kind in (1, 3)",
    )
    p.modify(
        t,
        "junk_user_id",
        0.01,
        {"user_id": f"pick({junk}, {p.h('junk_user_id', 4)}::int)"},
        where="_kind in (1, 3) and user_id is null",
    )
    p.modify(
        t,
        "junk_email",
        0.005,
        {"email": f"pick(['test@test.com', 'undefined', 'null'], {p.h('junk_email', 3)}::int)"},
        where="_kind in (1, 3) and email is null",
    )
    # broken timestamps on inner page views
    p.modify(
        t,
        "unparseable_timestamp",
        0.004,
        {"occurred_at": f"pick({sql_list(BAD_TIMESTAMPS)}, {p.h('ts', 3)}::int)"},
        where="_kind in (1, 3)",
        reason="unparseable_timestamp",
    )
    p.modify(
        t,
        "implausible_timestamp",
        0.002,
        {"occurred_at": f"pick({sql_list(IMPLAUSIBLE_TIMESTAMPS)}, {p.h('its', 3)}::int)"},
        where="_kind in (1, 3)",
        reason="implausible_timestamp",
    )
    # extra rows: retries, bots, missing keys
    p.copy(t, "retried_event", 0.02, reason="duplicate_event")
    bots = sql_list(cat.BOT_USER_AGENTS)
    p.copy(
        t,
        "bot_user_agent",
        0.02,
        {
            "event_id": _new_id("bot", p.seed, "evt_", 28),
            "event_type": "'page_view'",
            "anonymous_id": "left(md5('bot' || _did::varchar || _kind::varchar), 8) || '-bot0-' || left(md5(_rid::varchar), 12)",
            "user_id": "null",
            "email": "null",
            "session_id": "null",
            "referrer_url": "null",
            "page_url": f"'{site}' || pick({sql_list(cat.INNER_PATHS)}, {p.h('botpath', len(cat.INNER_PATHS))}::int)",
            "user_agent": f"pick({bots}, {p.h('botua', len(cat.BOT_USER_AGENTS))}::int)",
            "ip_address": "'66.249.' || (hash(_rid, 'ip') % 255)::varchar || '.' || (hash(_rid, 'ip2') % 255)::varchar",
            "consent_marketing": "null",
            "_pid": "-1",
        },
        where="_kind in (0, 1)",
        reason="bot",
    )
    p.copy(
        t,
        "missing_key",
        0.003,
        {"event_id": f"pick([null, '', 'undefined'], {p.h('mk', 3)}::int)"},
        where="_kind = 1",
        reason="missing_key",
    )


def _ad_clicks(ctx: Ctx, p: Planter) -> None:
    t = "ad_clicks"
    # the click log row of a click whose landing URL got messy UTMs carries the same URL
    ctx.sql("""
        update raw_ad_clicks as c
        set landing_page_url = w.page_url, _claimed = true, _dirt = w._dirt
        from raw_web_events as w
        where w._tid = c._tid and w._kind = 0 and w._copy = 0 and w._dirt like 'utm_%'
    """)
    p.mark(t, "click_without_landing", "_tid in (select tid from touches where not has_landing)")
    p.copy(t, "retried_event", 0.015, reason="duplicate_event")
    bots = sql_list(
        [u for u in cat.BOT_USER_AGENTS if "bot" not in u.lower()]
        + ["Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)"]
    )
    n_bots = len([u for u in cat.BOT_USER_AGENTS if "bot" not in u.lower()]) + 1
    new_click = "'bt' || left(md5('botclick' || _rid::varchar), 30)"
    p.copy(
        t,
        "bot_user_agent",
        0.02,
        {
            "click_id": new_click,
            "user_agent": f"pick({bots}, {p.h('botua', n_bots)}::int)",
            "landing_page_url": f"replace(landing_page_url, click_id, {new_click})",
            "device_type": "'desktop'",
            "os": "'Linux'",
            "browser": "null",
            "ip_address": "'34.' || (hash(_rid, 'ip') % 255)::varchar || '.' || (hash(_rid, 'ip2') % 255)::varchar || '.7'",
            "_pid": "-1",
        },
        reason="bot",
    )
    new_click2 = "'tc' || left(md5('badcost' || _rid::varchar), 30)"
    p.copy(
        t,
        "invalid_amount",
        0.003,
        {
            "click_id": new_click2,
            "landing_page_url": f"replace(landing_page_url, click_id, {new_click2})",
            "cost": f"pick([-0.42, 1e9, 'nan'::double], {p.h('cost', 3)}::int)",
            "_pid": "-1",
        },
        where="cost is not null",
    )  # a real click with an unusable cost: staged, cost null (cost_issue)
    new_click3 = "'tx' || left(md5('badcur' || _rid::varchar), 30)"
    p.copy(
        t,
        "unknown_currency",
        0.002,
        {
            "click_id": new_click3,
            "landing_page_url": f"replace(landing_page_url, click_id, {new_click3})",
            "currency": f"pick(['XXX', 'XYZ'], {p.h('cur', 2)}::int)",
            "_pid": "-1",
        },
        where="cost is not null",
    )  # staged, cost null (cost_issue)
    p.copy(
        t,
        "unparseable_timestamp",
        0.002,
        {
            "click_id": "'tt' || left(md5('badts' || _rid::varchar), 30)",
            "landing_page_url": "replace(landing_page_url, click_id, 'tt' || left(md5('badts' || _rid::varchar), 30))",
            "clicked_at": f"pick({sql_list(BAD_TIMESTAMPS)}, {p.h('ts', 3)}::int)",
            "_pid": "-1",
        },
        reason="unparseable_timestamp",
    )
    p.copy(
        t,
        "missing_key",
        0.002,
        {"click_id": f"pick([null, '', 'null'], {p.h('mk', 3)}::int)", "_pid": "-1"},
        reason="missing_key",
    )


def _message_events(ctx: Ctx, p: Planter) -> None:
    t = "message_events"
    background = "_tid < 0"
    p.modify(
        t,
        "channel_casing",
        0.02,
        {
            "channel": f"case channel when 'email' then pick(['Email', 'EMAIL'], {p.h('cc', 2)}::int) "
            "when 'SMS' then 'sms' when 'WhatsApp' then 'WHATSAPP' else 'Web_Push' end"
        },
    )
    p.modify(
        t,
        "email_unnormalized",
        0.05,
        {
            "email": f"""case {p.h("email_unnormalized", 2)}
        when 0 then upper(email) else ' ' || upper(left(email, 1)) || substr(email, 2) end"""
        },
        where="email is not null",
    )
    p.modify(
        t,
        "junk_email",
        0.003,
        {"email": f"pick(['test@test.com', 'null', ''], {p.h('je', 3)}::int)"},
        where=background + " and email is not null",
    )
    p.modify(
        t,
        "invalid_value",
        0.002,
        {"channel": f"pick(['fax', 'carrier_pigeon'], {p.h('iv', 2)}::int)"},
        where=background,
        reason="invalid_value",
    )
    p.modify(
        t,
        "unparseable_timestamp",
        0.002,
        {"occurred_at": f"pick({sql_list(BAD_TIMESTAMPS)}, {p.h('ts', 3)}::int)"},
        where=background,
        reason="unparseable_timestamp",
    )
    p.copy(t, "retried_event", 0.015, reason="duplicate_event")
    p.copy(
        t,
        "missing_key",
        0.002,
        {"message_event_id": f"pick([null, '', 'undefined'], {p.h('mk', 3)}::int)"},
        where=background,
        reason="missing_key",
    )


def _crm(ctx: Ctx, p: Planter) -> None:
    t = "crm_contacts"
    email_variant = f"""case {p.h("dupemail", 3)}
        when 0 then upper(left(email, 1)) || substr(email, 2)
        when 1 then ' ' || email || ' '
        else upper(email) end"""
    p.copy(
        t,
        "duplicate_contact_email_variant",
        0.03,
        {
            "contact_id": "(80000000 + _rid * 3)::varchar",
            "email": email_variant,
        },
        where="email is not null",
    )
    p.copy(
        t,
        "merged_contact",
        0.02,
        {
            "contact_id": "(80000001 + _rid * 3)::varchar",
            "email": email_variant,
            "merged_into_contact_id": "contact_id",
        },
        where="email is not null",
    )
    p.modify(
        t,
        "email_unnormalized",
        0.04,
        {"email": "' ' || upper(left(email, 1)) || substr(email, 2)"},
        where="email is not null",
    )
    p.modify(
        t,
        "junk_email",
        0.01,
        {"email": f"pick(['test@test.com', 'null', ''], {p.h('je', 3)}::int)"},
        where="email is not null and lifecycle_stage = 'subscriber'",
    )
    p.copy(t, "retried_event", 0.01, reason="duplicate_event")
    p.copy(
        t,
        "missing_key",
        0.005,
        {"contact_id": f"pick([null, '', '0'], {p.h('mk', 3)}::int)", "_pid": "-1"},
        reason="missing_key",
    )
    p.copy(
        t,
        "unparseable_timestamp",
        0.005,
        {
            "contact_id": "(80000002 + _rid * 3)::varchar",
            "created_at": f"pick({sql_list(BAD_TIMESTAMPS)}, {p.h('ts', 3)}::int)",
            "_pid": "-1",
        },
        reason="unparseable_timestamp",
    )

    t = "crm_deals"
    p.copy(t, "retried_event", 0.02, reason="duplicate_event")
    p.copy(
        t,
        "invalid_amount",
        0.02,
        {
            "deal_id": "'DX' || _rid::varchar",
            "amount": f"pick([-5000.0, 1e9], {p.h('amt', 2)}::int)",
            "currency": "coalesce(currency, 'USD')",
            "_pid": "-1",
        },
        reason="invalid_amount",
    )
    p.copy(
        t,
        "unknown_currency",
        0.01,
        {
            "deal_id": "'DY' || _rid::varchar",
            "amount": "coalesce(amount, 1000.0)",
            "currency": f"pick(['XXX', 'XYZ'], {p.h('cur', 2)}::int)",
            "_pid": "-1",
        },
        reason="unknown_currency",
    )
    p.copy(
        t,
        "missing_key",
        0.01,
        {"deal_id": f"pick([null, ''], {p.h('mk', 2)}::int)", "_pid": "-1"},
        reason="missing_key",
    )

    t = "crm_deal_stage_history"
    p.copy(t, "retried_event", 0.02, reason="duplicate_event")
    p.copy(t, "invalid_value", 0.01, {"stage": "'negotiation??'"}, where="stage = 'qualified'", reason="invalid_value")
    p.copy(
        t,
        "unparseable_timestamp",
        0.01,
        {"stage": "'closed_lost'", "entered_at": f"pick({sql_list(BAD_TIMESTAMPS)}, {p.h('ts', 3)}::int)"},
        where="""stage = 'qualified' and deal_id not in (
               select deal_id from raw_crm_deal_stage_history where stage = 'closed_lost')""",
        reason="unparseable_timestamp",
    )


def _conversions(ctx: Ctx, p: Planter) -> None:
    t = "conversions"
    # by construction: the server copy of a browser+server pair, the second
    # collector of one order
    p.mark(
        t,
        "browser_server_copy",
        """collector = 'server' and conversion_type <> 'refund' and conversion_event_id in (
        select conversion_event_id from raw_conversions where collector = 'browser')""",
    )
    p.mark(
        t,
        "same_order_other_collector",
        """conversion_type <> 'refund' and order_id is not null
        and order_id || '|' || conversion_event_id not in (
            select order_id || '|' || arg_min(conversion_event_id, _ms)
            from raw_conversions
            where conversion_type <> 'refund' and order_id is not null
            group by order_id
        )""",
    )
    p.mark(t, "refund", "conversion_type = 'refund'")
    p.modify(
        t,
        "null_amount",
        0.3,
        {"revenue": "null", "currency": "null"},
        where="""collector = 'browser' and revenue is not null and conversion_event_id in (
                select conversion_event_id from raw_conversions where collector = 'server')""",
    )
    p.modify(
        t,
        "email_unnormalized",
        0.06,
        {
            "email": f"""case {p.h("eu", 2)}
        when 0 then upper(left(email, 1)) || substr(email, 2) || ' ' else '  ' || upper(email) end"""
        },
        where="email is not null",
    )
    junk = sql_list(["", "null", "undefined", "0"])
    p.modify(
        t,
        "junk_anonymous_id",
        0.03,
        {"anonymous_id": f"pick({junk}, {p.h('ja', 4)}::int)"},
        where="collector = 'server' and anonymous_id is null",
    )
    p.modify(
        t,
        "junk_email",
        0.02,
        {"email": f"pick(['test@test.com', 'undefined', ''], {p.h('je', 3)}::int)"},
        where="collector = 'server' and email is null",
    )
    p.modify(
        t,
        "junk_user_id",
        0.02,
        {"user_id": f"pick({junk}, {p.h('ju', 4)}::int)"},
        where="collector in ('server', 'browser') and user_id is null",
    )
    p.copy(t, "retried_event", 0.02, reason="duplicate_event")
    test_id = "'tst_' || left(md5('{k}' || _rid::varchar), 20)"
    test_order = "'ORD-T' || _rid::varchar"
    p.copy(
        t,
        "invalid_amount",
        0.01,
        {
            "conversion_event_id": test_id.format(k="amt"),
            "order_id": test_order,
            "revenue": f"pick([-49.99, 1e9, 'nan'::double, 'inf'::double], {p.h('amt', 4)}::int)",
            "currency": "coalesce(currency, 'USD')",
            "_pid": "-1",
        },
        where="conversion_type = 'purchase' and collector in ('browser', 'server')",
        reason="invalid_amount",
    )
    p.copy(
        t,
        "unknown_currency",
        0.008,
        {
            "conversion_event_id": test_id.format(k="cur"),
            "order_id": test_order,
            "revenue": "coalesce(revenue, 10.0)",
            "currency": f"pick(['XXX', 'XYZ'], {p.h('cur', 2)}::int)",
            "_pid": "-1",
        },
        where="conversion_type = 'purchase' and collector in ('browser', 'server')",
        reason="unknown_currency",
    )
    p.copy(
        t,
        "unparseable_timestamp",
        0.005,
        {
            "conversion_event_id": test_id.format(k="ts"),
            "order_id": test_order,
            "occurred_at": f"pick({sql_list(BAD_TIMESTAMPS)}, {p.h('ts', 3)}::int)",
            "_pid": "-1",
        },
        where="conversion_type = 'purchase'",
        reason="unparseable_timestamp",
    )
    p.copy(
        t,
        "implausible_timestamp",
        0.005,
        {
            "conversion_event_id": test_id.format(k="its"),
            "order_id": test_order,
            "occurred_at": f"pick({sql_list(IMPLAUSIBLE_TIMESTAMPS)}, {p.h('its', 3)}::int)",
            "_pid": "-1",
        },
        where="conversion_type = 'purchase'",
        reason="implausible_timestamp",
    )
    p.copy(
        t,
        "missing_key",
        0.005,
        {
            "conversion_event_id": f"pick([null, '', 'undefined'], {p.h('mk', 3)}::int)",
            "order_id": test_order,
            "_pid": "-1",
        },
        where="conversion_type = 'purchase'",
        reason="missing_key",
    )


def _ad_spend(ctx: Ctx, p: Planter) -> None:
    t = "ad_spend"
    p.modify(t, "null_amount", 0.01, {"spend": "null"}, where="clicks = 0")
    p.copy(t, "retried_event", 0.01, reason="duplicate_event")
    p.copy(
        t,
        "invalid_amount",
        0.005,
        {"campaign_id": "campaign_id || '-adj'", "spend": f"pick([-12.5, 1e9], {p.h('amt', 2)}::int)"},
        reason="invalid_amount",
    )
    p.copy(
        t,
        "unknown_currency",
        0.003,
        {"campaign_id": "campaign_id || '-x'", "currency": f"pick(['XXX', 'XYZ'], {p.h('cur', 2)}::int)"},
        reason="unknown_currency",
    )
    p.copy(
        t,
        "unparseable_timestamp",
        0.003,
        {"spend_date": f"pick(['not a date', '2026-13-45', ''], {p.h('ts', 3)}::int)"},
        reason="unparseable_timestamp",
    )
    p.copy(t, "missing_key", 0.002, {"campaign_id": f"pick([null, ''], {p.h('mk', 2)}::int)"}, reason="missing_key")


def _lift_tests(ctx: Ctx, p: Planter) -> None:
    """One row of each kind (the table holds a handful of tests): an exact
    re-export, and copies under new ids that contradict themselves."""
    t = "lift_tests"
    p.copy(t, "retried_event", 0.01, reason="duplicate_event")
    p.copy(
        t,
        "end_before_start",
        0.01,
        {"experiment_id": "experiment_id || '-r'", "start_date": "end_date", "end_date": "start_date"},
        reason="invalid_value",
    )
    p.copy(
        t,
        "interval_excludes_estimate",
        0.01,
        {
            "experiment_id": "experiment_id || '-v2'",
            "incremental_conversions_low": "incremental_conversions + 5",
            "incremental_conversions_high": "incremental_conversions + 25",
        },
        reason="invalid_value",
    )
    p.copy(
        t,
        "unknown_channel",
        0.01,
        {"experiment_id": "experiment_id || '-ctv'", "channel": "'connected_tv'"},
        reason="invalid_value",
    )


def _record(ctx: Ctx) -> None:
    parts = []
    for table, key in ROW_KEYS.items():
        parts.append(f"""
            select
                '{table}' as table_name,
                case when _dirt = 'missing_key' then null else {key} end as row_key,
                _dirt as dirt_kind,
                case when _reason is null then 'staged' else 'quarantined' end as expected_outcome,
                _reason as expected_reason,
                _rid
            from raw_{table}
            where _dirt is not null
        """)
    ctx.sql(f"""
        create or replace table truth_dirty_rows as
        select table_name, row_key, dirt_kind, expected_outcome, expected_reason
        from ({" union all ".join(parts)})
        order by table_name, dirt_kind, row_key nulls first, _rid
    """)
    # What the evidence on each touch says after the dirt (missing referrer -> direct).
    ctx.sql("""
        update truth_touches set expected_channel = 'direct'
        where touch_kind = 'web_visit' and touch_key in (
            select 'T' || lpad(_tid::varchar, 9, '0') from raw_web_events where _dirt = 'missing_referrer'
        )
    """)
