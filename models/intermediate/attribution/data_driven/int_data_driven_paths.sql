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
