{#-
    Markov credits: each touch gets the removal effect of its channel at order
    var mta_markov_order, normalized over the touches of the conversion's
    path; linear (1 / touches) when every touch's channel has removal effect 0
    (or none, e.g. a channel unknown to the path input).
-#}
with conversion_paths as (

    select * from {{ ref('int_conversion_paths') }}

),

removal_effects as (

    select * from {{ ref('int_markov_removal_effects') }}
    where markov_order = {{ mta.markov_credit_order() }}

),

touch_effects as (

    select
        conversion_paths.conversion_id,
        conversion_paths.touchpoint_id,
        coalesce(removal_effects.removal_effect, 0) as removal_effect
    from conversion_paths
    left join removal_effects
        on conversion_paths.channel = removal_effects.channel

),

conversion_totals as (

    select
        conversion_id,
        sum(removal_effect) as total_removal_effect,
        count(*) as touch_count
    from touch_effects
    group by conversion_id

),

final as (

    select
        touch_effects.conversion_id,
        touch_effects.touchpoint_id,
        cast('markov' as {{ dbt.type_string() }}) as attribution_model,
        cast(
            case
                when conversion_totals.total_removal_effect > 0
                    then touch_effects.removal_effect / conversion_totals.total_removal_effect
                else 1.0 / conversion_totals.touch_count
            end as {{ mta.double_type() }}
        ) as credit
    from touch_effects
    inner join conversion_totals
        on touch_effects.conversion_id = conversion_totals.conversion_id

)

select * from final
