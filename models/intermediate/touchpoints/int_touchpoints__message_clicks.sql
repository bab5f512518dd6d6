with

message_clicks as (
    select * from {{ ref('int_message_clicks_resolved') }}
),

claimed_sessions as (
    select * from {{ ref('int_web_sessions_claimed') }}
),

first_message_sessions as (
    select *
    from claimed_sessions
    where
        claimed_by = 'message_click'
        and message_session_rank = 1
),

final as (
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
        coalesce(first_message_sessions.message_session_count, 0) as merged_session_count,
        false as has_click_log,
        first_message_sessions.session_id is not null as has_web_session,
        true as has_message_click
    from message_clicks
    left join first_message_sessions
        on message_clicks.message_event_id = first_message_sessions.claiming_message_event_id
)

select * from final
