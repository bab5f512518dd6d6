with

experiment_credits as (
    select * from {{ ref('fct_experiment_credits') }}
),

final as (
    select
        experiment_credit_id,
        experiment_id,
        attribution_model,
        channel,
        campaign,
        method,
        start_date,
        end_date,
        conversion_types,
        interval_level,
        measured_conversions,
        measured_conversions_low,
        measured_conversions_high,
        credited_conversions,
        cast(
            case when measured_conversions > 0 then credited_conversions / measured_conversions end
            as {{ mta.double_type() }}
        ) as credited_to_measured_conversions_ratio,
        case
            when measured_conversions_low is not null
                then
                    credited_conversions >= measured_conversions_low
                    and credited_conversions <= measured_conversions_high
        end as is_credited_conversions_inside_interval,
        cast(credited_conversions - measured_conversions as {{ mta.double_type() }}) as conversions_error,
        cast(
            (credited_conversions - measured_conversions) / measured_conversions_standard_error
            as {{ mta.double_type() }}
        ) as conversions_error_in_standard_errors,
        measured_revenue,
        measured_revenue_low,
        measured_revenue_high,
        credited_revenue,
        cast(
            case when measured_revenue > 0 then credited_revenue / measured_revenue end
            as {{ mta.double_type() }}
        ) as credited_to_measured_revenue_ratio,
        case
            when measured_revenue_low is not null
                then
                    credited_revenue >= measured_revenue_low
                    and credited_revenue <= measured_revenue_high
        end as is_credited_revenue_inside_interval,
        {{ mta.money("credited_revenue - measured_revenue") }} as revenue_error,
        period_conversions,
        period_observed_conversions
    from experiment_credits
)

select * from final
