"""Conversions as every collector reports them, and refunds.

A converted opportunity becomes one business conversion (truth) and one or more
raw rows, following a collector pattern:

- purchase / subscription: browser + server with the same conversion_event_id
  (50%), server only (15%), browser only (10%), offline_store (10%, 30% of them
  skip_attribution), browser + server with different event ids but the same
  order_id (15%); plus a postback (network's own event id, the click id, same
  order_id) when an affiliate or native click of the person lies in the 30 days
  before; 4% of online purchases are refunded later (server row, type refund).
- signup: browser + server same id (70%) or server only; order_id null.
- lead: browser form + crm row with different ids and the same order_id (60%),
  crm only (25%), browser only (15%).

Tables: `conv_base` (one row per business conversion), `raw_conversions`.
"""

from __future__ import annotations

import numpy as np

from . import catalog as cat
from .context import DAY_MS, Ctx, sql_list


def build(ctx: Ctx) -> None:
    rng = ctx.rng("conversions")
    rates = "[" + ", ".join(str(v) for v in cat.USD_RATES.values()) + "]"
    currencies = sql_list(list(cat.USD_RATES))
    salt = ctx.md5_prefix("conv")
    end = ctx.end_ms
    ctx.sql(f"""
        create or replace table conv_base as
        with converted as (
            select o.*, row_number() over (order by o.opp_ms, o.opp_id) as conv_seq
            from opps as o
            where o.converted
        ),
        closing as (
            select opp_id, did from touches where is_closing
        ),
        priced as (
            select
                c.opp_id,
                c.conv_seq,
                c.pid,
                c.opp_ms as conv_ms,
                c.u_collector,
                c.u_misc,
                pick(['purchase', 'signup', 'subscription', 'lead'], c.opp_type_code) as conversion_type,
                cl.did,
                p.currency,
                list_position({currencies}, p.currency) as cur_pos,
                case c.opp_type_code
                    when 0 then exp(ln(85) + 0.6 * sqrt(-2 * ln(greatest(c.u_value, 1e-12))) * cos(2 * pi() * c.u_misc))
                    when 2 then pick([19.0, 39.0, 99.0], (floor(c.u_value * 3))::int)
                end as revenue_usd_raw
            from converted as c
            inner join closing as cl on cl.opp_id = c.opp_id
            inner join persons as p on p.pid = c.pid
        )
        select
            * exclude (revenue_usd_raw, cur_pos),
            -- local amount, rounded like a shop would (whole yen)
            case when revenue_usd_raw is not null then
                case when currency = 'JPY' then round(revenue_usd_raw / {rates}[cur_pos], 0)
                    else round(revenue_usd_raw / {rates}[cur_pos], 2) end
            end as revenue_local,
            {rates}[cur_pos] as usd_rate,
            case
                when conversion_type in ('purchase', 'subscription') then
                    case
                        when u_collector < 0.50 then 'browser+server'
                        when u_collector < 0.65 then 'server'
                        when u_collector < 0.75 then 'browser'
                        when u_collector < 0.85 then 'offline_store'
                        else 'browser+server_ids'
                    end
                when conversion_type = 'signup' then case when u_collector < 0.7 then 'browser+server' else 'server' end
                else case when u_collector < 0.60 then 'browser+crm' when u_collector < 0.85 then 'crm' else 'browser' end
            end as pattern,
            case when conversion_type = 'lead' then 'LEAD-' || (700000 + conv_seq)::varchar
                when conversion_type in ('purchase', 'subscription') then 'ORD-' || (100000 + conv_seq)::varchar
            end as order_id,
            'evt_' || left(md5({salt} || opp_id::varchar), 24) as event_id
        from priced
        order by opp_id;
    """)
    # Per-conversion random draws for the row details.
    nb = ctx.scalar("select count(*) from conv_base")
    ctx.register(
        "conv_draws",
        {
            "seq": np.arange(nb, dtype=np.int64),
            "server_delay_ms": rng.integers(200, 3000, nb),
            "crm_delay_ms": rng.integers(60_000, 600_000, nb),
            "postback_delay_ms": rng.integers(60_000, 3_600_000, nb),
            "server_has_anon": rng.random(nb) < 0.2,
            "server_has_phone": rng.random(nb) < 0.3,
            "offline_ident": rng.choice(3, size=nb, p=[0.6, 0.3, 0.1]).astype(np.int8),
            "skip": rng.choice(3, size=nb, p=[0.3, 0.35, 0.35]).astype(np.int8),
            "store": rng.integers(0, len(cat.STORES), nb),
            "postback_take": rng.random(nb) < 0.8,
            "refund": rng.random(nb) < 0.04,
            "refund_full": rng.random(nb) < 0.6,
            "refund_share": rng.uniform(0.3, 0.7, nb),
            "refund_delay_ms": (rng.uniform(2, 20, nb) * DAY_MS).astype(np.int64),
        },
    )
    ctx.sql(f"""
        create or replace table conv_base as
        with numbered as (
            select *, row_number() over (order by opp_id) - 1 as seq from conv_base
        ),
        -- latest affiliate or native click in the 30 days before the conversion
        postback_clicks as (
            select
                n.opp_id,
                arg_max(t.click_id, t.touched_ms) as postback_click_id
            from numbered as n
            inner join touches as t
                on t.pid = n.pid
                and t.channel in ('affiliate', 'native')
                and t.touched_ms <= n.conv_ms
                and t.touched_ms > n.conv_ms - {30 * DAY_MS}
            group by n.opp_id
        ),
        logged_in as (
            select did, min(ident_ms) as login_ms
            from device_ident
            where ident_kind = 'login'
            group by did
        )
        select
            n.*,
            dr.* exclude (seq),
            case when n.conversion_type = 'purchase' and dr.postback_take then pc.postback_click_id end as postback_click_id,
            d.anonymous_id,
            p.user_id,
            p.email,
            p.phone_raw,
            p.tz_off,
            coalesce(li.login_ms <= n.conv_ms, false) as device_logged_in,
            n.conversion_type = 'purchase' and n.pattern <> 'offline_store' and dr.refund
                and n.conv_ms + dr.refund_delay_ms < {end} as is_refunded
        from numbered as n
        inner join conv_draws as dr on dr.seq = n.seq
        inner join devices as d on d.did = n.did
        inner join persons as p on p.pid = n.pid
        left join postback_clicks as pc on pc.opp_id = n.opp_id
        left join logged_in as li on li.did = n.did
        order by n.opp_id;
        drop table conv_draws;
    """)
    ctx.sql(f"""
        create or replace table raw_conversions as
        with browser_rows as (
            select
                case when pattern = 'browser+server_ids' then 'ga4_' || left(md5(event_id || 'b'), 20) else event_id end as conversion_event_id,
                order_id, conversion_type,
                iso_ts(conv_ms, tz_off, true, true) as occurred_at,
                'browser' as collector,
                anonymous_id,
                case when device_logged_in then user_id end as user_id,
                case when conversion_type = 'lead' then email end as email,
                null::varchar as phone,
                null::varchar as click_id,
                revenue_local as revenue,
                case when revenue_local is not null then currency end as currency,
                null::boolean as skip_attribution,
                null::varchar as store_id,
                pid as _pid, opp_id as _opp_id, conv_ms as _ms, 1 as _row_kind
            from conv_base
            where pattern in ('browser+server', 'browser', 'browser+server_ids', 'browser+crm')
        ),
        server_rows as (
            select
                case when pattern = 'browser+server_ids' then 'shp_' || left(md5(event_id || 's'), 20) else event_id end,
                order_id, conversion_type,
                iso_ts(conv_ms + server_delay_ms, 0, true, true),
                'server',
                case when server_has_anon then anonymous_id end,
                user_id,
                email,
                case when server_has_phone then phone_raw end,
                null,
                revenue_local,
                case when revenue_local is not null then currency end,
                null,
                null,
                pid, opp_id, conv_ms + server_delay_ms, 2
            from conv_base
            where pattern in ('browser+server', 'server', 'browser+server_ids')
        ),
        crm_rows as (
            select
                'crm_' || left(md5(event_id || 'c'), 20),
                order_id, conversion_type,
                iso_ts(conv_ms + crm_delay_ms, 0, false, false),
                'crm',
                null, null,
                email,
                phone_raw,
                null, null, null, null, null,
                pid, opp_id, conv_ms + crm_delay_ms, 3
            from conv_base
            where pattern in ('browser+crm', 'crm')
        ),
        offline_rows as (
            select
                'pos_' || left(md5(event_id || 'o'), 20),
                order_id, conversion_type,
                iso_ts(conv_ms, tz_off, false, false),
                'offline_store',
                null, null,
                case when offline_ident = 0 then email end,
                case when offline_ident = 1 then phone_raw end,
                null,
                revenue_local,
                currency,
                case skip when 0 then true when 1 then false end,
                pick({sql_list(cat.STORES)}, store),
                pid, opp_id, conv_ms, 4
            from conv_base
            where pattern = 'offline_store'
        ),
        postback_rows as (
            select
                'pb_' || left(md5(event_id || 'p'), 20),
                order_id, conversion_type,
                iso_ts(conv_ms + postback_delay_ms, 0, false, true),
                'postback',
                null, null, null, null,
                postback_click_id,
                revenue_local,
                currency,
                null, null,
                pid, opp_id, conv_ms + postback_delay_ms, 5
            from conv_base
            where postback_click_id is not null and pattern <> 'offline_store'
        ),
        refund_rows as (
            select
                'rfd_' || left(md5(event_id || 'r'), 20),
                order_id, 'refund',
                iso_ts(conv_ms + refund_delay_ms, 0, true, true),
                'server',
                null, user_id, email, null, null,
                case when refund_full then revenue_local
                    when currency = 'JPY' then round(revenue_local * refund_share, 0)
                    else round(revenue_local * refund_share, 2) end,
                currency,
                null, null,
                pid, opp_id, conv_ms + refund_delay_ms, 6
            from conv_base
            where is_refunded
        ),
        unioned as (
            select * from browser_rows
            union all select * from server_rows
            union all select * from crm_rows
            union all select * from offline_rows
            union all select * from postback_rows
            union all select * from refund_rows
        )
        select * from unioned
        order by _ms, _opp_id, _row_kind;
    """)
