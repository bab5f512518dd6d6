{#- One row per journey with at least one touch (public, contract enforced). See _core__models.yml. -#}

with

journey_touchpoints as (
    select * from {{ ref('int_journey_touchpoints') }}
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
        journey_id,
        person_id,
        conversion_id,
        is_converted,
        channel_path,
        touchpoint_count,
        first_touched_at,
        last_touched_at
    from journeys_aggregated
)

select * from final
