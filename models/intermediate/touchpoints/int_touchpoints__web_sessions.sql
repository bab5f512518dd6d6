with

claimed_sessions as (
    select * from {{ ref('int_web_sessions_claimed') }}
),

standalone_sessions as (
    select *
    from claimed_sessions
    where claimed_by is null
),

final as (
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
)

select * from final
