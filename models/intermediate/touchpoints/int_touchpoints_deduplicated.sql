{#-
    person_id is looked up in int_identifiers_resolved with node text from the
    identity macro identity_identifier, so junk values match nothing. A click is
    looked up by its click id first: the identity graph links a click to its
    landing visitor.
-#}
{%- set merge_seconds = mta.setting('mta_message_click_merge_minutes') * 60 -%}

with

ad_clicks as (
    select * from {{ ref('stg_ads__clicks') }}
),

web_sessions as (
    select * from {{ ref('int_web_sessions_sessionized') }}
),

message_events as (
    select * from {{ ref('stg_messaging__events') }}
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

{# Sessions that are the landing of a logged click. -#}
click_landing_sessions as (
    select
        sessions_with_person.*,
        row_number() over (
            partition by sessions_with_person.click_id
            order by sessions_with_person.session_started_at, sessions_with_person.session_id
        ) as landing_rank,
        count(*) over (partition by sessions_with_person.click_id) as landing_session_count
    from sessions_with_person
    inner join ad_clicks
        on sessions_with_person.click_id = ad_clicks.click_id
),

first_click_landings as (
    select *
    from click_landing_sessions
    where landing_rank = 1
),

click_touches as (
    select
        {{ sha256_hex("'ad_click:' || ad_clicks.click_id") }} as touchpoint_id,
        coalesce(click_identifiers.person_id, first_click_landings.person_id) as person_id,
        'ad_click' as touch_type,
        ad_clicks.clicked_at as touched_at,
        coalesce(ad_clicks.channel, 'other') as channel,
        ad_clicks.source,
        ad_clicks.medium,
        ad_clicks.campaign_id,
        ad_clicks.campaign_name as campaign,
        ad_clicks.ad_group_id,
        ad_clicks.ad_group_name as ad_group,
        ad_clicks.creative_id as creative,
        ad_clicks.placement,
        ad_clicks.click_id,
        coalesce(ad_clicks.device_type, first_click_landings.device_type) as device_type,
        ad_clicks.os,
        ad_clicks.browser,
        ad_clicks.country,
        coalesce(ad_clicks.utm_source, first_click_landings.utm_source) as utm_source,
        coalesce(ad_clicks.utm_medium, first_click_landings.utm_medium) as utm_medium,
        coalesce(ad_clicks.utm_campaign, first_click_landings.utm_campaign) as utm_campaign,
        coalesce(ad_clicks.utm_content, first_click_landings.utm_content) as utm_content,
        coalesce(ad_clicks.utm_term, first_click_landings.utm_term) as utm_term,
        ad_clicks.landing_page_url,
        first_click_landings.landing_referrer_host as referrer_host,
        first_click_landings.anonymous_id,
        first_click_landings.session_id,
        cast(null as {{ dbt.type_string() }}) as message_event_id,
        coalesce(first_click_landings.landing_session_count, 0) as merged_session_count,
        true as has_click_log,
        first_click_landings.session_id is not null as has_web_session,
        false as has_message_click
    from ad_clicks
    left join identifiers as click_identifiers
        on {{ identity_identifier('click', 'ad_clicks.click_id') }} = click_identifiers.identifier
    left join first_click_landings
        on ad_clicks.click_id = first_click_landings.click_id
),

sessions_not_click_landings as (
    select sessions_with_person.*
    from sessions_with_person
    left join ad_clicks
        on sessions_with_person.click_id = ad_clicks.click_id
    where ad_clicks.click_id is null
),

message_clicks as (
    select
        message_events.message_event_id,
        message_events.channel,
        message_events.occurred_at,
        message_events.campaign_name,
        message_events.utm_source,
        message_events.utm_medium,
        message_events.utm_campaign,
        message_events.utm_content,
        message_events.utm_term,
        coalesce(
            contact_identifiers.person_id,
            user_identifiers.person_id,
            email_identifiers.person_id,
            phone_identifiers.person_id
        ) as person_id
    from message_events
    left join identifiers as contact_identifiers
        on {{ identity_identifier('contact', 'message_events.contact_id') }} = contact_identifiers.identifier
    left join identifiers as user_identifiers
        on {{ identity_identifier('user', 'message_events.user_id') }} = user_identifiers.identifier
    left join identifiers as email_identifiers
        on {{ identity_identifier('email', 'message_events.email_hash') }} = email_identifiers.identifier
    left join identifiers as phone_identifiers
        on {{ identity_identifier('phone', 'message_events.phone_hash') }} = phone_identifiers.identifier
    where message_events.is_click
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

first_message_sessions as (
    select
        message_session_matches.message_event_id,
        message_session_matches.merged_session_count,
        sessions_not_click_landings.*
    from message_session_matches
    inner join sessions_not_click_landings
        on message_session_matches.session_id = sessions_not_click_landings.session_id
    where message_session_matches.session_rank = 1
),

message_touches as (
    select
        {{ sha256_hex("'message_click:' || message_clicks.message_event_id") }} as touchpoint_id,
        message_clicks.person_id,
        'message_click' as touch_type,
        message_clicks.occurred_at as touched_at,
        coalesce(message_clicks.channel, 'other') as channel,
        coalesce(message_clicks.utm_source, first_message_sessions.utm_source) as source,  -- noqa: RF04
        coalesce(message_clicks.utm_medium, first_message_sessions.utm_medium, message_clicks.channel) as medium,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        coalesce(message_clicks.campaign_name, message_clicks.utm_campaign, first_message_sessions.utm_campaign)
            as campaign,
        cast(null as {{ dbt.type_string() }}) as ad_group_id,
        cast(null as {{ dbt.type_string() }}) as ad_group,
        cast(null as {{ dbt.type_string() }}) as creative,
        cast(null as {{ dbt.type_string() }}) as placement,
        cast(null as {{ dbt.type_string() }}) as click_id,
        first_message_sessions.device_type,
        cast(null as {{ dbt.type_string() }}) as os,
        cast(null as {{ dbt.type_string() }}) as browser,
        cast(null as {{ dbt.type_string() }}) as country,
        coalesce(message_clicks.utm_source, first_message_sessions.utm_source) as utm_source,
        coalesce(message_clicks.utm_medium, first_message_sessions.utm_medium) as utm_medium,
        coalesce(message_clicks.utm_campaign, first_message_sessions.utm_campaign) as utm_campaign,
        coalesce(message_clicks.utm_content, first_message_sessions.utm_content) as utm_content,
        coalesce(message_clicks.utm_term, first_message_sessions.utm_term) as utm_term,
        first_message_sessions.landing_page_url,
        first_message_sessions.landing_referrer_host as referrer_host,
        first_message_sessions.anonymous_id,
        first_message_sessions.session_id,
        message_clicks.message_event_id,
        coalesce(first_message_sessions.merged_session_count, 0) as merged_session_count,
        false as has_click_log,
        first_message_sessions.session_id is not null as has_web_session,
        true as has_message_click
    from message_clicks
    left join first_message_sessions
        on message_clicks.message_event_id = first_message_sessions.message_event_id
),

standalone_sessions as (
    select sessions_not_click_landings.*
    from sessions_not_click_landings
    left join message_session_candidates
        on
            sessions_not_click_landings.session_id = message_session_candidates.session_id
            and message_session_candidates.message_rank = 1
    where message_session_candidates.session_id is null
),

session_touches as (
    select
        {{ sha256_hex("'web_session:' || session_id") }} as touchpoint_id,
        person_id,
        'web_session' as touch_type,
        session_started_at as touched_at,
        channel,
        coalesce(utm_source, landing_referrer_source) as source,  -- noqa: RF04
        utm_medium as medium,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        utm_campaign as campaign,
        cast(null as {{ dbt.type_string() }}) as ad_group_id,
        cast(null as {{ dbt.type_string() }}) as ad_group,
        cast(null as {{ dbt.type_string() }}) as creative,
        cast(null as {{ dbt.type_string() }}) as placement,
        click_id,
        device_type,
        cast(null as {{ dbt.type_string() }}) as os,
        cast(null as {{ dbt.type_string() }}) as browser,
        cast(null as {{ dbt.type_string() }}) as country,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        landing_page_url,
        landing_referrer_host as referrer_host,
        anonymous_id,
        session_id,
        cast(null as {{ dbt.type_string() }}) as message_event_id,
        1 as merged_session_count,
        false as has_click_log,
        true as has_web_session,
        false as has_message_click
    from standalone_sessions
),

touches_unioned as (
    select * from click_touches
    union all
    select * from message_touches
    union all
    select * from session_touches
),

final as (
    select
        *,
        case
            when has_click_log and has_web_session then 'ad_click+web_session'
            when has_message_click and has_web_session then 'message_click+web_session'
            else touch_type
        end as touch_sources
    from touches_unioned
)

select * from final
