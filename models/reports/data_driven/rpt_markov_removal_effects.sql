with removal_effects as (

    select * from {{ ref('int_markov_removal_effects') }}

),

paths as (

    select * from {{ ref('int_data_driven_paths') }}

),

credit_factors as (

    select * from {{ ref('int_markov_credit_factors') }}

),

journey_totals as (

    select
        journey_id,
        max(conversions) as conversions,
        max(conversion_value) as conversion_value
    from paths
    group by journey_id

),

path_totals as (

    select
        sum(conversions) as total_conversions,
        sum(conversion_value) as total_conversion_value
    from journey_totals

),

order_totals as (

    select
        markov_order,
        sum(removal_effect) as total_removal_effect
    from removal_effects
    group by markov_order

),

report as (

    select
        cast(removal_effects.channel as {{ dbt.type_string() }}) as channel,
        cast(removal_effects.markov_order as {{ dbt.type_int() }}) as markov_order,
        cast(removal_effects.removal_effect as {{ mta.double_type() }}) as removal_effect,
        cast(
            case
                when order_totals.total_removal_effect > 0
                    then
                        path_totals.total_conversions * removal_effects.removal_effect
                        / order_totals.total_removal_effect
                else 0
            end as {{ mta.double_type() }}
        ) as attributed_conversions,
        cast(
            case
                when order_totals.total_removal_effect > 0
                    then
                        path_totals.total_conversion_value * removal_effects.removal_effect
                        / order_totals.total_removal_effect
                else 0
            end as {{ mta.money_type() }}
        ) as attributed_revenue,
        cast(
            case
                when order_totals.total_removal_effect > 0
                    then removal_effects.removal_effect / order_totals.total_removal_effect
                else 0
            end as {{ mta.double_type() }}
        ) as removal_effect_share,
        cast(removal_effects.conversion_probability as {{ mta.double_type() }}) as conversion_probability,
        cast(
            removal_effects.conversion_probability_removed as {{ mta.double_type() }}
        ) as conversion_probability_removed,
        removal_effects.markov_order = {{ mta.markov_credit_order() }} as is_credit_order,
        cast(
            case
                when removal_effects.markov_order = {{ mta.markov_credit_order() }}
                    then coalesce(credit_factors.allocated_conversions, 0)
            end as {{ mta.double_type() }}
        ) as per_touch_attributed_conversions,
        cast(
            case
                when removal_effects.markov_order = {{ mta.markov_credit_order() }}
                    then coalesce(credit_factors.allocated_revenue, 0)
            end as {{ mta.money_type() }}
        ) as per_touch_attributed_revenue
    from removal_effects
    inner join order_totals
        on removal_effects.markov_order = order_totals.markov_order
    cross join path_totals
    left join credit_factors
        on
            removal_effects.channel = credit_factors.channel
            and removal_effects.markov_order = credit_factors.markov_order

),

final as (

    select
        channel,
        markov_order,
        removal_effect,
        attributed_conversions,
        attributed_revenue,
        removal_effect_share,
        conversion_probability,
        conversion_probability_removed,
        is_credit_order,
        per_touch_attributed_conversions,
        per_touch_attributed_revenue,
        cast(per_touch_attributed_conversions - attributed_conversions as {{ mta.double_type() }})
            as per_touch_residual,
        case
            when per_touch_attributed_conversions is not null
                then abs(per_touch_attributed_conversions - attributed_conversions) <= 1.0e-6
        end as is_per_touch_exact
    from report

)

select * from final
