with

allocations as (
    select * from {{ ref('rpt_modeled_revenue_allocations') }}
),

cohorts as (
    select
        attribution_model,
        conversion_type,
        week_start,
        mix_level,
        mix_cohort_key,
        cohort_conversions,
        confidence,
        cohort_modeled_conversions,
        cohort_modeled_revenue,
        count(*) as n_channels
    from allocations
    group by
        attribution_model,
        conversion_type,
        week_start,
        mix_level,
        mix_cohort_key,
        cohort_conversions,
        confidence,
        cohort_modeled_conversions,
        cohort_modeled_revenue
),

final as (
    select
        cast(attribution_model as {{ dbt.type_string() }}) as attribution_model,
        cast(conversion_type as {{ dbt.type_string() }}) as conversion_type,
        cast(week_start as date) as week_start,
        cast(cohort_modeled_conversions as bigint) as modeled_conversions,
        {{ mta.money("cohort_modeled_revenue") }} as modeled_revenue,
        cast(mix_level as {{ dbt.type_string() }}) as mix_level,
        cast(mix_cohort_key as {{ dbt.type_string() }}) as mix_cohort_key,
        cast(cohort_conversions as bigint) as cohort_observed_conversions,
        cast(confidence as {{ dbt.type_string() }}) as confidence,
        cast(n_channels as bigint) as n_channels
    from cohorts
)

select * from final
