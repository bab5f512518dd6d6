"""Daily ad spend per platform x campaign (raw.ad_spend) and what each platform
claims.

Clicks are the campaign's real clicks that day (in the account's time zone),
impressions follow from the campaign's click-through rate, spend from its cost
per click. Every campaign has a row every day.

Platform claims over-count the way real dashboards do: each network claims a
conversion (90% of the time) when the converting person clicked one of its
ads within its click window (Google, Microsoft, LinkedIn, Taboola, Outbrain,
Awin: 30 days; Meta, TikTok: 7 days), credits it to the campaign of its last
click, and networks with view-through windows also claim half of the
conversions of people who clicked their ads earlier (28 days) plus 3% of all
other conversions (impression only). The sum over platforms therefore exceeds
the real number of conversions.
"""

from __future__ import annotations

import numpy as np

from . import catalog as cat
from .context import DAY_MS, Ctx, sql_list


def build(ctx: Ctx) -> None:
    rng = ctx.rng("spend")
    camp = cat.CAMPAIGNS
    nc, nd = len(camp), ctx.days
    day = np.repeat(np.arange(nd), nc)
    idx = np.tile(np.arange(nc), nd)
    ctx.register(
        "spend_grid",
        {
            "day_idx": day.astype(np.int64),
            "idx": idx.astype(np.int64),
            "imp_noise": np.exp(rng.normal(0, 0.15, nd * nc)),
            "cost_noise": np.exp(rng.normal(0, 0.1, nd * nc)),
        },
    )
    values = ",\n".join(
        f"({i}, '{c[0]}', '{c[1].replace(chr(39), chr(39) * 2)}', '{c[2]}', '{c[3]}', '{c[4]}', {c[10]}, {c[11]}, "
        f"{cat.NETWORKS[c[2]][2]}, {cat.NETWORKS[c[2]][3]}, {cat.NETWORKS[c[2]][4]}, '{cat.NETWORKS[c[2]][5]}')"
        for i, c in enumerate(camp)
    )
    rate_list = sql_list([str(v) for v in cat.USD_RATES.values()]).replace("'", "")
    cur_list = sql_list(list(cat.USD_RATES))
    start_day = ctx.start_ms // DAY_MS
    salt = ctx.md5_prefix("claim")
    ctx.sql(f"""
        create or replace table campaign_ref as
        select * from (values {values}) as v(
            idx, campaign_id, campaign_name, network, spelling, channel, cpc_usd, ctr,
            click_window_days, view_window_days, acct_off, acct_cur
        );

        create or replace table platform_claims as
        with conv as (
            select opp_id, pid, conv_ms, revenue_local * usd_rate as revenue_usd
            from conv_base
        ),
        clicked as (
            select
                c.opp_id, c.conv_ms, c.revenue_usd, t.network,
                max(t.touched_ms) as last_click_ms,
                arg_max(t.campaign_idx, t.touched_ms) as campaign_idx
            from conv as c
            inner join touches as t
                on t.pid = c.pid and t.campaign_idx >= 0
                and t.touched_ms <= c.conv_ms and t.touched_ms > c.conv_ms - {28 * DAY_MS}
            group by c.opp_id, c.conv_ms, c.revenue_usd, t.network
        ),
        network_ref as (
            select network, any_value(click_window_days) as click_window_days, any_value(view_window_days) as view_window_days,
                any_value(acct_off) as acct_off, any_value(acct_cur) as acct_cur,
                min(case when channel in ('display', 'video', 'paid_social') then idx end) as upper_idx
            from campaign_ref group by network
        ),
        candidates as (
            select
                cl.opp_id, cl.conv_ms, cl.revenue_usd, cl.network, cl.campaign_idx,
                cl.last_click_ms > cl.conv_ms - nr.click_window_days::bigint * {DAY_MS} as in_click_window,
                nr.view_window_days > 0 as has_view_window
            from clicked as cl
            inner join network_ref as nr on nr.network = cl.network
        ),
        impression_only as (
            select c.opp_id, c.conv_ms, c.revenue_usd, nr.network, nr.upper_idx as campaign_idx
            from conv as c
            cross join network_ref as nr
            where nr.view_window_days > 0 and nr.upper_idx is not null
                and not exists (select 1 from clicked as cl where cl.opp_id = c.opp_id and cl.network = nr.network)
                and md5_number({salt} || c.opp_id::varchar || nr.network || 'v') % 1000 < 30
        ),
        claimed as (
            select opp_id, conv_ms, revenue_usd, network, campaign_idx
            from candidates
            where (in_click_window and md5_number({salt} || opp_id::varchar || network) % 1000 < 900)
                or (not in_click_window and has_view_window and md5_number({salt} || opp_id::varchar || network) % 1000 < 500)
            union all
            select * from impression_only
        )
        select
            cl.campaign_idx,
            (cl.conv_ms + cr.acct_off * 60000) // {DAY_MS} - {start_day} as day_idx,
            count(*) as platform_conversions,
            sum(round(coalesce(cl.revenue_usd, 0) * 100)::bigint) / 100.0
                / {rate_list}[list_position({cur_list}, any_value(cr.acct_cur))] as platform_conversion_value
        from claimed as cl
        inner join campaign_ref as cr on cr.idx = cl.campaign_idx
        group by cl.campaign_idx, day_idx;

        create or replace table raw_ad_spend as
        with clicks as (
            select
                t.campaign_idx as idx,
                (t.touched_ms + cr.acct_off * 60000) // {DAY_MS} - {start_day} as day_idx,
                count(*) as clicks
            from touches as t
            inner join campaign_ref as cr on cr.idx = t.campaign_idx
            group by all
        ),
        daily as (
            select
                g.day_idx, cr.*,
                coalesce(c.clicks, 0) as clicks,
                round((coalesce(c.clicks, 0) + 0.5) / cr.ctr * g.imp_noise)::bigint as impressions,
                g.cost_noise,
                {rate_list}[list_position({cur_list}, cr.acct_cur)] as acct_rate
            from spend_grid as g
            inner join campaign_ref as cr on cr.idx = g.idx
            left join clicks as c on c.idx = g.idx and c.day_idx = g.day_idx
        )
        select
            strftime(make_timestamp(({start_day} + d.day_idx) * {DAY_MS * 1000}), '%Y-%m-%d') as spend_date,
            d.spelling as platform,
            d.campaign_id,
            d.campaign_name,
            d.impressions,
            d.clicks,
            round(case when d.channel = 'affiliate'
                    then coalesce(pc.platform_conversion_value, 0) * 0.08  -- affiliates are paid a commission
                    else d.impressions * d.ctr * d.cpc_usd * d.cost_noise / d.acct_rate end, 2) as spend,
            d.acct_cur as currency,
            coalesce(pc.platform_conversions, 0)::double as platform_conversions,
            round(coalesce(pc.platform_conversion_value, 0), 2) as platform_conversion_value,
            d.day_idx as _day_idx, d.idx as _campaign_idx
        from daily as d
        left join platform_claims as pc on pc.campaign_idx = d.idx and pc.day_idx = d.day_idx
        where d.day_idx between 0 and {nd - 1}
        order by d.day_idx, d.idx;
        drop table spend_grid;
    """)
