with

paths as (
    select * from {{ ref('int_conversion_paths') }}
),

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
        cast(touch_position as {{ dbt.type_bigint() }}) as touch_position,  -- row_number() is an int on Spark
        cast(path_length as {{ dbt.type_bigint() }}) as path_length
    from paths
)

select * from final
