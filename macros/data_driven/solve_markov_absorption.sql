{#-
    Exact absorption probabilities of the removal-scenario chains.

    `scenario_transitions` is a relation with markov_order, removed_channel,
    from_state, to_state, transition_probability, where (start) is the initial
    state and (conversion) / (null) absorb. For every (markov_order,
    removed_channel) the macro propagates probability mass from (start) through
    the chain in small working tables (set-based, all scenarios at once,
    `steps_per_round` steps per statement) until the mass still in transient
    states is below `tolerance` in every scenario. Mass that has reached
    (conversion) only grows and the mass still in flight bounds what it can
    still gain, so the result equals P(conversion) within `tolerance`; there
    is no step cap: `max_iterations` is a safety bound that fails the build
    loudly instead of returning a truncated answer.

    Returns SQL that selects the results as literal rows: markov_order,
    removed_channel, conversion_probability, residual_mass, iterations. During
    parsing, or when the input relation does not exist yet (dbt compile on an
    empty database), it returns the same columns with no rows.
-#}
{% macro solve_markov_absorption(scenario_transitions, tolerance, max_iterations, steps_per_round=25) -%}
    {{ return(adapter.dispatch('solve_markov_absorption', 'mta')(scenario_transitions, tolerance, max_iterations, steps_per_round)) }}
{%- endmacro %}

{% macro default__solve_markov_absorption(scenario_transitions, tolerance, max_iterations, steps_per_round) -%}
    {%- set float_type = mta.double_type() -%}
    {%- set empty_result -%}
    select
        cast(null as {{ dbt.type_int() }}) as markov_order,
        cast(null as {{ dbt.type_string() }}) as removed_channel,
        cast(null as {{ float_type }}) as conversion_probability,
        cast(null as {{ float_type }}) as residual_mass,
        cast(null as {{ dbt.type_int() }}) as iterations
    where 1 = 0
    {%- endset -%}

    {%- if not execute -%}
        {{ return(empty_result) }}
    {%- endif -%}
    {%- if load_relation(scenario_transitions) is none -%}
        {{ return(empty_result) }}
    {%- endif -%}
    {%- if tolerance <= 0 or steps_per_round < 1 or max_iterations < 1 -%}
        {{ exceptions.raise_compiler_error("solve_markov_absorption: tolerance, steps_per_round and max_iterations must be positive") }}
    {%- endif -%}

    {%- set chain = api.Relation.create(database=this.database, schema=this.schema, identifier=this.identifier ~ '__solver_chain', type='table') -%}
    {%- set mass_a = api.Relation.create(database=this.database, schema=this.schema, identifier=this.identifier ~ '__solver_mass_a', type='table') -%}
    {%- set mass_b = api.Relation.create(database=this.database, schema=this.schema, identifier=this.identifier ~ '__solver_mass_b', type='table') -%}
    {%- for relation in [chain, mass_a, mass_b] -%}
        {%- do adapter.drop_relation(relation) -%}
    {%- endfor -%}

    {#- the chain, with (conversion) absorbing through a self-loop so that its mass is kept -#}
    {%- set chain_sql -%}
        select
            markov_order,
            removed_channel,
            from_state,
            to_state,
            cast(transition_probability as {{ float_type }}) as transition_probability
        from {{ scenario_transitions }}
        where to_state <> '(null)'

        union all

        select distinct
            markov_order,
            removed_channel,
            '(conversion)' as from_state,
            '(conversion)' as to_state,
            cast(1 as {{ float_type }}) as transition_probability
        from {{ scenario_transitions }}
    {%- endset -%}
    {%- do run_query(mta.create_work_table(chain, chain_sql)) -%}

    {%- set initial_sql -%}
        select distinct
            markov_order,
            removed_channel,
            '(start)' as state,
            cast(1 as {{ float_type }}) as mass
        from {{ chain }}
    {%- endset -%}
    {%- do run_query(mta.create_work_table(mass_a, initial_sql)) -%}

    {%- set max_rounds = ((max_iterations + steps_per_round - 1) // steps_per_round) | int -%}
    {%- set ns = namespace(current=mass_a, next=mass_b, converged=false, iterations=0, residual=none) -%}
    {%- for round in range(max_rounds) -%}
        {%- if not ns.converged -%}
            {%- set round_sql -%}
                with step_0 as (

                    select * from {{ ns.current }}

                ),
                {%- for i in range(1, steps_per_round + 1) %}

                step_{{ i }} as (

                    select
                        chain.markov_order,
                        chain.removed_channel,
                        chain.to_state as state,
                        sum(step_{{ i - 1 }}.mass * chain.transition_probability) as mass
                    from step_{{ i - 1 }}
                    inner join {{ chain }} as chain
                        on
                            step_{{ i - 1 }}.markov_order = chain.markov_order
                            and step_{{ i - 1 }}.removed_channel = chain.removed_channel
                            and step_{{ i - 1 }}.state = chain.from_state
                    group by
                        chain.markov_order,
                        chain.removed_channel,
                        chain.to_state

                ){% if not loop.last %},{% endif %}
                {%- endfor %}

                select * from step_{{ steps_per_round }}
            {%- endset -%}
            {%- do adapter.drop_relation(ns.next) -%}
            {%- do run_query(mta.create_work_table(ns.next, round_sql)) -%}
            {%- set ns.iterations = ns.iterations + steps_per_round -%}

            {%- set residual_sql -%}
                select coalesce(max(transient_mass), 0) as max_transient_mass
                from (
                    select
                        markov_order,
                        removed_channel,
                        sum(case when state = '(conversion)' then 0 else mass end) as transient_mass
                    from {{ ns.next }}
                    group by
                        markov_order,
                        removed_channel
                ) as scenario_mass
            {%- endset -%}
            {%- set ns.residual = run_query(residual_sql).columns[0].values()[0] | float -%}
            {%- set previous = ns.current -%}
            {%- set ns.current = ns.next -%}
            {%- set ns.next = previous -%}
            {%- if ns.residual < tolerance -%}
                {%- set ns.converged = true -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if not ns.converged -%}
        {%- for relation in [chain, mass_a, mass_b] -%}
            {%- do adapter.drop_relation(relation) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "solve_markov_absorption: the absorption probabilities did not converge to tolerance "
            ~ tolerance ~ " within " ~ ns.iterations ~ " iterations (mass still in transient states: "
            ~ ns.residual ~ "). Raise var mta_markov_max_iterations or check the transition table."
        ) }}
    {%- endif -%}

    {%- set result_sql -%}
        select
            scenarios.markov_order,
            scenarios.removed_channel,
            cast(coalesce(absorbed.conversion_mass, 0) as {{ float_type }}) as conversion_probability,
            cast(coalesce(absorbed.transient_mass, 0) as {{ float_type }}) as residual_mass
        from (
            select distinct
                markov_order,
                removed_channel
            from {{ chain }}
        ) as scenarios
        left join (
            select
                markov_order,
                removed_channel,
                sum(case when state = '(conversion)' then mass else 0 end) as conversion_mass,
                sum(case when state = '(conversion)' then 0 else mass end) as transient_mass
            from {{ ns.current }}
            group by
                markov_order,
                removed_channel
        ) as absorbed
            on
                scenarios.markov_order = absorbed.markov_order
                and scenarios.removed_channel = absorbed.removed_channel
        order by
            scenarios.markov_order,
            scenarios.removed_channel
    {%- endset -%}
    {%- set solved = run_query(result_sql) -%}
    {%- for relation in [chain, mass_a, mass_b] -%}
        {%- do adapter.drop_relation(relation) -%}
    {%- endfor -%}

    {%- if solved.rows | length == 0 -%}
        {{ return(empty_result) }}
    {%- endif -%}
    {%- set literal_rows = [] -%}
    {%- for row in solved.rows -%}
        {%- set literal_row -%}
    select
        cast({{ row[0] | int }} as {{ dbt.type_int() }}) as markov_order,
        cast('{{ row[1] | replace("'", "''") }}' as {{ dbt.type_string() }}) as removed_channel,
        cast({{ '%.17g' | format(row[2] | float) }} as {{ float_type }}) as conversion_probability,
        cast({{ '%.17g' | format(row[3] | float) }} as {{ float_type }}) as residual_mass,
        cast({{ ns.iterations }} as {{ dbt.type_int() }}) as iterations
        {%- endset -%}
        {%- do literal_rows.append(literal_row) -%}
    {%- endfor -%}
    {{ return(literal_rows | join('\n    union all\n')) }}
{%- endmacro %}
