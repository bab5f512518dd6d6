{#-
    Removing a channel can only lower P(conversion), so RE lies in [0, 1]; the
    clamp only absorbs float noise of the order of the solver tolerance.
-#}
with absorption as (

    select * from {{ ref('int_markov_absorption') }}

),

full_chain as (

    select
        markov_order,
        conversion_probability
    from absorption
    where removed_channel = '(none)'

),

removal_scenarios as (

    select
        markov_order,
        removed_channel as channel,
        conversion_probability as conversion_probability_removed
    from absorption
    where removed_channel <> '(none)'

),

final as (

    select
        removal_scenarios.markov_order,
        removal_scenarios.channel,
        full_chain.conversion_probability,
        removal_scenarios.conversion_probability_removed,
        case
            when full_chain.conversion_probability > 0
                then least(
                    1.0,
                    greatest(
                        0.0,
                        1.0 - removal_scenarios.conversion_probability_removed / full_chain.conversion_probability
                    )
                )
            else 0.0
        end as removal_effect
    from removal_scenarios
    inner join full_chain
        on removal_scenarios.markov_order = full_chain.markov_order

)

select * from final
