{#- One row per channel x campaign: the conversions it closed or assisted. See _attribution_reports__models.yml. -#}

with

conversion_groups as (
    select * from {{ ref('rpt_assisted_conversion_groups') }}
),

group_totals as (
    select
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
