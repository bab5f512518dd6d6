{#- A click is looked up by its click id first: the identity graph links a click to its landing visitor. -#}
with

ad_clicks as (
    select * from {{ ref('stg_ads__clicks') }}
),

claimed_sessions as (
    select * from {{ ref('int_web_sessions_claimed') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_resolved') }}
),

first_click_landings as (
    select *
    from claimed_sessions
    where
        claimed_by = 'ad_click'
        and landing_rank = 1
),

final as (
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
)

select * from final
