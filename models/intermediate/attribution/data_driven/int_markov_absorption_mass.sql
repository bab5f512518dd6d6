{#-
    One round moves the probability mass `steps` steps along the chain; the
    fixed_point materialization reruns it on its own output until, in every
    scenario, the mass still in transient states is below the tolerance.
-#}
{%- set steps = mta.setting('mta_markov_steps_per_round') | int -%}
{{ config(
    materialized='fixed_point',
    iterate_from='int_markov_initial_mass',
    max_iterations=((mta.setting('mta_markov_max_iterations') | int) + steps - 1) // steps,
    not_converged_hint='Raise var mta_markov_max_iterations (a bound in steps) or check the transition table.',
) }}

with previous_mass as (

    select * from {{ ref('int_markov_initial_mass') }}

),

absorbing_chain as (

    select * from {{ ref('int_markov_absorbing_chain') }}

),

previous_round as (

    select max(iterations) as iterations
    from previous_mass

),

step_0 as (

    select
        markov_order,
        removed_channel,
        state,
        mass
    from previous_mass

),
{%- for i in range(1, steps + 1) %}

step_{{ i }} as (

    select
        absorbing_chain.markov_order,
        absorbing_chain.removed_channel,
        absorbing_chain.to_state as state,
        sum(step_{{ i - 1 }}.mass * absorbing_chain.transition_probability) as mass
    from step_{{ i - 1 }}
    inner join absorbing_chain
        on
            step_{{ i - 1 }}.markov_order = absorbing_chain.markov_order
            and step_{{ i - 1 }}.removed_channel = absorbing_chain.removed_channel
            and step_{{ i - 1 }}.state = absorbing_chain.from_state
    group by
        absorbing_chain.markov_order,
        absorbing_chain.removed_channel,
        absorbing_chain.to_state

),
{%- endfor %}

scenario_mass as (

    select
        step_{{ steps }}.markov_order,
        step_{{ steps }}.removed_channel,
        step_{{ steps }}.state,
        step_{{ steps }}.mass,
        sum(case when step_{{ steps }}.state = '(conversion)' then 0 else step_{{ steps }}.mass end) over (
            partition by step_{{ steps }}.markov_order, step_{{ steps }}.removed_channel
        ) as transient_mass
    from step_{{ steps }}

),

final as (

    select
        scenario_mass.markov_order,
        scenario_mass.removed_channel,
        scenario_mass.state,
        scenario_mass.mass,
        previous_round.iterations + {{ steps }} as iterations,
        scenario_mass.transient_mass
        < cast({{ mta.setting('mta_markov_tolerance') }} as {{ mta.double_type() }}) as is_settled
    from scenario_mass
    cross join previous_round

)

select * from final
