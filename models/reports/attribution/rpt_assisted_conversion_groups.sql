{#-
    One row per conversion x channel x campaign of its path: the building
    block of the assisted-conversions reports. See _attribution_reports__models.yml.
-#}

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

final as (
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
)

select * from final
