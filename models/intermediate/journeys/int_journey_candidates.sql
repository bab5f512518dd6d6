{%- set reset_after_conversion = mta.setting('mta_reset_path_after_conversion') -%}

with

windowed as (
    select * from {{ ref('int_conversion_touchpoints_windowed') }}
),

conversions as (
    select * from {{ ref('int_conversions_matched') }}
),

touchpoints as (
    select * from {{ ref('int_touchpoints_deduplicated') }}
),

{# The previous conversion of any kind: an earlier non-attributable
    conversion is still a conversion that ends a path under the reset var. #}
previous_conversions as (
    select
        conversion_id,
        is_attributable,
        lag(converted_at) over (
            partition by person_id
            order by converted_at, conversion_id
        ) as previous_converted_at
    from conversions
    where person_id is not null
),

conversion_candidates as (
    select
        'conversion' as journey_kind,
        windowed.conversion_id as journey_owner,
        windowed.person_id,
        windowed.touchpoint_id,
        windowed.channel,
        windowed.touched_at
    from windowed
    inner join previous_conversions
        on windowed.conversion_id = previous_conversions.conversion_id
    where
        previous_conversions.is_attributable
        and (
            not {{ 'true' if reset_after_conversion else 'false' }}
            or previous_conversions.previous_converted_at is null
            or windowed.touched_at > previous_conversions.previous_converted_at
        )
),

followed_touchpoints as (
    select distinct touchpoint_id
    from windowed
),

unconverted_candidates as (
    select
        'person' as journey_kind,
        touchpoints.person_id as journey_owner,
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

final as (
    select * from conversion_candidates
    union all
    select * from unconverted_candidates
)

select * from final
