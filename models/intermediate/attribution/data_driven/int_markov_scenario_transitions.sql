with transitions as (

    select * from {{ ref('int_markov_transitions') }}

),

paths as (

    select * from {{ ref('int_data_driven_paths') }}

),

path_channels as (

    select distinct channel
    from paths

),

chain_orders as (

    select distinct markov_order
    from transitions

),

scenarios as (

    select
        markov_order,
        '(none)' as removed_channel
    from chain_orders

    union all

    select
        chain_orders.markov_order,
        path_channels.channel as removed_channel
    from chain_orders
    cross join path_channels

),

scenario_transitions as (

    select
        scenarios.markov_order,
        scenarios.removed_channel,
        transitions.from_state,
        case
            when
                scenarios.removed_channel <> '(none)'
                and {{ dbt.position(
                    "' > ' || scenarios.removed_channel || ' > '",
                    "' > ' || transitions.to_state || ' > '"
                ) }} > 0
                then '(null)'
            else transitions.to_state
        end as to_state,
        transitions.transition_probability,
        (
            scenarios.removed_channel <> '(none)'
            and {{ dbt.position(
                "' > ' || scenarios.removed_channel || ' > '",
                "' > ' || transitions.from_state || ' > '"
            ) }} > 0
        ) as is_from_removed_state
    from scenarios
    inner join transitions
        on scenarios.markov_order = transitions.markov_order

),

final as (

    select
        markov_order,
        removed_channel,
        from_state,
        to_state,
        sum(transition_probability) as transition_probability
    from scenario_transitions
    where not is_from_removed_state
    group by
        markov_order,
        removed_channel,
        from_state,
        to_state

)

select * from final
