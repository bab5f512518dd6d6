with

journey_paths as (
    select * from {{ ref('int_journey_paths') }}
),

windowed as (
    select * from {{ ref('int_conversion_touchpoints_windowed') }}
),

final as (
    select
        windowed.conversion_id,
        windowed.touchpoint_id,
        windowed.person_id,
        windowed.channel,
        windowed.campaign,
        windowed.touched_at,
        windowed.converted_at,
        windowed.conversion_type,
        windowed.revenue,
        journey_paths.touch_position,
        journey_paths.path_length
    from journey_paths
    inner join windowed
        on
            journey_paths.journey_owner = windowed.conversion_id
            and journey_paths.touchpoint_id = windowed.touchpoint_id
    where journey_paths.journey_kind = 'conversion'
)

select * from final
