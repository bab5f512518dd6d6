{%- set solved = mta.solve_markov_absorption(
    ref('int_markov_scenario_transitions'),
    tolerance=mta.setting('mta_markov_tolerance') | float,
    max_iterations=mta.setting('mta_markov_max_iterations') | int,
    steps_per_round=mta.setting('mta_markov_steps_per_round') | int,
) -%}

with solved_scenarios as (

    {{ solved }}

),

final as (

    select
        markov_order,
        removed_channel,
        conversion_probability,
        residual_mass,
        iterations
    from solved_scenarios

)

select * from final
