{#- The totals behind both assisted-conversions reports. See _attribution_reports__models.yml. -#}

with

conversion_paths as (
    select * from {{ ref('fct_conversion_paths') }}
),

path_touches as (
    select
        conversion_id,
        channel,
        {{ mta.campaign_key('campaign') }} as campaign,
        coalesce(revenue, 0) as revenue,
        case when touch_position = path_length then 1 else 0 end as is_last_touch,
        case when touch_position = 1 then 1 else 0 end as is_first_touch
    from conversion_paths
),

-- each conversion once per channel x campaign of its path: the group closed it
-- if it holds the last touch, introduced it if it holds the first
campaign_groups as (
    select
        conversion_id,
        channel,
        campaign,
        max(revenue) as revenue,
        max(is_last_touch) as is_closer,
        max(is_first_touch) as is_introducer,
        count(*) as touches
    from path_touches
    group by conversion_id, channel, campaign
),

-- and once per channel: it closed the conversion if any of its campaigns did
channel_groups as (
    select
        conversion_id,
        channel,
        cast(null as {{ dbt.type_string() }}) as campaign,
        max(revenue) as revenue,
        max(is_closer) as is_closer,
        max(is_introducer) as is_introducer,
        sum(touches) as touches
    from campaign_groups
    group by conversion_id, channel
),

conversion_groups as (
    select * from campaign_groups
    union all
    select * from channel_groups
),

group_totals as (
    select
        -- campaign_key is never null: a null campaign is the channel grain
        case when campaign is null then 'channel' else 'campaign' end as grain,
        channel,
        campaign,
        count(*) as touched_conversions,
        sum(touches) as path_touches,
        sum(is_introducer) as first_touch_conversions,
        sum(is_closer) as last_touch_conversions,
        sum(1 - is_closer) as assisted_conversions,
        sum(case when is_closer = 1 then revenue else 0 end) as last_touch_revenue,
        sum(case when is_closer = 0 then revenue else 0 end) as assisted_revenue
    from conversion_groups
    group by channel, campaign
),

final as (
    select
        grain,
        channel,
        campaign,
        cast(touched_conversions as bigint) as touched_conversions,
        cast(path_touches as bigint) as path_touches,
        cast(first_touch_conversions as bigint) as first_touch_conversions,
        cast(last_touch_conversions as bigint) as last_touch_conversions,
        cast(assisted_conversions as bigint) as assisted_conversions,
        {{ mta.money("last_touch_revenue") }} as last_touch_revenue,
        {{ mta.money("assisted_revenue") }} as assisted_revenue,
        {{ mta.safe_ratio('assisted_conversions', 'last_touch_conversions') }} as assist_to_last_touch_ratio,
        {{ mta.safe_ratio('assisted_conversions', 'touched_conversions') }} as assisted_share,
        (last_touch_conversions = 0) as is_assist_only
    from group_totals
)

select * from final
