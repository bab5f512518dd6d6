"""Site events (raw.web_events) and the click log (raw.ad_clicks).

Every touch with a landing becomes a web session: a landing page view carrying
the touch's evidence (UTMs and click id in the URL, or a referrer), followed by
inner page views a minute or so apart. 12% of non-closing sessions resume
after a 35-240 minute pause (a new session in the warehouse, without referrer:
a direct touch in truth). Identify/login events link devices to people;
conversions leave order_completed / sign_up / subscription_started /
form_submit events.

Every paid touch is an ad click in the click log, a few seconds before its
landing page view.

Tables: `device_ident`, `touch_landing`, `raw_web_events`, `raw_ad_clicks`.
"""

from __future__ import annotations

import numpy as np

from . import catalog as cat
from .context import MINUTE_MS, Ctx, rank_within, repeat_index, sql_list

EVENT_KINDS = [
    "page_view",
    "page_view",
    "page_view",
    "page_view",
    "identify",
    "login",
    "add_to_cart",
    "order_completed",
    "sign_up",
    "subscription_started",
    "form_submit",
    "identify",
]
K_LANDING, K_INNER, K_RESUME_FIRST, K_RESUME_INNER, K_IDENTIFY, K_LOGIN, K_CART = 0, 1, 2, 3, 4, 5, 6
K_CONV = {"purchase": 7, "signup": 8, "subscription": 9, "lead": 10}
K_CHECKOUT_IDENTIFY = 11

SEARCH_TERMS = [
    "hiking boots",
    "waterproof hiking boots",
    "rain jacket",
    "mens rain jacket",
    "trail running shoes",
    "backpack 35l",
    "fleece jacket",
    "outdoor gear store",
    "team outfitting",
    "hiking gear sale",
]
BRAND_TERMS = ["northwind outfitters", "northwind", "northwind outfitters boots", "northwind coupon"]
PLACEMENTS = {
    "google": ["youtube.com", "weather.com", "nytimes.com", "mobileapp::com.king.candycrushsaga", "reddit.com"],
    "microsoft": [None],
    "meta": ["facebook_feed", "instagram_stories", "instagram_reels", "audience_network", "facebook_marketplace"],
    "tiktok": ["tiktok_feed", "pangle"],
    "linkedin": ["feed", "messaging"],
    "taboola": ["site-1028374", "site-2211", "site-88231", "site-10922"],
    "outbrain": ["cnn-widget-3", "guardian-ar-1", "msn-widget-7"],
    "awin": ["pub-vouchercodes", "pub-topcashback", "pub-quidco"],
}


def _slug(name: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "_" for ch in name)
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")


def plan_identity(ctx: Ctx) -> None:
    """Which devices identify themselves (login with user_id, or identify with
    email), and in which of their sessions."""
    rng = ctx.rng("identity")
    t = ctx.fetch("select tid, did, touched_ms, u_touch from touches order by tid")
    d = ctx.fetch("""
        select d.did, d.dev_rank, p.has_user_id, p.has_email
        from devices as d inner join persons as p on p.pid = d.pid
        order by d.did
    """)
    order = np.lexsort((t["tid"], t["u_touch"], t["did"]))
    dids = t["did"][order]
    first = np.r_[0, np.flatnonzero(dids[1:] != dids[:-1]) + 1]
    chosen = order[first]
    c_did = t["did"][chosen]
    nd = len(c_did)
    rank = d["dev_rank"][c_did]
    has_user, has_email = d["has_user_id"][c_did], d["has_email"][c_did]
    ident = (rng.random(nd) < np.where(rank == 0, 0.55, 0.40)) & (has_user | has_email)
    login = has_user & ((rng.random(nd) < 0.7) | ~has_email)
    ctx.register(
        "device_ident",
        {
            "did": c_did[ident],
            "tid": t["tid"][chosen][ident],
            "ident_ms": t["touched_ms"][chosen][ident] + 30_000,
            "ident_kind": np.where(login[ident], "login", "identify").astype(object),
        },
    )


def build_events(ctx: Ctx) -> None:
    rng = ctx.rng("web")
    t = ctx.fetch("""
        select t.tid, t.pid, t.did, t.channel_code, t.touched_ms, t.is_closing, t.campaign_idx, o.opp_ms, t.has_landing
        from touches as t inner join opps as o on o.opp_id = t.opp_id
        order by t.tid
    """)
    nt = len(t["tid"])
    paid = t["campaign_idx"] >= 0
    owned = np.isin(t["channel_code"], [cat.CH[c] for c in cat.OWNED_CHANNELS])
    delay = np.where(paid, rng.integers(1000, 6000, nt), np.where(owned, rng.integers(2000, 8000, nt), 0))
    landing_ms = t["touched_ms"] + delay
    has_landing = t["has_landing"]

    # --- main session page views ----------------------------------------------------
    n_pv = np.where(t["is_closing"], np.minimum(rng.geometric(0.4, nt), 8), rng.geometric(0.45, nt))
    n_pv = np.where(has_landing, n_pv, 0)
    e_touch = repeat_index(n_pv)
    pos = rank_within(e_touch)
    gaps = np.where(pos == 0, 0, rng.exponential(70_000, len(pos)).astype(np.int64) + 4000)
    csum = np.cumsum(gaps)
    group_start = np.r_[0, np.flatnonzero(e_touch[1:] != e_touch[:-1]) + 1] if len(e_touch) else np.zeros(0, int)
    base = np.repeat(csum[group_start] - gaps[group_start], np.diff(np.r_[group_start, len(e_touch)]))
    offset_pre = csum - base
    span = np.maximum(t["opp_ms"][e_touch] - 15_000 - landing_ms[e_touch], 0)
    offset_close = (span * pos // np.maximum(n_pv[e_touch], 1)).astype(np.int64)
    e_ms = landing_ms[e_touch] + np.where(t["is_closing"][e_touch], offset_close, offset_pre)
    e_kind = np.where(pos == 0, K_LANDING, K_INNER)
    e_part = np.zeros(len(e_touch), np.int8)
    last_ms = np.zeros(nt, np.int64)
    np.maximum.at(last_ms, e_touch, e_ms)

    # --- resumed sessions (after more than 30 minutes) -----------------------------------
    resume = has_landing & ~t["is_closing"] & (rng.random(nt) < 0.12)
    n_res = np.where(resume, rng.geometric(0.5, nt), 0)
    r_touch = repeat_index(n_res)
    r_pos = rank_within(r_touch)
    pause = (rng.uniform(35, 240, nt) * MINUTE_MS).astype(np.int64)
    r_gaps = np.where(r_pos == 0, 0, rng.exponential(70_000, len(r_pos)).astype(np.int64) + 4000)
    r_csum = np.cumsum(r_gaps)
    r_start = np.r_[0, np.flatnonzero(r_touch[1:] != r_touch[:-1]) + 1] if len(r_touch) else np.zeros(0, int)
    r_base = np.repeat(r_csum[r_start] - r_gaps[r_start], np.diff(np.r_[r_start, len(r_touch)]))
    r_ms = last_ms[r_touch] + pause[r_touch] + (r_csum - r_base)
    r_kind = np.where(r_pos == 0, K_RESUME_FIRST, K_RESUME_INNER)
    res_first_ms = np.full(nt, -1, np.int64)
    res_first_ms[r_touch[r_pos == 0]] = r_ms[r_pos == 0]

    # --- identify / login ------------------------------------------------------------------
    di = ctx.fetch("select tid, ident_ms, ident_kind from device_ident order by tid")
    i_touch = di["tid"].astype(np.int64)
    i_keep = has_landing[i_touch]
    i_touch, i_ms = i_touch[i_keep], di["ident_ms"][i_keep]
    i_kind = np.where(di["ident_kind"][i_keep] == "login", K_LOGIN, K_IDENTIFY)

    # --- add to cart ---------------------------------------------------------------------
    cart = has_landing & (n_pv >= 2) & (rng.random(nt) < 0.15)
    c_touch = np.flatnonzero(cart)
    c_ms = landing_ms[c_touch] + 40_000

    # --- conversion events -----------------------------------------------------------------
    cv = ctx.fetch("""
        select t.tid, c.conv_ms, c.conversion_type, c.pattern, p.has_email
        from conv_base as c
        inner join touches as t on t.opp_id = c.opp_id and t.is_closing
        inner join persons as p on p.pid = c.pid
        where c.pattern like '%browser%'
        order by t.tid
    """)
    v_touch = cv["tid"].astype(np.int64)
    v_keep = has_landing[v_touch]
    v_touch, v_ms = v_touch[v_keep], cv["conv_ms"][v_keep]
    v_kind = np.array([K_CONV[x] for x in cv["conversion_type"][v_keep]], dtype=np.int64)
    checkout = (v_kind == K_CONV["purchase"]) & cv["has_email"][v_keep] & (rng.random(len(v_touch)) < 0.5)
    k_touch, k_ms = v_touch[checkout], v_ms[checkout] - 20_000

    ev_touch = np.r_[e_touch, r_touch, i_touch, c_touch, v_touch, k_touch]
    ev_ms = np.r_[e_ms, r_ms, i_ms, c_ms, v_ms, k_ms]
    ev_kind = np.r_[
        e_kind, r_kind, i_kind, np.full(len(c_touch), K_CART), v_kind, np.full(len(k_touch), K_CHECKOUT_IDENTIFY)
    ]
    ev_part = np.r_[
        e_part,
        np.ones(len(r_touch), np.int8),
        np.zeros(len(i_touch) + len(c_touch) + len(v_touch) + len(k_touch), np.int8),
    ]
    ne = len(ev_touch)
    order = np.lexsort((ev_kind, ev_touch, ev_ms))
    ev_touch, ev_ms, ev_kind, ev_part = ev_touch[order], ev_ms[order], ev_kind[order], ev_part[order]
    path_idx = rng.integers(0, len(cat.INNER_PATHS), ne)
    # The referrer of an inner event is the previous page of the same session part.
    by_session = np.lexsort((np.arange(ne), ev_ms, ev_part, ev_touch))
    same = np.r_[
        False,
        (ev_touch[by_session][1:] == ev_touch[by_session][:-1]) & (ev_part[by_session][1:] == ev_part[by_session][:-1]),
    ]
    prev = np.full(ne, -1, dtype=np.int64)
    prev[by_session[same]] = by_session[np.flatnonzero(same) - 1]
    prev_kind = np.where(prev >= 0, ev_kind[prev], -1)
    prev_path = np.where(prev >= 0, path_idx[prev], 0)
    ctx.register(
        "events_n",
        {
            "seq": np.arange(ne, dtype=np.int64),
            "tid": ev_touch,
            "ms": ev_ms,
            "kind": ev_kind.astype(np.int8),
            "part": ev_part,
            "path_idx": path_idx,
            "prev_kind": prev_kind.astype(np.int8),
            "prev_path_idx": prev_path,
        },
    )
    # per-touch landing details
    ctx.register(
        "touch_draws",
        {
            "tid": t["tid"],
            "landing_ms": landing_ms,
            "u1": rng.random(nt),
            "u2": rng.random(nt),
            "u3": rng.random(nt),
            "u4": rng.random(nt),
            "resume_ms": res_first_ms,
        },
    )
    _touch_landing(ctx)
    _events_sql(ctx)


def _touch_landing(ctx: Ctx) -> None:
    """Landing URL and referrer of each touch's session."""
    camp = cat.CAMPAIGNS
    c_utm_source = sql_list([c[5] for c in camp])
    c_utm_medium = sql_list([c[6] for c in camp])
    c_slug = sql_list([_slug(c[1]) for c in camp])
    c_id = sql_list([c[0] for c in camp])
    c_is_brand = sql_list(["1" if "Brand" in c[1] else "0" for c in camp])
    paid_ref = sql_list([cat.PAID_REFERRERS[c[2]] or None for c in camp])
    msg_channels = ["email", "sms", "whatsapp", "web_push"]
    msg_campaign_cases = "\n".join(
        f"when '{ch}' then pick({sql_list(cat.MESSAGE_CAMPAIGNS[ch])}, (floor(d.u1 * {len(cat.MESSAGE_CAMPAIGNS[ch])}))::int)"
        for ch in msg_channels
    )
    msg_ref_cases = "\n".join(
        f"when '{ch}' then pick({sql_list([r or None for r in cat.MESSAGE_REFERRERS[ch]])}, (floor(u2 * {len(cat.MESSAGE_REFERRERS[ch])}))::int)"
        for ch in msg_channels
    )
    msg_utm_cases = "\n".join(
        f"when '{ch}' then 'utm_source={cat.MESSAGE_UTM[ch][0]}&utm_medium={cat.MESSAGE_UTM[ch][1]}'"
        for ch in msg_channels
    )
    from .people import name_pools

    _, _, domains = name_pools(ctx.seed + 1)
    referral_urls = [
        f"https://{d}/blog/{p}"
        for d, p in zip(domains, ["best-outdoor-brands", "gear-guide", "review", "top-10-boots"] * 100)
    ]
    ctx.sql(f"""
        create or replace table touch_landing as
        with base as (
            select
                t.tid, t.channel, t.campaign_idx, t.click_param, t.click_id, t.network, t.has_landing,
                d.landing_ms, d.u1, d.u2, d.u3, d.u4, d.resume_ms,
                case when t.channel in ('email', 'sms', 'whatsapp', 'web_push') then
                    case t.channel {msg_campaign_cases} end
                end as message_campaign
            from touches as t
            inner join touch_draws as d on d.tid = t.tid
        ),
        evidence as (
            select
                *,
                case when campaign_idx >= 0 then
                    case when pick({c_is_brand}, campaign_idx) = '1'
                        then pick({sql_list(BRAND_TERMS)}, (floor(u2 * {len(BRAND_TERMS)}))::int)
                        else pick({sql_list(SEARCH_TERMS)}, (floor(u2 * {len(SEARCH_TERMS)}))::int)
                    end
                end as search_term,
                (floor(u3 * 3))::int as ad_group_no,
                (floor(u4 * 2))::int as creative_no,
                -- auto-tagging only (click id, no UTMs) on some search and social clicks
                campaign_idx >= 0 and channel in ('paid_search', 'paid_social') and u1 < 0.15 as click_id_only
            from base
        ),
        urls as (
            select
                *,
                case when campaign_idx >= 0 then pick({c_id}, campaign_idx) || '-ag' || ad_group_no::varchar end as ad_group_id,
                case when campaign_idx >= 0 then pick({c_id}, campaign_idx) || '-cr' || (ad_group_no * 2 + creative_no)::varchar end as creative_id,
                case
                    when campaign_idx >= 0 and click_id_only then '?' || click_param || '=' || click_id
                    when campaign_idx >= 0 then
                        '?utm_source=' || pick({c_utm_source}, campaign_idx)
                        || '&utm_medium=' || pick({c_utm_medium}, campaign_idx)
                        || '&utm_campaign=' || pick({c_slug}, campaign_idx)
                        || '&utm_content=' || pick({c_id}, campaign_idx) || '-cr' || (ad_group_no * 2 + creative_no)::varchar
                        || case when channel = 'paid_search' then '&utm_term=' || replace(search_term, ' ', '+') else '' end
                        || '&' || click_param || '=' || click_id
                    when message_campaign is not null then
                        '?' || case channel {msg_utm_cases} end
                        || '&utm_campaign=' || lower(regexp_replace(message_campaign, '[^A-Za-z0-9]+', '_', 'g'))
                    when channel = 'ai_search' and u3 < 0.3 then
                        '?utm_source=' || pick({sql_list(cat.AI_UTM_SOURCES)}, (floor(u4 * {len(cat.AI_UTM_SOURCES)}))::int)
                    else ''
                end as query,
                case
                    when campaign_idx >= 0 then pick({paid_ref}, campaign_idx)
                    when message_campaign is not null then case channel {msg_ref_cases} end
                    when channel = 'organic_search' then pick({sql_list(cat.ORGANIC_SEARCH_REFERRERS)}, (floor(u2 * {len(cat.ORGANIC_SEARCH_REFERRERS)}))::int)
                    when channel = 'organic_social' then pick({sql_list(cat.ORGANIC_SOCIAL_REFERRERS)}, (floor(u2 * {len(cat.ORGANIC_SOCIAL_REFERRERS)}))::int)
                    when channel = 'ai_search' and u3 < 0.3 then null
                    when channel = 'ai_search' then pick({sql_list(cat.AI_REFERRERS)}, (floor(u2 * {len(cat.AI_REFERRERS)}))::int)
                    when channel = 'referral' then pick({sql_list(referral_urls)}, (floor(u2 * {len(referral_urls)}))::int)
                end as referrer_url,
                pick({sql_list(cat.LANDING_PATHS)}, (floor(u4 * {len(cat.LANDING_PATHS)}))::int) as landing_path
            from evidence
        )
        select
            tid, channel, campaign_idx, network, click_param, click_id, has_landing, landing_ms, resume_ms,
            message_campaign, search_term, ad_group_no, ad_group_id, creative_id,
            '{cat.SITE}' || landing_path || query as landing_url,
            referrer_url,
            click_id_only
        from urls
        order by tid;
        drop table touch_draws;
    """)


def _page_url_sql(kind: str, path_idx: str) -> str:
    """SQL for the page URL of an event of kind `kind` (inside the events query)."""
    site = cat.SITE
    return f"""case {kind}
        when {K_LANDING} then ev.landing_url
        when {K_INNER} then '{site}' || pick({sql_list(cat.INNER_PATHS)}, {path_idx})
        when {K_RESUME_FIRST} then '{site}' || pick({sql_list(cat.INNER_PATHS)}, {path_idx})
        when {K_RESUME_INNER} then '{site}' || pick({sql_list(cat.INNER_PATHS)}, {path_idx})
        when {K_IDENTIFY} then '{site}/account/newsletter'
        when {K_LOGIN} then '{site}/account/login'
        when {K_CART} then '{site}/cart'
        when {K_CONV["purchase"]} then '{site}/checkout/thank-you?order=' || coalesce(c.order_id, '')
        when {K_CONV["signup"]} then '{site}/welcome'
        when {K_CONV["subscription"]} then '{site}/membership/thank-you?order=' || coalesce(c.order_id, '')
        when {K_CONV["lead"]} then '{site}/teams/contact'
        when {K_CHECKOUT_IDENTIFY} then '{site}/checkout/details'
    end"""


def _events_sql(ctx: Ctx) -> None:
    salt = ctx.md5_prefix("event")
    ssalt = ctx.md5_prefix("session")
    ctx.sql(f"""
        create or replace table raw_web_events as
        with ev as (
            select
                e.*,
                t.did, t.pid, t.opp_id, t.channel,
                l.landing_url, l.referrer_url as landing_referrer
            from events_n as e
            inner join touches as t on t.tid = e.tid
            inner join touch_landing as l on l.tid = e.tid
        ),
        logins as (
            select did, min(ident_ms) as login_ms from device_ident where ident_kind = 'login' group by did
        ),
        conv as (
            select opp_id, order_id from conv_base
        ),
        urls as (
            select
                ev.*,
                {_page_url_sql("ev.kind", "ev.path_idx")} as page_url,
                case
                    when ev.kind = {K_LANDING} then ev.landing_referrer
                    when ev.kind = {K_RESUME_FIRST} then null
                    else {_page_url_sql("ev.prev_kind", "ev.prev_path_idx")}
                end as referrer_url
            from ev
            left join conv as c on c.opp_id = ev.opp_id
        ),
        select
            'evt_' || left(md5({salt} || w.seq::varchar), 28) as event_id,
            pick({sql_list(EVENT_KINDS)}, w.kind) as event_type,
            iso_ts(w.ms, p.tz_off, true, true) as occurred_at,
            d.anonymous_id,
            case when w.kind = {K_LOGIN} or (li.login_ms is not null and w.ms >= li.login_ms) then p.user_id end as user_id,
            case when w.kind in ({K_IDENTIFY}, {K_CONV["lead"]}, {K_CHECKOUT_IDENTIFY}) then p.email end as email,
            case when d.has_tag_session then 's_' || left(md5({ssalt} || w.tid::varchar || ':' || w.part::varchar), 16) end as session_id,
            w.page_url,
            w.referrer_url,
            d.user_agent,
            d.ip_address,
            d.consent_marketing,
            w.seq as _seq, w.tid as _tid, w.kind as _kind, w.ms as _ms, w.pid as _pid, w.did as _did,
            w.seq as _rid, 0 as _copy, false as _claimed, null::varchar as _dirt, null::varchar as _reason
        from urls as w
        inner join devices as d on d.did = w.did
        inner join persons as p on p.pid = w.pid
        left join logins as li on li.did = w.did;
        drop table events_n;
    """)


def build_clicks(ctx: Ctx) -> None:
    """One click-log row per paid touch."""
    camp = cat.CAMPAIGNS
    spelling = sql_list([c[3] for c in camp])
    names = sql_list([c[1] for c in camp])
    ids = sql_list([c[0] for c in camp])
    cpc = sql_list([str(c[10]) for c in camp])
    reports_cost = sql_list(["1" if cat.NETWORKS[c[2]][1] else "0" for c in camp])
    acct_off = sql_list([str(cat.NETWORKS[c[2]][4]) for c in camp])
    acct_cur = sql_list([cat.NETWORKS[c[2]][5] for c in camp])
    rate_list = sql_list([str(v) for v in cat.USD_RATES.values()]).replace("'", "")
    cur_list = sql_list(list(cat.USD_RATES))
    placement_cases = "\n".join(
        f"when '{net}' then pick({sql_list(pl)}, (floor(c.u_pl * {len(pl)}))::int)" for net, pl in PLACEMENTS.items()
    )
    rng = ctx.rng("clicks")
    nt = ctx.scalar("select count(*) from touches")
    ctx.register(
        "click_draws",
        {
            "tid": np.arange(nt, dtype=np.int64),
            "u_pl": rng.random(nt),
            "cost_noise": np.exp(rng.normal(0, 0.35, nt)),
        },
    )
    ctx.sql(f"""
        create or replace table raw_ad_clicks as
        with clicks as (
            select
                t.tid, t.touched_ms, t.pid, t.did, t.campaign_idx, t.network, t.channel, t.click_id,
                tl.ad_group_id, tl.ad_group_no, tl.creative_id, tl.landing_url,
                cd.u_pl, cd.cost_noise
            from touches as t
            inner join touch_landing as tl on tl.tid = t.tid
            inner join click_draws as cd on cd.tid = t.tid
            where t.campaign_idx >= 0 and t.in_click_log
        ),
        final as (
            select
                c.click_id,
                iso_ts(c.touched_ms, pick({acct_off}, c.campaign_idx)::int, false, true) as clicked_at,
                pick({spelling}, c.campaign_idx) as traffic_source,
                pick({ids}, c.campaign_idx) as campaign_id,
                pick({names}, c.campaign_idx) as campaign_name,
                c.ad_group_id,
                case when c.ad_group_id is not null then 'Ad group ' || (c.ad_group_no + 1)::varchar end as ad_group_name,
                c.creative_id,
                case when c.channel <> 'paid_search' then case c.network {placement_cases} end end as placement,
                case when c.network in ('meta', 'tiktok') then upper(d.device_type) else d.device_type end as device_type,
                case when c.network = 'google' then lower(d.os) else d.os end as os,
                d.browser,
                case when c.network in ('taboola', 'outbrain') then lower(p.country) else p.country end as country,
                d.ip_address,
                d.user_agent,
                c.landing_url as landing_page_url,
                case when pick({reports_cost}, c.campaign_idx) = '1'
                    then round(pick({cpc}, c.campaign_idx)::double * c.cost_noise
                        / {rate_list}[list_position({cur_list}, pick({acct_cur}, c.campaign_idx))], 2)
                end as cost,
                pick({acct_cur}, c.campaign_idx) as currency,
                c.tid as _tid, c.touched_ms as _ms, c.pid as _pid, c.campaign_idx as _campaign_idx
            from clicks as c
            inner join devices as d on d.did = c.did
            inner join persons as p on p.pid = c.pid
        )
        select * from final;
        drop table click_draws;
    """)
