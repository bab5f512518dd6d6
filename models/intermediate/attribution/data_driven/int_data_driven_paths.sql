{#-
    The path input of the data-driven models: one row per journey x touch,
    with the journey's weights repeated on each of its rows.

    Default: the project's own journeys (int_journey_touchpoints), converting
    and not; a converting journey weighs 1 conversion, a non-converting one
    1 non-conversion, and its conversion value is the conversion's revenue.

    With var mta_data_driven_paths_relation set (e.g. 'main.my_paths'), the
    rows come from that relation instead, so that external path sets (the
    ChannelAttribution sample, hand-made sets) run through the same models. It
    must have the columns journey_id, touch_position, channel, conversions,
    non_conversions and conversion_value (weights per journey, repeated on
    every row of the journey). Rows with an empty channel are ignored.
-#}
{%- set external_paths = mta.setting('mta_data_driven_paths_relation') -%}

{%- if external_paths %}

with external_paths as (

    select * from {{ external_paths }}

),

typed_paths as (

    select
        cast(journey_id as {{ dbt.type_string() }}) as journey_id,
        cast(touch_position as {{ dbt.type_int() }}) as touch_position,
        trim(cast(channel as {{ dbt.type_string() }})) as channel,
        cast(null as {{ dbt.type_string() }}) as touchpoint_id,
        cast(null as {{ dbt.type_string() }}) as conversion_id,
        cast(coalesce(conversions, 0) as {{ mta.double_type() }}) as conversions,
        cast(coalesce(non_conversions, 0) as {{ mta.double_type() }}) as non_conversions,
        cast(coalesce(conversion_value, 0) as {{ mta.double_type() }}) as conversion_value
    from external_paths

),

final as (

    select * from typed_paths
    where
        channel is not null
        and channel <> ''
        and journey_id is not null
        and touch_position is not null

)

{%- else %}

with journey_touchpoints as (

    select * from {{ ref('int_journey_touchpoints') }}

),

conversion_paths as (

    select * from {{ ref('int_conversion_paths') }}

),

conversion_revenue as (

    select
        conversion_id,
        max(revenue) as revenue
    from conversion_paths
    group by conversion_id

),

final as (

    select
        journey_touchpoints.journey_id,
        journey_touchpoints.touch_position,
        journey_touchpoints.channel,
        journey_touchpoints.touchpoint_id,
        journey_touchpoints.conversion_id,
        cast(
            case when journey_touchpoints.is_converted then 1 else 0 end as {{ mta.double_type() }}
        ) as conversions,
        cast(
            case when journey_touchpoints.is_converted then 0 else 1 end as {{ mta.double_type() }}
        ) as non_conversions,
        cast(
            case when journey_touchpoints.is_converted then coalesce(conversion_revenue.revenue, 0) else 0 end
            as {{ mta.double_type() }}
        ) as conversion_value
    from journey_touchpoints
    left join conversion_revenue
        on journey_touchpoints.conversion_id = conversion_revenue.conversion_id

)

{%- endif %}

select * from final
