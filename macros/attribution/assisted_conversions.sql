{#-
    Assisted vs last-touch conversions per group of `grain` columns (a list
    of 'channel' and optionally 'campaign'). A conversion counts once per
    group: closed if the group holds the path's last touch, assisted if the
    group is in the path without it. Revenue is the conversion's full revenue
    (not a credit share), as in the classic assisted-conversions report.
-#}
{% macro assisted_conversions(grain) -%}
    {%- for column_name in grain -%}
        {%- if column_name not in ['channel', 'campaign'] -%}
            {{ exceptions.raise_compiler_error("assisted_conversions: grain columns must be channel and/or campaign, got " ~ column_name) }}
        {%- endif -%}
    {%- endfor %}
with

conversion_paths as (
    select * from {{ ref('int_conversion_paths') }}
),

path_touches as (
    select
        conversion_id,
        channel,
        {{ mta.campaign_key('campaign') }} as campaign,
        coalesce(revenue, 0) as revenue,
        case when touch_position = path_length then 1 else 0 end as is_last_touch,
        case when touch_position = 1 then 1 else 0 end as is_first_touch
    from conversion_paths
),

conversion_groups as (
    select
        conversion_id,
        {{ grain | join(', ') }},
        max(revenue) as revenue,
        max(is_last_touch) as is_closer,
        max(is_first_touch) as is_introducer,
        count(*) as touches
    from path_touches
    group by conversion_id, {{ grain | join(', ') }}
),

group_totals as (
    select
        {{ grain | join(', ') }},
        count(*) as touched_conversions,
        sum(touches) as path_touches,
        sum(is_introducer) as first_touch_conversions,
        sum(is_closer) as last_touch_conversions,
        sum(1 - is_closer) as assisted_conversions,
        sum(case when is_closer = 1 then revenue else 0 end) as last_touch_revenue,
        sum(case when is_closer = 0 then revenue else 0 end) as assisted_revenue
    from conversion_groups
    group by {{ grain | join(', ') }}
),

final as (
    select
        {{ grain | join(', ') }},
        cast(touched_conversions as bigint) as touched_conversions,
        cast(path_touches as bigint) as path_touches,
        cast(first_touch_conversions as bigint) as first_touch_conversions,
        cast(last_touch_conversions as bigint) as last_touch_conversions,
        cast(assisted_conversions as bigint) as assisted_conversions,
        {{ mta.money("last_touch_revenue") }} as last_touch_revenue,
        {{ mta.money("assisted_revenue") }} as assisted_revenue,
        {{ mta.safe_ratio('assisted_conversions', 'last_touch_conversions') }} as assist_to_last_touch_ratio,
        {{ mta.safe_ratio('assisted_conversions', 'touched_conversions') }} as assisted_share,
        (last_touch_conversions = 0) as is_assist_only
    from group_totals
)

select * from final
{%- endmacro %}
