with

journey_touchpoints as (
    select * from {{ ref('int_journey_touchpoints') }}
),

conversions as (
    select * from {{ ref('fct_conversions') }}
),

journeys_aggregated as (
    select
        journey_id,
        person_id,
        conversion_id,
        is_converted,
        {{ ordered_string_agg('channel', ' > ', 'touch_position') }} as channel_path,
        count(*) as touchpoint_count,
        min(touched_at) as first_touched_at,
        max(touched_at) as last_touched_at
    from journey_touchpoints
    group by journey_id, person_id, conversion_id, is_converted
),

final as (
    select
        journeys_aggregated.journey_id,
        journeys_aggregated.person_id,
        journeys_aggregated.conversion_id,
        journeys_aggregated.is_converted,
        journeys_aggregated.channel_path,
        journeys_aggregated.touchpoint_count,
        journeys_aggregated.first_touched_at,
        journeys_aggregated.last_touched_at,
        conversions.converted_at,
        conversions.conversion_type,
        conversions.revenue
    from journeys_aggregated
    left join conversions
        on journeys_aggregated.conversion_id = conversions.conversion_id
)

select * from final
