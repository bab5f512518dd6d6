with scenarios as (

    select * from {{ ref('int_markov_initial_mass') }}

),

absorption_mass as (

    select * from {{ ref('int_markov_absorption_mass') }}

),

absorbed as (

    select
        markov_order,
        removed_channel,
        sum(case when state = '(conversion)' then mass else 0 end) as conversion_mass,
        sum(case when state = '(conversion)' then 0 else mass end) as transient_mass
    from absorption_mass
    group by
        markov_order,
        removed_channel

),

solver_rounds as (

    select max(iterations) as iterations
    from absorption_mass

),

final as (

    select
        scenarios.markov_order,
        scenarios.removed_channel,
        cast(coalesce(absorbed.conversion_mass, 0) as {{ mta.double_type() }}) as conversion_probability,
        cast(coalesce(absorbed.transient_mass, 0) as {{ mta.double_type() }}) as residual_mass,
        solver_rounds.iterations
    from scenarios
    cross join solver_rounds
    left join absorbed
        on
            scenarios.markov_order = absorbed.markov_order
            and scenarios.removed_channel = absorbed.removed_channel

)

select * from final
