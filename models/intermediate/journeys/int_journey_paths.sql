{%- set drop_direct = mta.setting('mta_drop_direct_from_mixed_paths') -%}
{%- set max_touches = mta.setting('mta_max_path_touches') -%}

with

candidates as (
    select * from {{ ref('int_journey_candidates') }}
),

direct_flagged as (
    select
        *,
        max(case when channel <> 'direct' then 1 else 0 end) over (
            partition by journey_kind, journey_owner
        ) as has_non_direct_touch
    from candidates
),

direct_filtered as (
    select *
    from direct_flagged
    {%- if drop_direct %}
    where
        channel <> 'direct'
        or has_non_direct_touch = 0
    {%- endif %}
),

ranked as (
    select
        *,
        row_number() over (
            partition by journey_kind, journey_owner
            order by touched_at desc, touchpoint_id desc
        ) as reverse_position
    from direct_filtered
),

capped as (
    select *
    from ranked
    {%- if max_touches is not none %}
    where reverse_position <= {{ max_touches }}
    {%- endif %}
),

final as (
    select
        journey_kind,
        journey_owner,
        person_id,
        touchpoint_id,
        channel,
        touched_at,
        row_number() over (
            partition by journey_kind, journey_owner
            order by touched_at, touchpoint_id
        ) as touch_position,
        count(*) over (partition by journey_kind, journey_owner) as path_length
    from capped
)

select * from final
