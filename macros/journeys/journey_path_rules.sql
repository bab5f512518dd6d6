{#-
    The path rules shared by conversion paths and non-converting journeys,
    as a chain of CTEs named <prefix>_direct_flagged, <prefix>_direct_filtered,
    <prefix>_ranked, <prefix>_capped and <prefix>_numbered, reading the CTE `input_cte` (one row
    per journey x touch with columns `partition_by`, touchpoint_id, channel,
    touched_at). The caller writes the comma before the first CTE and selects
    from <prefix>_numbered.
    - mta.setting('mta_drop_direct_from_mixed_paths'): drop `direct` touches from a
      journey that has any non-direct touch; an all-direct journey keeps them.
    - mta.setting('mta_max_path_touches'): keep only the last N touches (by time,
      ties by touchpoint_id).
    - touch_position: 1 = oldest, ties broken by touchpoint_id; path_length.
-#}
{% macro journey_path_rules(input_cte, partition_by, prefix) -%}
    {%- set drop_direct = mta.setting('mta_drop_direct_from_mixed_paths') | string | lower in ['true', '1', 'yes'] -%}
    {%- set max_touches = mta.setting('mta_max_path_touches') -%}
    {%- if max_touches is not none and max_touches | string | lower not in ['', 'none', 'null'] -%}
        {%- set max_touches = max_touches | int -%}
        {%- if max_touches < 1 -%}
            {{ exceptions.raise_compiler_error("mta_max_path_touches must be null or a positive integer, got " ~ max_touches) }}
        {%- endif -%}
    {%- else -%}
        {%- set max_touches = none -%}
    {%- endif -%}
{{ prefix }}_direct_flagged as (
    select
        *,
        max(case when channel <> 'direct' then 1 else 0 end) over (
            partition by {{ partition_by }}
        ) as has_non_direct_touch
    from {{ input_cte }}
),

{{ prefix }}_direct_filtered as (
    select *
    from {{ prefix }}_direct_flagged
    {%- if drop_direct %}
    where
        channel <> 'direct'
        or has_non_direct_touch = 0
    {%- endif %}
),

{{ prefix }}_ranked as (
    select
        *,
        row_number() over (
            partition by {{ partition_by }}
            order by touched_at desc, touchpoint_id desc
        ) as reverse_position
    from {{ prefix }}_direct_filtered
),

{{ prefix }}_capped as (
    select *
    from {{ prefix }}_ranked
    {%- if max_touches is not none %}
    where reverse_position <= {{ max_touches }}
    {%- endif %}
),

{{ prefix }}_numbered as (
    select
        *,
        row_number() over (
            partition by {{ partition_by }}
            order by touched_at, touchpoint_id
        ) as touch_position,
        count(*) over (partition by {{ partition_by }}) as path_length
    from {{ prefix }}_capped
)
{%- endmacro %}
