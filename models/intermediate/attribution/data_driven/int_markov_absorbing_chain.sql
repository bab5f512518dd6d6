with scenario_transitions as (

    select * from {{ ref('int_markov_scenario_transitions') }}

),

transient_transitions as (

    select
        markov_order,
        removed_channel,
        from_state,
        to_state,
        cast(transition_probability as {{ mta.double_type() }}) as transition_probability
    from scenario_transitions
    where to_state <> '(null)'

),

conversion_loops as (

    select distinct
        markov_order,
        removed_channel,
        '(conversion)' as from_state,
        '(conversion)' as to_state,
        cast(1 as {{ mta.double_type() }}) as transition_probability
    from scenario_transitions

),

final as (

    select * from transient_transitions
    union all
    select * from conversion_loops

)

select * from final
