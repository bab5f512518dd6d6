with

paths as (
    select * from {{ ref('int_conversion_paths') }}
),

journey_paths as (
    select * from {{ ref('int_journey_paths') }}
),

converting_journeys as (
    select
        {{ sha256_hex("'conversion|' || conversion_id") }} as journey_id,
        person_id,
        conversion_id,
        true as is_converted,
        touchpoint_id,
        channel,
        touched_at,
        touch_position,
        path_length
    from paths
),

non_converting_journeys as (
    select
        {{ sha256_hex("'person|' || person_id") }} as journey_id,
        person_id,
        cast(null as {{ dbt.type_string() }}) as conversion_id,
        false as is_converted,
        touchpoint_id,
        channel,
        touched_at,
        touch_position,
        path_length
    from journey_paths
    where journey_kind = 'person'
),

final as (
    select * from converting_journeys
    union all
    select * from non_converting_journeys
)

select * from final
