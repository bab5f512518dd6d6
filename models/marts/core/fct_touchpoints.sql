with

touchpoints as (
    select * from {{ ref('int_touchpoints_deduplicated') }}
),

final as (
    select
        touchpoint_id,
        person_id,
        touch_type,
        touched_at,
        channel,
        source,
        medium,
        campaign,
        ad_group,
        creative,
        placement,
        click_id,
        device_type,
        country,
        campaign_id,
        ad_group_id,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_content,
        utm_term,
        os,
        browser,
        session_id,
        message_event_id,
        touch_sources,
        merged_session_count,
        has_click_log,
        has_web_session,
        has_message_click
    from touchpoints
)

select * from final
