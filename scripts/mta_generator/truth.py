"""Ground truth tables (schema `truth`), built in the workspace as `truth_<name>`.

- persons: one row per real person.
- identifiers: every real identifier emitted in a raw row, normalized the way the
  warehouse normalizes it (email trimmed + lower case, phone '+<digits>'),
  with the person it belongs to. Junk values are never listed.
- touches: every marketing touch of a person (planned touches of the causal
  model plus resumed sessions, which the warehouse sees as direct visits).
- conversions: one row per business conversion (order / lead / signup).
- deals: one row per CRM deal, with its stages.
- channel_incrementality: the causal model's answer.
- dirty_rows: one row per planted dirty raw row (built by dirt.py).
"""

from __future__ import annotations

from .context import Ctx


def build(ctx: Ctx) -> None:
    ctx.sql("""
        create or replace table truth_persons as
        with touch_counts as (
            select pid, count(*) as n_touches from touches group by pid
        ),
        conv_counts as (
            select pid, count(*) as n_conversions, sum(revenue_local * usd_rate) as revenue_usd from conv_base group by pid
        ),
        opp_counts as (
            select pid, count(*) as n_opportunities from opps group by pid
        )
        select
            p.person_key,
            p.n_devices::int as n_devices,
            p.country,
            p.currency,
            case when p.is_b2b then 'b2b' else 'shopper' end as segment,
            p.email as email_normalized,
            p.phone_e164,
            p.user_id,
            p.propensity,
            coalesce(o.n_opportunities, 0)::int as n_opportunities,
            coalesce(t.n_touches, 0)::int as n_touches,
            coalesce(c.n_conversions, 0)::int as n_conversions,
            round(coalesce(c.revenue_usd, 0), 2) as revenue_usd
        from persons as p
        left join touch_counts as t on t.pid = p.pid
        left join conv_counts as c on c.pid = p.pid
        left join opp_counts as o on o.pid = p.pid
        order by p.person_key;

        create or replace table truth_touches as
        with planned as (
            select
                t.tid,
                t.pid,
                utc_ts(t.touched_ms) as touched_at,
                t.channel,
                case
                    when t.campaign_idx >= 0 then 'ad_click'
                    when t.channel in ('email', 'sms', 'whatsapp', 'web_push') then 'message_click'
                    else 'web_visit'
                end as touch_kind,
                t.is_closing,
                t.opp_id,
                t.did,
                t.click_id,
                t.network,
                t.campaign_idx,
                t.has_landing,
                t.in_click_log,
                t.lift
            from touches as t
        ),
        resumed as (
            select
                t.tid,
                t.pid,
                utc_ts(l.resume_ms) as touched_at,
                'direct' as channel,
                'web_session_resumed' as touch_kind,
                false as is_closing,
                t.opp_id,
                t.did,
                null as click_id,
                null as network,
                -1 as campaign_idx,
                true as has_landing,
                null::boolean as in_click_log,
                0.0 as lift
            from touches as t
            inner join touch_landing as l on l.tid = t.tid
            where l.resume_ms >= 0
        ),
        unioned as (
            select *, 0 as part from planned
            union all
            select *, 1 as part from resumed
        )
        select
            p.person_key,
            u.touched_at,
            u.channel,
            u.touch_kind,
            u.channel as expected_channel,
            'T' || lpad(u.tid::varchar, 9, '0') || case when u.part = 1 then '-r' else '' end as touch_key,
            d.anonymous_id,
            u.click_id,
            u.network,
            cr.campaign_id,
            u.is_closing,
            u.has_landing,
            u.in_click_log,
            u.lift as causal_lift,
            'O' || lpad(u.opp_id::varchar, 8, '0') as opportunity_key
        from unioned as u
        inner join persons as p on p.pid = u.pid
        inner join devices as d on d.did = u.did
        left join campaign_ref as cr on cr.idx = u.campaign_idx
        order by u.touched_at, touch_key;

        create or replace table truth_conversions as
        with rows as (
            select _opp_id as opp_id, conversion_event_id, collector, _ms, conversion_type
            from raw_conversions
        ),
        per_conversion as (
            select
                opp_id,
                arg_min(conversion_event_id, _ms) as conversion_event_id,
                min(_ms) filter (where conversion_type <> 'refund') as first_ms,
                string_agg(distinct collector, ',' order by collector) filter (where conversion_type <> 'refund') as collectors,
                count(*) filter (where conversion_type <> 'refund') as n_raw_rows
            from rows
            where conversion_type <> 'refund'
            group by opp_id
        ),
        refunds as (
            select _opp_id as opp_id, sum(revenue) as refunded_original
            from raw_conversions
            where conversion_type = 'refund'
            group by _opp_id
        )
        select
            pc.conversion_event_id,
            c.order_id,
            p.person_key,
            utc_ts(pc.first_ms) as converted_at,
            c.conversion_type,
            round(c.revenue_local * c.usd_rate, 2) as revenue_usd,
            round(coalesce(r.refunded_original, 0) * c.usd_rate, 2) as refunded_usd,
            round((c.revenue_local - coalesce(r.refunded_original, 0)) * c.usd_rate, 2) as net_revenue_usd,
            c.revenue_local as revenue_original,
            c.currency,
            pc.collectors,
            c.pattern as collector_pattern,
            pc.n_raw_rows::int as n_raw_rows,
            c.pattern = 'offline_store' and c.skip = 0 as skip_attribution,
            c.anonymous_id as device_anonymous_id,
            'O' || lpad(c.opp_id::varchar, 8, '0') as opportunity_key
        from conv_base as c
        inner join per_conversion as pc on pc.opp_id = c.opp_id
        inner join persons as p on p.pid = c.pid
        left join refunds as r on r.opp_id = c.opp_id
        order by converted_at, conversion_event_id;

        create or replace table truth_deals as
        select
            d.deal_id,
            p.person_key,
            c.contact_id,
            d.stage,
            d.amount_local as amount_original,
            d.currency,
            round(d.amount_local * d.usd_rate, 2) as amount_usd,
            case when d.qualified_ms >= 0 then utc_ts(d.qualified_ms) end as qualified_at,
            case when d.demo_ms >= 0 then utc_ts(d.demo_ms) end as demo_at,
            case when d.proposal_ms >= 0 then utc_ts(d.proposal_ms) end as proposal_at,
            case when d.won_ms >= 0 then utc_ts(d.won_ms) end as closed_won_at,
            case when d.lost_ms >= 0 then utc_ts(d.lost_ms) end as closed_lost_at
        from deals_base as d
        inner join persons as p on p.pid = d.pid
        inner join crm_contacts_base as c on c.pid = d.pid
        order by d.deal_id;

        create or replace table truth_channel_incrementality as
        select * from channel_incrementality order by channel;
    """)


def build_identifiers(ctx: Ctx) -> None:
    """Every real identifier that appears in a raw row. Runs after dirt.py, which
    adds identifiers (duplicate contacts) and junk values (never listed)."""
    ctx.sql("""
        create or replace table truth_identifiers as
        with emitted as (
            select 'anonymous_id' as identifier_type, anonymous_id as identifier_value, _pid as pid from raw_web_events where _reason is null
            union all select 'user_id', user_id, _pid from raw_web_events where _reason is null
            union all select 'email', lower(trim(email)), _pid from raw_web_events where _reason is null
            union all select 'anonymous_id', anonymous_id, _pid from raw_conversions where _reason is null
            union all select 'user_id', user_id, _pid from raw_conversions where _reason is null
            union all select 'email', lower(trim(email)), _pid from raw_conversions where _reason is null
            union all select 'phone', '+' || regexp_replace(phone, '[^0-9]', '', 'g'), _pid from raw_conversions where _reason is null
            union all select 'click_id', click_id, _pid from raw_conversions where _reason is null
            union all select 'user_id', user_id, _pid from raw_message_events where _reason is null
            union all select 'email', lower(trim(email)), _pid from raw_message_events where _reason is null
            union all select 'phone', '+' || regexp_replace(phone, '[^0-9]', '', 'g'), _pid from raw_message_events where _reason is null
            union all select 'contact_id', contact_id, _pid from raw_message_events where _reason is null
            union all select 'contact_id', contact_id, _pid from raw_crm_contacts where _reason is null
            union all select 'email', lower(trim(email)), _pid from raw_crm_contacts where _reason is null
            union all select 'phone', '+' || regexp_replace(phone, '[^0-9]', '', 'g'), _pid from raw_crm_contacts where _reason is null
            union all select 'anonymous_id', anonymous_id, _pid from raw_crm_contacts where _reason is null
            union all select 'click_id', gclid, _pid from raw_crm_contacts where _reason is null
            union all select 'click_id', click_id, _pid from raw_ad_clicks where _reason is null
            union all select 'click_id', t.click_id, t.pid from touches as t where t.click_id is not null and t.has_landing
        ),
        junk as (
            select unnest(['', 'null', 'none', 'nil', 'undefined', '0', '-1', 'nan', 'n/a', 'na', 'unknown', '(not set)',
                'anonymous', 'test', 'test@test.com', 'test@example.com', 'noreply@example.com', 'a@a.com', 'user@example.com', '+']) as value
        )
        select distinct
            e.identifier_type,
            e.identifier_value,
            p.person_key
        from emitted as e
        inner join persons as p on p.pid = e.pid
        where e.identifier_value is not null
            and e.pid >= 0
            and lower(trim(e.identifier_value)) not in (select value from junk)
        order by e.identifier_type, e.identifier_value;
    """)
