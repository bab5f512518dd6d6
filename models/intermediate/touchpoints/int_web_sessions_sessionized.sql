{%- set timeout_seconds = mta.setting('mta_session_timeout_minutes') * 60 -%}
{%- set session_key -%}
'web_session|' || coalesce(session_starts.anonymous_id, session_starts.visitor_id) || '|' || session_starts.session_start_event_id
{%- endset -%}

with

web_events as (
    select * from {{ ref('stg_web__events') }}
),

events_with_visitor as (
    select
        *,
        {{ mta.identity_clean_value('anonymous_id') }} as cookie_id,
        coalesce(
            {{ mta.identity_identifier('anon', 'anonymous_id') }},
            {{ mta.identity_identifier('user', 'user_id') }}
        ) as visitor_id
    from web_events
),

events_keyed as (
    select
        visitor_id,
        event_id,
        event_type,
        occurred_at,
        cookie_id as anonymous_id,
        page_url,
        referrer_url,
        referrer_host,
        referrer_source,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        click_id,
        channel,
        device_type,
        consent_marketing,
        case
            when
                event_type = 'page_view'
                and (
                    utm_source is not null
                    or utm_medium is not null
                    or utm_campaign is not null
                    or utm_content is not null
                    or utm_term is not null
                    or click_id is not null
                )
                then
                    coalesce(utm_source, '') || '|' || coalesce(utm_medium, '') || '|'
                    || coalesce(utm_campaign, '') || '|' || coalesce(utm_content, '') || '|'
                    || coalesce(utm_term, '') || '|' || coalesce(click_id, '')
        end as campaign_evidence_key
    from events_with_visitor
    where visitor_id is not null
),

events_with_previous as (
    select
        *,
        lag(occurred_at) over (
            partition by visitor_id
            order by occurred_at, event_id
        ) as previous_occurred_at
    from events_keyed
),

events_gap_flagged as (
    select
        *,
        case
            when previous_occurred_at is null then 1
            when {{ seconds_between('previous_occurred_at', 'occurred_at') }} > {{ timeout_seconds }} then 1
            else 0
        end as is_gap_split
    from events_with_previous
),

events_gap_numbered as (
    select
        *,
        sum(is_gap_split) over (
            partition by visitor_id
            order by occurred_at, event_id
            rows between unbounded preceding and current row
        ) as gap_run_number
    from events_gap_flagged
),

evidence_page_views as (
    select
        event_id,
        campaign_evidence_key,
        gap_run_number,
        lag(campaign_evidence_key) over (
            partition by visitor_id
            order by occurred_at, event_id
        ) as previous_evidence_key,
        lag(gap_run_number) over (
            partition by visitor_id
            order by occurred_at, event_id
        ) as previous_evidence_gap_run_number
    from events_gap_numbered
    where campaign_evidence_key is not null
),

{# A page view with evidence starts a session unless the previous page view
    with evidence is in the same inactivity run and carries the same evidence:
    then no split happened in between and the session's evidence is its own. #}
campaign_splits as (
    select event_id
    from evidence_page_views
    where
        previous_evidence_key is null
        or previous_evidence_key <> campaign_evidence_key
        or previous_evidence_gap_run_number <> gap_run_number
),

events_split as (
    select
        events_gap_numbered.*,
        case
            when events_gap_numbered.is_gap_split = 1 then 1
            when campaign_splits.event_id is not null then 1
            else 0
        end as is_session_start
    from events_gap_numbered
    left join campaign_splits
        on events_gap_numbered.event_id = campaign_splits.event_id
),

events_sessioned as (
    select
        *,
        sum(is_session_start) over (
            partition by visitor_id
            order by occurred_at, event_id
            rows between unbounded preceding and current row
        ) as session_number
    from events_split
),

{# The landing event: the session's first page view, or its first event when
    it has no page view. #}
events_ranked as (
    select
        *,
        row_number() over (
            partition by visitor_id, session_number
            order by case when event_type = 'page_view' then 0 else 1 end, occurred_at, event_id
        ) as landing_rank
    from events_sessioned
),

session_starts as (
    select
        visitor_id,
        anonymous_id,
        session_number,
        event_id as session_start_event_id
    from events_sessioned
    where is_session_start = 1
),

session_stats as (
    select
        visitor_id,
        session_number,
        min(occurred_at) as session_started_at,
        max(occurred_at) as session_ended_at,
        count(*) as event_count,
        sum(case when event_type = 'page_view' then 1 else 0 end) as page_view_count,
        max(case when consent_marketing = false then 1 else 0 end) as has_consent_refusal
    from events_sessioned
    group by visitor_id, session_number
),

landings as (
    select *
    from events_ranked
    where landing_rank = 1
),

final as (
    select
        {{ sha256_hex(session_key) }} as session_id,
        session_starts.visitor_id,
        session_starts.anonymous_id,
        session_starts.session_number,
        session_starts.session_start_event_id,
        session_stats.session_started_at,
        session_stats.session_ended_at,
        session_stats.event_count,
        session_stats.page_view_count,
        session_stats.has_consent_refusal = 1 as has_consent_refusal,
        landings.event_id as landing_event_id,
        landings.page_url as landing_page_url,
        landings.referrer_url as landing_referrer_url,
        landings.referrer_host as landing_referrer_host,
        landings.referrer_source as landing_referrer_source,
        landings.utm_source,
        landings.utm_medium,
        landings.utm_campaign,
        landings.utm_content,
        landings.utm_term,
        landings.click_id,
        landings.campaign_evidence_key is not null as has_campaign_evidence,
        coalesce(landings.channel, 'other') as channel,
        landings.device_type
    from session_starts
    inner join session_stats
        on
            session_starts.visitor_id = session_stats.visitor_id
            and session_starts.session_number = session_stats.session_number
    inner join landings
        on
            session_starts.visitor_id = landings.visitor_id
            and session_starts.session_number = landings.session_number
)

select * from final
