"""Owned-channel message events (raw.message_events).

Two sources of rows:
- every email/SMS/WhatsApp/web-push touch is a message click: the message was
  sent (hours to days before), delivered, opened (email, WhatsApp, push) and
  clicked at the touch time; the click's link is the session's landing URL;
- background sends to subscribers (email and push every two weeks, SMS every
  three, WhatsApp every four) that are delivered and sometimes opened, rarely
  unsubscribed, never clicked.

The sending platform knows: email (and the CRM contact id for half of the
contacts) for email, the phone for SMS/WhatsApp, the user id for web push.
"""

from __future__ import annotations

import numpy as np

from . import catalog as cat
from .context import DAY_MS, HOUR_MS, MINUTE_MS, Ctx, sql_list

CHANNEL_SPELLING = {"email": "email", "sms": "SMS", "whatsapp": "WhatsApp", "web_push": "web_push"}
BACKGROUND = {  # channel -> (subscription flag, period days, open rate)
    "email": ("email_sub", 14, 0.25),
    "sms": ("sms_sub", 21, 0.0),
    "whatsapp": ("whatsapp_sub", 30, 0.6),
    "web_push": ("push_sub", 14, 0.0),
}
EVENTS = ["sent", "delivered", "opened", "clicked", "unsubscribed"]


def build(ctx: Ctx) -> None:
    rng = ctx.rng("messaging")
    channels = list(BACKGROUND)
    # --- click-derived message sequences ---------------------------------------------------
    t = ctx.fetch(f"""
        select t.tid, t.pid, t.touched_ms, list_position({sql_list(channels)}, t.channel) - 1 as ch
        from touches as t
        where t.channel in ('email', 'sms', 'whatsapp', 'web_push') and t.has_landing
        order by t.tid
    """)
    nc = len(t["tid"])
    lag = (rng.exponential(20, nc) * HOUR_MS).astype(np.int64) + 5 * MINUTE_MS
    sent = t["touched_ms"] - lag
    delivered = sent + rng.integers(2000, 30000, nc)
    opened = np.maximum(delivered + 1000, t["touched_ms"] - (rng.uniform(10, 3600, nc) * 1000).astype(np.int64))
    opened = np.minimum(opened, t["touched_ms"] - 1000)
    has_open = t["ch"] != channels.index("sms")
    rows = [
        (t["tid"], t["pid"], t["ch"], sent, np.zeros(nc, np.int8)),
        (t["tid"], t["pid"], t["ch"], delivered, np.ones(nc, np.int8)),
        (
            t["tid"][has_open],
            t["pid"][has_open],
            t["ch"][has_open],
            opened[has_open],
            np.full(int(has_open.sum()), 2, np.int8),
        ),
        (t["tid"], t["pid"], t["ch"], t["touched_ms"], np.full(nc, 3, np.int8)),
    ]
    # --- background sends ----------------------------------------------------------------
    p = ctx.fetch("select pid, email_sub, sms_sub, whatsapp_sub, push_sub from persons order by pid")
    start, end = ctx.start_ms, ctx.end_ms
    bg_campaign = []
    for ci, (ch, (flag, period, open_rate)) in enumerate(BACKGROUND.items()):
        subs = np.flatnonzero(p[flag])
        n_sends = int((end - start) // (period * DAY_MS))
        b_pid = np.repeat(subs, n_sends)
        b_k = np.tile(np.arange(n_sends), len(subs))
        nb = len(b_pid)
        b_sent = start + b_k * period * DAY_MS + 9 * HOUR_MS + ci * HOUR_MS + rng.integers(0, 40 * MINUTE_MS, nb)
        b_deliv = b_sent + rng.integers(2000, 30000, nb)
        b_open = rng.random(nb) < open_rate
        b_open_ms = b_deliv + (rng.exponential(3, nb) * HOUR_MS).astype(np.int64)
        b_unsub = rng.random(nb) < 0.002
        b_unsub_ms = b_deliv + (rng.exponential(5, nb) * HOUR_MS).astype(np.int64)
        camp_idx = (b_k % len(cat.MESSAGE_CAMPAIGNS[ch])).astype(np.int64)
        ch_arr = np.full(nb, ci, np.int64)
        neg = np.full(nb, -1, np.int64)
        for mask, ms, kind in (
            (np.ones(nb, bool), b_sent, 0),
            (np.ones(nb, bool), b_deliv, 1),
            (b_open, b_open_ms, 2),
            (b_unsub, b_unsub_ms, 4),
        ):
            rows.append(
                (
                    neg[mask] - camp_idx[mask],
                    b_pid[mask],
                    ch_arr[mask],
                    ms[mask],
                    np.full(int(mask.sum()), kind, np.int8),
                )
            )
        bg_campaign.append(ch)
    tid = np.concatenate([r[0] for r in rows]).astype(np.int64)
    pid = np.concatenate([r[1] for r in rows]).astype(np.int64)
    ch = np.concatenate([r[2] for r in rows]).astype(np.int64)
    ms = np.concatenate([r[3] for r in rows]).astype(np.int64)
    kind = np.concatenate([r[4] for r in rows]).astype(np.int8)
    keep = (ms >= start) & (ms < end)
    tid, pid, ch, ms, kind = tid[keep], pid[keep], ch[keep], ms[keep], kind[keep]
    order = np.lexsort((kind, tid, pid, ms))
    n = len(order)
    ctx.register(
        "messages_n",
        {
            "seq": np.arange(n, dtype=np.int64),
            "tid": tid[order],
            "pid": pid[order],
            "ch": ch[order],
            "ms": ms[order],
            "kind": kind[order],
            "u_contact": rng.random(n),
        },
    )
    salt = ctx.md5_prefix("message")
    camp_cases = "\n".join(
        f"when {i} then pick({sql_list(cat.MESSAGE_CAMPAIGNS[c])}, (-1 - m.tid)::int)" for i, c in enumerate(channels)
    )
    ctx.sql(f"""
        create or replace table raw_message_events as
        with contact_ids as (
            select pid, contact_id from crm_contacts_base
        )
        select
            'msg_' || left(md5({salt} || m.seq::varchar), 24) as message_event_id,
            pick({sql_list([CHANNEL_SPELLING[c] for c in channels])}, m.ch) as channel,
            pick({sql_list(EVENTS)}, m.kind) as event_type,
            iso_ts(m.ms, 0, true, true) as occurred_at,
            case when m.tid >= 0 then tl.message_campaign else case m.ch {camp_cases} end end as campaign_name,
            case when m.ch = 0 and m.u_contact < 0.5 then c.contact_id end as contact_id,
            case when m.ch = 3 then p.user_id end as user_id,
            case when m.ch = 0 then p.email end as email,
            case when m.ch in (1, 2) then p.phone_raw end as phone,
            case when m.kind = 3 then tl.landing_url end as link_url,
            m.seq as _seq, m.pid as _pid, m.tid as _tid, m.ms as _ms,
            m.seq as _rid, 0 as _copy, false as _claimed, null::varchar as _dirt, null::varchar as _reason
        from messages_n as m
        inner join persons as p on p.pid = m.pid
        left join touch_landing as tl on tl.tid = m.tid and m.tid >= 0
        left join contact_ids as c on c.pid = m.pid;
        drop table messages_n;
    """)
