with conversion_paths as (

    select * from {{ ref('int_conversion_paths') }}

),

credit_factors as (

    select * from {{ ref('int_markov_credit_factors') }}

),

touch_factors as (

    select
        conversion_paths.conversion_id,
        conversion_paths.touchpoint_id,
        coalesce(credit_factors.credit_factor, 0) as credit_factor
    from conversion_paths
    left join credit_factors
        on conversion_paths.channel = credit_factors.channel

),

conversion_totals as (

    select
        conversion_id,
        sum(credit_factor) as total_credit_factor,
        count(*) as touch_count
    from touch_factors
    group by conversion_id

),

final as (

    select
        touch_factors.conversion_id,
        touch_factors.touchpoint_id,
        cast('markov' as {{ dbt.type_string() }}) as attribution_model,
        cast(
            case
                when conversion_totals.total_credit_factor > 0
                    then touch_factors.credit_factor / conversion_totals.total_credit_factor
                else 1.0 / conversion_totals.touch_count
            end as {{ mta.double_type() }}
        ) as credit
    from touch_factors
    inner join conversion_totals
        on touch_factors.conversion_id = conversion_totals.conversion_id

)

select * from final
