with

touchpoints as (
    select * from {{ ref('int_touchpoints_deduplicated') }}
),

ranked_touches as (
    select
        touchpoints.person_id,
        touchpoints.touchpoint_id,
        touchpoints.touched_at,
        touchpoints.channel,
        touchpoints.source,
        touchpoints.medium,
        touchpoints.campaign,
        touchpoints.click_id,
        row_number() over (
            partition by touchpoints.person_id
            order by touchpoints.touched_at asc, touchpoints.touchpoint_id asc
        ) as rank_from_first,
        row_number() over (
            partition by touchpoints.person_id
            order by touchpoints.touched_at desc, touchpoints.touchpoint_id desc
        ) as rank_from_last,
        count(*) over (partition by touchpoints.person_id) as n_touchpoints
    from touchpoints
    where touchpoints.person_id is not null
),

first_touches as (
    select ranked_touches.*
    from ranked_touches
    where ranked_touches.rank_from_first = 1
),

last_touches as (
    select ranked_touches.*
    from ranked_touches
    where ranked_touches.rank_from_last = 1
),

final as (
    select
        first_touches.person_id,
        first_touches.n_touchpoints,
        first_touches.touchpoint_id as first_touchpoint_id,
        first_touches.touched_at as first_touched_at,
        first_touches.channel as first_touch_channel,
        first_touches.source as first_touch_source,
        first_touches.medium as first_touch_medium,
        first_touches.campaign as first_touch_campaign,
        first_touches.click_id as first_touch_click_id,
        last_touches.touchpoint_id as last_touchpoint_id,
        last_touches.touched_at as last_touched_at,
        last_touches.channel as last_touch_channel,
        last_touches.source as last_touch_source,
        last_touches.medium as last_touch_medium,
        last_touches.campaign as last_touch_campaign,
        last_touches.click_id as last_touch_click_id
    from first_touches
    inner join last_touches
        on first_touches.person_id = last_touches.person_id
)

select * from final
