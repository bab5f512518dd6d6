"""Conversion opportunities, marketing touches and the causal model.

Every person has one or more *opportunities*: moments when they may convert
(buy, sign up, subscribe, or for b2b people submit a lead form). Each
opportunity is preceded by touches drawn from a channel mix, with lags that
depend on the channel's funnel stage (upper funnel early, lower funnel late),
and ends with a *closing visit* a few minutes before it.

Causal model (documented in docs/generator.md): the opportunity converts when
    u < sigmoid(base(segment) + propensity(person) + sum_c contribution_c)
where contribution_c sums the lifts of the person's touches of channel c in the
30 days before the opportunity, the k-th most recent one weighted 0.5 ** (k-1),
and u is one uniform per opportunity (common random numbers). Re-evaluating
with contribution_c removed gives the counterfactual without channel c.

Tables: `opps` (one row per opportunity, with `converted`), `touches` (one row
per touch), `channel_incrementality` (the causal answer).
"""

from __future__ import annotations

import numpy as np

from . import catalog as cat
from .context import DAY_MS, HOUR_MS, MINUTE_MS, Ctx, choice_weighted, repeat_index, sql_list

OPP_TYPES = ["purchase", "signup", "subscription", "lead"]


def _campaign_choice(rng, channel: np.ndarray, closing: np.ndarray, is_b2b: np.ndarray) -> np.ndarray:
    """Campaign index for paid touches (-1 for unpaid)."""
    out = np.full(len(channel), -1, dtype=np.int64)
    u = rng.random(len(channel))
    for ch_name in cat.PAID_CHANNELS:
        ch = cat.CH[ch_name]
        idx = [i for i, c in enumerate(cat.CAMPAIGNS) if c[4] == ch_name]
        if not idx:
            continue
        for is_closing in (False, True):
            for b2b in (False, True):
                w = np.array([cat.CAMPAIGNS[i][8 if is_closing else 7] for i in idx], dtype=float)
                if b2b:
                    w = w * np.array([cat.B2B_CAMPAIGN_BOOST.get(cat.CAMPAIGNS[i][0], 1.0) for i in idx])
                if w.sum() == 0:
                    w = np.array([cat.CAMPAIGNS[i][7] for i in idx], dtype=float)
                cdf = np.cumsum(w / w.sum())
                mask = (channel == ch) & (closing == is_closing) & (is_b2b == b2b)
                pos = np.minimum(np.searchsorted(cdf, u[mask], side="right"), len(idx) - 1)
                out[mask] = np.asarray(idx)[pos]
    return out


def _available(channel: np.ndarray, p: dict[str, np.ndarray], pid: np.ndarray) -> np.ndarray:
    """Owned channels need a subscription; otherwise the visit comes organically."""
    ch = channel.copy()
    for name, flag in (
        ("email", "email_sub"),
        ("sms", "sms_sub"),
        ("whatsapp", "whatsapp_sub"),
        ("web_push", "push_sub"),
    ):
        bad = (ch == cat.CH[name]) & ~p[flag][pid]
        ch[bad] = np.where(name == "email", cat.CH["direct"], cat.CH["organic_search"])
    return ch


def build(ctx: Ctx) -> None:
    rng = ctx.rng("journeys")
    p = ctx.fetch(
        "select pid, is_b2b, propensity, email_sub, sms_sub, whatsapp_sub, push_sub, n_devices from persons order by pid"
    )
    n = len(p["pid"])
    start, end = ctx.start_ms, ctx.end_ms

    # --- opportunities -------------------------------------------------------------
    n_opp = 1 + np.minimum(rng.poisson(0.6, n), 3)
    o_pid = repeat_index(n_opp)
    no = len(o_pid)
    o_at = start + DAY_MS + (rng.random(no) * (end - start - DAY_MS - HOUR_MS)).astype(np.int64)
    o_b2b = p["is_b2b"][o_pid]
    o_type = np.where(o_b2b, 3, choice_weighted(rng, [0.75, 0.15, 0.10], no))
    o_u = rng.random(no)
    # Order opportunities by person then time, so ids follow the timeline.
    order = np.lexsort((o_at, o_pid))
    o_pid, o_at, o_type, o_u, o_b2b = o_pid[order], o_at[order], o_type[order], o_u[order], o_b2b[order]

    # --- touches ---------------------------------------------------------------------
    ch_names = list(cat.PRE_TOUCH_WEIGHTS)
    n_pre = rng.poisson(2.2, no)
    t_opp = repeat_index(n_pre)
    t_pid = o_pid[t_opp]
    pre_ch = np.array([cat.CH[c] for c in ch_names])[
        choice_weighted(rng, [cat.PRE_TOUCH_WEIGHTS[c] for c in ch_names], len(t_opp))
    ]
    lag_mean = np.array([cat.CHANNEL_LAG_DAYS[c] for c in cat.CHANNELS])[pre_ch]
    lag = np.clip(rng.exponential(lag_mean) * DAY_MS, HOUR_MS, 29 * DAY_MS).astype(np.int64)
    pre_at = o_at[t_opp] - lag

    close_names = list(cat.CLOSING_TOUCH_WEIGHTS)
    close_ch = np.array([cat.CH[c] for c in close_names])[
        choice_weighted(rng, [cat.CLOSING_TOUCH_WEIGHTS[c] for c in close_names], no)
    ]
    close_at = o_at - (rng.uniform(3, 25, no) * MINUTE_MS).astype(np.int64)

    t_opp = np.r_[t_opp, np.arange(no)]
    t_pid = o_pid[t_opp]
    t_ch = _available(np.r_[pre_ch, close_ch], p, t_pid)
    t_at = np.r_[pre_at, close_at]
    t_closing = np.r_[np.zeros(len(pre_ch), bool), np.ones(no, bool)]
    keep = t_at >= start
    t_opp, t_pid, t_ch, t_at, t_closing = t_opp[keep], t_pid[keep], t_ch[keep], t_at[keep], t_closing[keep]
    nt = len(t_opp)
    t_campaign = _campaign_choice(rng, t_ch, t_closing, p["is_b2b"][t_pid])
    t_device_rank = (rng.random(nt) * p["n_devices"][t_pid]).astype(np.int64)
    base_lift = np.array([cat.CHANNEL_LIFT[c] for c in cat.CHANNELS])[t_ch]
    camp_lift = np.array([c[9] if c[9] is not None else np.nan for c in cat.CAMPAIGNS] + [np.nan])[t_campaign]
    t_lift = np.where(np.isnan(camp_lift), base_lift, camp_lift)
    # Sort touches on the timeline; touch ids follow that order.
    order = np.lexsort((t_closing, t_at, t_pid))
    ctx.register(
        "touches_n",
        {
            "tid": np.arange(nt, dtype=np.int64),
            "opp_id": t_opp[order],
            "pid": t_pid[order],
            "channel_code": t_ch[order].astype(np.int16),
            "touched_ms": t_at[order],
            "is_closing": t_closing[order],
            "campaign_idx": t_campaign[order],
            "device_rank": t_device_rank[order].astype(np.int16),
            "lift": t_lift[order],
            "u_touch": rng.random(nt),
        },
    )
    # Click-log gaps: 3% of paid non-closing clicks never reach the site (the
    # landing page view is lost), 3% of landed paid clicks are missing from the
    # click log (ad blockers, tracker outages). Both are dirt in truth.dirty_rows.
    frng = ctx.rng("touch_flags")
    paid = t_campaign[order] >= 0
    u_flag = frng.random(nt)
    ctx.con.execute("alter table touches_n add column has_landing boolean")
    ctx.con.execute("alter table touches_n add column in_click_log boolean")
    ctx.register(
        "touch_flags",
        {
            "tid": np.arange(nt, dtype=np.int64),
            "has_landing": ~(paid & ~t_closing[order] & (u_flag < 0.03)),
            "in_click_log": ~(paid & (u_flag >= 0.03) & (u_flag < 0.06)),
        },
    )
    ctx.sql("""
        update touches_n set has_landing = f.has_landing, in_click_log = f.in_click_log
        from touch_flags as f where f.tid = touches_n.tid;
        drop table touch_flags;
    """)
    ctx.register(
        "opps",
        {
            "opp_id": np.arange(no, dtype=np.int64),
            "pid": o_pid,
            "opp_ms": o_at,
            "opp_type_code": o_type.astype(np.int8),
            "is_b2b": o_b2b,
            "u": o_u,
            "u_value": rng.random(no),
            "u_collector": rng.random(no),
            "u_misc": rng.random(no),
        },
    )
    networks = [c[2] for c in cat.CAMPAIGNS]
    params = [cat.NETWORKS[c[2]][0] for c in cat.CAMPAIGNS]
    salt = ctx.md5_prefix("click")
    ctx.sql(f"""
        create or replace table touches as
        with joined as (
            select
                t.*,
                d.did,
                pick({sql_list(cat.CHANNELS)}, t.channel_code) as channel,
                case when t.campaign_idx >= 0 then pick({sql_list(networks)}, t.campaign_idx) end as network,
                case when t.campaign_idx >= 0 then pick({sql_list(params)}, t.campaign_idx) end as click_param,
                md5({salt} || t.tid::varchar) as h
            from touches_n as t
            inner join devices as d on d.pid = t.pid and d.dev_rank = t.device_rank
        )
        select
            * exclude (h),
            case click_param
                when 'gclid' then 'Cj0KCQiA' || rtrim(translate(to_base64(unhex(h || left(md5(h), 16))), '+/', '-_'), '=')
                when 'fbclid' then 'IwAR' || rtrim(translate(to_base64(unhex(h || left(md5(h), 24))), '+/', '-_'), '=')
                when 'msclkid' then h
                when 'ttclid' then 'E.C.P.' || rtrim(translate(to_base64(unhex(h)), '+/', '-_'), '=')
                when 'li_fat_id' then regexp_replace(h, '^(.{{8}})(.{{4}})(.{{4}})(.{{4}})(.{{12}})$', '\\1-\\2-\\3-\\4-\\5')
                when 'clickid' then left(network, 2) || '_' || left(h, 24)
            end as click_id
        from joined
        order by tid;
        drop table touches_n;
    """)
    _causal(ctx)


def _causal(ctx: Ctx) -> None:
    """Decide which opportunities convert, and the per-channel counterfactuals."""
    window = cat.CAUSAL_WINDOW_DAYS * DAY_MS
    shopper, b2b = cat.BASE_LOG_ODDS["shopper"], cat.BASE_LOG_ODDS["b2b"]
    ctx.sql(f"""
        create or replace table opp_channel_contrib as
        with touches_in_window as (
            select
                o.opp_id,
                t.channel,
                t.lift,
                row_number() over (partition by o.opp_id, t.channel order by t.touched_ms desc, t.tid desc) as recency_rank
            from opps as o
            inner join touches as t
                on t.pid = o.pid
                and t.touched_ms < o.opp_ms
                and t.touched_ms >= o.opp_ms - {window}
        )
        select
            opp_id,
            channel,
            sum(lift * power(0.5, recency_rank - 1)) as contribution
        from touches_in_window
        group by opp_id, channel;

        create or replace table opps as
        with totals as (
            select opp_id, sum(contribution) as total_contribution
            from opp_channel_contrib
            group by opp_id
        )
        select
            o.*,
            (case when o.is_b2b then {b2b} else {shopper} end) + p.propensity as base_logit,
            coalesce(t.total_contribution, 0) as total_contribution,
            o.u < 1 / (1 + exp(-((case when o.is_b2b then {b2b} else {shopper} end) + p.propensity + coalesce(t.total_contribution, 0)))) as converted
        from opps as o
        inner join persons as p on p.pid = o.pid
        left join totals as t on t.opp_id = o.opp_id
        order by o.opp_id;

        create or replace table channel_incrementality as
        with channels as (
            select unnest({sql_list(cat.CHANNELS)}) as channel
        ),
        counterfactual as (
            select
                c.channel,
                sum(case when o.u < 1 / (1 + exp(-(o.base_logit + o.total_contribution - coalesce(oc.contribution, 0)))) then 1 else 0 end) as conversions_without_channel
            from channels as c
            cross join opps as o
            left join opp_channel_contrib as oc on oc.opp_id = o.opp_id and oc.channel = c.channel
            group by c.channel
        ),
        actual as (
            select sum(case when converted then 1 else 0 end) as conversions_actual from opps
        ),
        final as (
            select
                cf.channel,
                a.conversions_actual::bigint as conversions_actual,
                cf.conversions_without_channel::bigint as conversions_without_channel,
                (a.conversions_actual - cf.conversions_without_channel)::bigint as incremental_conversions
            from counterfactual as cf
            cross join actual as a
        )
        select
            *,
            case when sum(incremental_conversions) over () > 0
                then incremental_conversions * 1.0 / sum(incremental_conversions) over ()
                else 0.0
            end::double as incremental_share
        from final
        order by channel;
    """)
