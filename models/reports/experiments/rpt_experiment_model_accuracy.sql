{#-
    Shares divide two doubles, so every engine rounds them the same way (a
    decimal division rounds 2/3 differently on Spark).
-#}
with

comparison as (
    select * from {{ ref('rpt_experiment_model_comparison') }}
),

final as (
    select
        attribution_model,
        cast(count(*) as {{ dbt.type_bigint() }}) as experiments,
        cast(count(is_credited_conversions_inside_interval) as {{ dbt.type_bigint() }})
            as experiments_with_interval,
        cast(sum(case when is_credited_conversions_inside_interval then 1 else 0 end) as {{ dbt.type_bigint() }})
            as experiments_inside_interval,
        cast(sum(case when is_credited_conversions_inside_interval then 1 else 0 end) as {{ mta.double_type() }})
        / cast(nullif(count(is_credited_conversions_inside_interval), 0) as {{ mta.double_type() }})
            as share_inside_interval,
        cast(avg(abs(conversions_error)) as {{ mta.double_type() }}) as mean_absolute_error_conversions,
        cast(avg(abs(conversions_error_in_standard_errors)) as {{ mta.double_type() }})
            as mean_absolute_error_in_standard_errors,
        cast(sum(credited_conversions) as {{ mta.double_type() }}) as credited_conversions,
        cast(sum(measured_conversions) as {{ mta.double_type() }}) as measured_conversions,
        cast(count(measured_revenue) as {{ dbt.type_bigint() }}) as experiments_with_revenue,
        cast(sum(case when is_credited_revenue_inside_interval then 1 else 0 end) as {{ mta.double_type() }})
        / cast(nullif(count(is_credited_revenue_inside_interval), 0) as {{ mta.double_type() }})
            as share_revenue_inside_interval,
        {{ mta.money("avg(abs(revenue_error))") }} as mean_absolute_error_revenue
    from comparison
    group by attribution_model
)

select * from final
