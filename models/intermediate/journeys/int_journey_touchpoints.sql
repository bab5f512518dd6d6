{#-
    Every journey x touch, converting and not, for the data-driven models.
    - Converting journeys are the conversion paths (int_conversion_paths),
      one journey per attributable conversion with at least one touch.
    - The non-converting journey of a person holds the person's touches that
      no conversion of the person (attributable or not) followed within the
      touch's lookback window (no row in int_conversion_touchpoints_windowed), with
      the same direct rule and last-N cap. One per person with such touches.
    A touch that a conversion followed but that the direct rule, the cap or
    the reset dropped from the path, or that only non-attributable
    conversions followed, is in no journey: it did not go unconverted. Touches without a person are in no journey.
-#}

with

paths as (
    select * from {{ ref('int_conversion_paths') }}
),

windowed as (
    select * from {{ ref('int_conversion_touchpoints_windowed') }}
),

touchpoints as (
    select * from {{ ref('int_touchpoints_deduplicated') }}
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

followed_touchpoints as (
    select distinct touchpoint_id
    from windowed
),

unconverted_touchpoints as (
    select
        touchpoints.person_id,
        touchpoints.touchpoint_id,
        touchpoints.channel,
        touchpoints.touched_at
    from touchpoints
    left join followed_touchpoints
        on touchpoints.touchpoint_id = followed_touchpoints.touchpoint_id
    where
        touchpoints.person_id is not null
        and followed_touchpoints.touchpoint_id is null
),

{{ journey_path_rules('unconverted_touchpoints', 'person_id', 'unconverted') }},

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
    from unconverted_numbered
),

final as (
    select * from converting_journeys
    union all
    select * from non_converting_journeys
)

select * from final
