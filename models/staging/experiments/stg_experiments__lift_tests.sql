{#- The good lift-test rows of base_experiments__lift_tests: one per experiment_id. -#}
with

base_lift_tests as (
    select * from {{ ref('base_experiments__lift_tests') }}
),

final as (
    select
        experiment_id,
        input_origin,
        channel,
        campaign,
        start_date,
        end_date,
        method,
        conversion_type,
        incremental_conversions,
        incremental_conversions_low,
        incremental_conversions_high,
        incremental_revenue,
        incremental_revenue_low,
        incremental_revenue_high,
        incremental_revenue_original,
        currency,
        interval_level
    from base_lift_tests
    where quarantine_reason is null
)

select * from final
