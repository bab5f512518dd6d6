{%- set merge_seconds = mta.setting('mta_message_click_merge_minutes') * 60 -%}

with

web_sessions as (
    select * from {{ ref('int_web_sessions_sessionized') }}
),

ad_clicks as (
    select * from {{ ref('stg_ads__clicks') }}
),

message_clicks as (
    select * from {{ ref('int_message_clicks_resolved') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_resolved') }}
),

sessions_with_person as (
    select
        web_sessions.*,
        identifiers.person_id
    from web_sessions
    left join identifiers
        on web_sessions.visitor_id = identifiers.identifier
),

{# Sessions that are the landing of a logged click, ranked per click. -#}
click_landings as (
    select
        sessions_with_person.session_id,
        row_number() over (
            partition by sessions_with_person.click_id
            order by sessions_with_person.session_started_at, sessions_with_person.session_id
        ) as landing_rank,
        count(*) over (partition by sessions_with_person.click_id) as landing_session_count
    from sessions_with_person
    inner join ad_clicks
        on sessions_with_person.click_id = ad_clicks.click_id
),

sessions_not_click_landings as (
    select sessions_with_person.*
    from sessions_with_person
    left join click_landings
        on sessions_with_person.session_id = click_landings.session_id
    where click_landings.session_id is null
),

{# Every (message click, session) pair that may be one touch; a session goes
    to the latest message click before it. -#}
message_session_candidates as (
    select
        message_clicks.message_event_id,
        sessions_not_click_landings.session_id,
        sessions_not_click_landings.session_started_at,
        row_number() over (
            partition by sessions_not_click_landings.session_id
            order by message_clicks.occurred_at desc, message_clicks.message_event_id desc
        ) as message_rank
    from message_clicks
    inner join sessions_not_click_landings
        on
            message_clicks.person_id = sessions_not_click_landings.person_id
            and (
                message_clicks.channel = sessions_not_click_landings.utm_medium
                or message_clicks.channel = sessions_not_click_landings.channel
            )
    where
        {{ seconds_between('message_clicks.occurred_at', 'sessions_not_click_landings.session_started_at') }}
        between 0 and {{ merge_seconds }}
),

message_session_matches as (
    select
        message_event_id,
        session_id,
        row_number() over (
            partition by message_event_id
            order by session_started_at, session_id
        ) as session_rank,
        count(*) over (partition by message_event_id) as merged_session_count
    from message_session_candidates
    where message_rank = 1
),

final as (
    select
        sessions_with_person.session_id,
        sessions_with_person.person_id,
        sessions_with_person.anonymous_id,
        sessions_with_person.session_started_at,
        sessions_with_person.click_id,
        sessions_with_person.channel,
        sessions_with_person.utm_source,
        sessions_with_person.utm_medium,
        sessions_with_person.utm_campaign,
        sessions_with_person.utm_content,
        sessions_with_person.utm_term,
        sessions_with_person.landing_page_url,
        sessions_with_person.landing_referrer_host,
        sessions_with_person.landing_referrer_source,
        sessions_with_person.device_type,
        case
            when click_landings.session_id is not null then 'ad_click'
            when message_session_matches.session_id is not null then 'message_click'
        end as claimed_by,
        click_landings.landing_rank,
        click_landings.landing_session_count,
        message_session_matches.message_event_id as claiming_message_event_id,
        message_session_matches.session_rank as message_session_rank,
        message_session_matches.merged_session_count as message_session_count
    from sessions_with_person
    left join click_landings
        on sessions_with_person.session_id = click_landings.session_id
    left join message_session_matches
        on sessions_with_person.session_id = message_session_matches.session_id
)

select * from final
