"""CRM contacts, deals and deal stage history.

Contacts: every b2b person with a converted lead (created at the lead), 40% of
email subscribers (synced from the newsletter tool) and 50% of purchasers with
an email. Deals: 55% of converted leads open a deal that walks the stage
funnel (qualified -> demo -> proposal -> closed_won / closed_lost) with random
durations; stages after the end of the period have not happened yet.

Tables: `crm_contacts_base`, `raw_crm_contacts`, `raw_crm_deals`,
`raw_crm_deal_stage_history`.
"""

from __future__ import annotations

import numpy as np

from . import catalog as cat
from .context import DAY_MS, Ctx, sql_list


def build(ctx: Ctx) -> None:
    rng = ctx.rng("crm")
    start, end = ctx.start_ms, ctx.end_ms
    n = ctx.scalar("select count(*) from persons")
    ctx.register(
        "crm_person_draws",
        {
            "pid": np.arange(n, dtype=np.int64),
            "u_sub": rng.random(n),
            "u_buy": rng.random(n),
            "u_anon": rng.random(n),
            "u_gclid": rng.random(n),
            "u_src": rng.random(n),
            "u_src2": rng.random(n),
            "u_phone": rng.random(n),
            "u_del": rng.random(n),
            "sub_created_ms": start
            - (rng.random(n) * 365 * DAY_MS).astype(np.int64)
            + (rng.random(n) * 90 * DAY_MS).astype(np.int64),
            "update_lag_ms": (rng.random(n) * 5 * DAY_MS).astype(np.int64),
        },
    )
    # --- deals: one per converted lead with probability 0.55 ---------------------------
    leads = ctx.fetch(
        "select opp_id, pid, conv_ms, crm_delay_ms from conv_base where conversion_type = 'lead' order by opp_id"
    )
    nl = len(leads["opp_id"])
    has_deal = rng.random(nl) < 0.55
    stage_ms = np.full((nl, 5), -1, dtype=np.int64)  # qualified, demo, proposal, closed_won, closed_lost
    t_prev = leads["conv_ms"].copy()
    reached = has_deal.copy()
    for s, (_, p_reach, (lo, hi)) in enumerate(cat.DEAL_STAGES):
        reached = reached & (rng.random(nl) < p_reach)
        t_prev = t_prev + (rng.uniform(lo, hi, nl) * DAY_MS).astype(np.int64)
        stage_ms[:, s] = np.where(reached, t_prev, -1)
    # Closed after the last reached stage: proposals win or lose; earlier stages may be lost.
    last_ms = stage_ms[:, :3].max(axis=1)
    closes = has_deal & ((stage_ms[:, 2] >= 0) | (rng.random(nl) < 0.5))
    won = closes & (stage_ms[:, 2] >= 0) & (rng.random(nl) < cat.DEAL_WIN_RATE)
    close_ms = last_ms + (rng.uniform(*cat.DEAL_CLOSE_DAYS, nl) * DAY_MS).astype(np.int64)
    stage_ms[:, 3] = np.where(closes & won, close_ms, -1)
    stage_ms[:, 4] = np.where(closes & ~won, close_ms, -1)
    stage_ms[stage_ms >= end] = -1  # not happened yet
    amount_usd = np.exp(rng.normal(np.log(12_000), 0.7, nl))
    amount_known = rng.random(nl) < 0.85
    ctx.register(
        "deals_n",
        {
            "opp_id": leads["opp_id"],
            "pid": leads["pid"],
            "has_deal": has_deal,
            "qualified_ms": stage_ms[:, 0],
            "demo_ms": stage_ms[:, 1],
            "proposal_ms": stage_ms[:, 2],
            "won_ms": stage_ms[:, 3],
            "lost_ms": stage_ms[:, 4],
            "amount_usd": amount_usd,
            "amount_known": amount_known,
        },
    )
    rates = sql_list([str(v) for v in cat.USD_RATES.values()]).replace("'", "")
    currencies = sql_list(list(cat.USD_RATES))
    ctx.sql(f"""
        create or replace table deals_base as
        select
            d.*,
            'D' || (9000000 + row_number() over (order by d.opp_id))::varchar as deal_id,
            -- deals are billed in the person's currency, except yen (billed in USD:
            -- team deals would exceed the warehouse's 1,000,000-per-row plausibility cap)
            case when p.currency = 'JPY' then 'USD' else p.currency end as currency,
            p.tz_off,
            {rates}[list_position({currencies}, case when p.currency = 'JPY' then 'USD' else p.currency end)] as usd_rate,
            round(d.amount_usd / {rates}[list_position({currencies}, case when p.currency = 'JPY' then 'USD' else p.currency end)], 0) as amount_local,
            case
                when d.won_ms >= 0 then 'closed_won'
                when d.lost_ms >= 0 then 'closed_lost'
                when d.proposal_ms >= 0 then 'proposal'
                when d.demo_ms >= 0 then 'demo'
                else 'qualified'
            end as stage,
            greatest(d.qualified_ms, d.demo_ms, d.proposal_ms, d.won_ms, d.lost_ms) as last_stage_ms
        from deals_n as d
        inner join persons as p on p.pid = d.pid
        where d.has_deal and d.qualified_ms >= 0
        order by d.opp_id;
        drop table deals_n;
    """)

    ctx.sql("""
        create or replace table crm_contacts_base as
        with first_lead as (
            select pid, min(conv_ms + crm_delay_ms) as lead_ms, arg_min(anonymous_id, conv_ms) as lead_anon
            from conv_base where conversion_type = 'lead' group by pid
        ),
        first_purchase as (
            select pid, min(conv_ms) as purchase_ms from conv_base where conversion_type in ('purchase', 'subscription') group by pid
        ),
        person_deals as (
            select
                pid,
                max(case stage when 'closed_won' then 5 when 'proposal' then 4 when 'demo' then 3
                    when 'qualified' then 2 when 'closed_lost' then 1 end) as best_stage,
                max(last_stage_ms) as last_stage_ms
            from deals_base group by pid
        ),
        ai_touch as (
            select pid, min(touched_ms) as first_ai_ms from touches where channel = 'ai_search' group by pid
        ),
        first_touch as (
            select pid, arg_min(channel, touched_ms) as first_channel from touches group by pid
        ),
        candidates as (
            select
                p.pid, p.is_b2b, p.email, p.phone_raw, p.tz_off,
                dr.*  exclude (pid),
                fl.lead_ms, fl.lead_anon, fp.purchase_ms, pd.best_stage, pd.last_stage_ms,
                ai.first_ai_ms, ft.first_channel,
                case
                    when fl.lead_ms is not null then fl.lead_ms
                    when p.email_sub and dr.u_sub < 0.4 then dr.sub_created_ms
                    when fp.purchase_ms is not null and p.has_email and dr.u_buy < 0.5 then fp.purchase_ms + 120000
                end as created_ms
            from persons as p
            inner join crm_person_draws as dr on dr.pid = p.pid
            left join first_lead as fl on fl.pid = p.pid
            left join first_purchase as fp on fp.pid = p.pid
            left join person_deals as pd on pd.pid = p.pid
            left join ai_touch as ai on ai.pid = p.pid
            left join first_touch as ft on ft.pid = p.pid
        ),
        gclids as (
            select c.pid, arg_max(t.click_id, t.touched_ms) as last_gclid
            from candidates as c
            inner join touches as t on t.pid = c.pid and t.click_param = 'gclid' and t.touched_ms <= c.created_ms and t.has_landing
            where c.created_ms is not null
            group by c.pid
        )
        select
            c.*,
            g.last_gclid,
            (50000000 + c.pid * 7)::varchar as contact_id
        from candidates as c
        left join gclids as g on g.pid = c.pid
        where c.created_ms is not null
        order by c.pid;
        drop table crm_person_draws;
    """)
    ai_sources = sql_list(cat.AI_LEAD_SOURCES)
    src_cases = "\n".join(
        f"when '{ch}' then pick({sql_list(v)}, (floor(u_src2 * {len(v)}))::int)"
        for ch, v in cat.LEAD_SOURCES_BY_CHANNEL.items()
        if ch != "other"
    )
    other = cat.LEAD_SOURCES_BY_CHANNEL["other"]
    ctx.sql(f"""
        create or replace table raw_crm_contacts as
        select
            contact_id,
            email,
            case when u_phone < 0.7 then phone_raw end as phone,
            iso_ts(created_ms, 0, false, false) as created_at,
            iso_ts(least(greatest(created_ms, coalesce(last_stage_ms, created_ms)) + update_lag_ms, {end - 60_000}), 0, true, true) as updated_at,
            case
                when best_stage = 5 then 'customer'
                when best_stage in (3, 4) then 'opportunity'
                when best_stage = 2 then 'sql'
                when best_stage = 1 then 'sql'
                when lead_ms is not null then case when u_src < 0.5 then 'lead' else 'mql' end
                when purchase_ms is not null and purchase_ms <= created_ms then 'customer'
                else 'subscriber'
            end as lifecycle_stage,
            case when lead_ms is not null and u_anon < 0.65 then lead_anon end as anonymous_id,
            case when u_gclid < 0.55 then last_gclid end as gclid,
            case
                when not is_b2b and u_src >= 0.3 then null
                when is_b2b and u_src >= 0.7 then null
                when first_ai_ms is not null and first_ai_ms <= created_ms and u_src2 < 0.6
                    then pick({ai_sources}, (floor(u_src2 / 0.6 * {len(cat.AI_LEAD_SOURCES)}))::int)
                when first_ai_ms is null and u_src < 0.06 then pick({ai_sources}, (floor(u_src2 * {len(cat.AI_LEAD_SOURCES)}))::int)
                else coalesce(case first_channel {src_cases} end, pick({sql_list(other)}, (floor(u_src2 * {len(other)}))::int))
            end as lead_source,
            null::varchar as merged_into_contact_id,
            case when u_del < 0.01 then true when u_del < 0.10 then null else false end as is_deleted,
            pid as _pid, created_ms as _ms
        from crm_contacts_base
        order by contact_id;

        create or replace table raw_crm_deals as
        select
            d.deal_id,
            c.contact_id,
            iso_ts(d.qualified_ms, 0, false, false) as created_at,
            d.stage,
            case when d.amount_known or d.stage = 'closed_won' then d.amount_local end as amount,
            case when d.amount_known or d.stage = 'closed_won' then d.currency end as currency,
            case when d.won_ms >= 0 then iso_ts(d.won_ms, 0, false, false)
                when d.lost_ms >= 0 then iso_ts(d.lost_ms, 0, false, false) end as closed_at,
            d.pid as _pid, d.opp_id as _opp_id
        from deals_base as d
        inner join crm_contacts_base as c on c.pid = d.pid
        order by d.deal_id;

        create or replace table raw_crm_deal_stage_history as
        with stages as (
            select deal_id, 'qualified' as stage, qualified_ms as ms, 1 as n from deals_base
            union all select deal_id, 'demo', demo_ms, 2 from deals_base
            union all select deal_id, 'proposal', proposal_ms, 3 from deals_base
            union all select deal_id, 'closed_won', won_ms, 4 from deals_base
            union all select deal_id, 'closed_lost', lost_ms, 4 from deals_base
        )
        select deal_id, stage, iso_ts(ms, 0, false, false) as entered_at, ms as _ms
        from stages
        where ms >= 0
        order by deal_id, n;
    """)
