{#-
    The path of every attributable conversion with a person: its touches in
    the lookback window (int_conversion_touchpoints_windowed), then
    - mta.setting('mta_reset_path_after_conversion'): only touches strictly after the
      person's previous conversion, attributable or not (a touch at exactly
      the previous conversion's time belongs to that conversion's path);
    - the direct rule and the last-N cap (macro journey_path_rules);
    numbered oldest first, ties broken by touchpoint_id.
    Conversions that are not attributable, or have no person, get no path.
-#}
{%- set reset_var = mta.setting('mta_reset_path_after_conversion') -%}
{%- set reset_after_conversion = reset_var | string | lower in ['true', '1', 'yes'] -%}

with

windowed as (
    select * from {{ ref('int_conversion_touchpoints_windowed') }}
),

conversions as (
    select * from {{ ref('int_conversions_matched') }}
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

path_candidates as (
    select windowed.*
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

{{ journey_path_rules('path_candidates', 'conversion_id', 'path') }},

final as (
    select
        conversion_id,
        touchpoint_id,
        person_id,
        channel,
        campaign,
        touched_at,
        converted_at,
        conversion_type,
        revenue,
        touch_position,
        path_length
    from path_numbered
)

select * from final
