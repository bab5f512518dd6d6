{#-
    materialized='fixed_point': a model whose SQL is one round of an
    iteration, run round after round until every row it returns is settled.

    The model's compiled SQL reads its starting state from the model named in
    config `iterate_from` and returns the next state, including a boolean
    column (config `settled_column`, default `is_settled`). Round 1 runs that
    SQL as compiled; round n runs the same SQL with the `iterate_from`
    relation replaced by the table round n - 1 wrote. The rounds stop after
    the first round in which every row is settled (a round that returns no
    rows is settled too), and its rows become the model's table. After
    config `max_iterations` rounds without that, the build fails with "did
    not converge" and config `not_converged_hint`: never a truncated answer.

    So `dbt compile` shows the SQL every round runs, and a unit test of the
    model checks one round of that very SQL. The round tables
    `<model>__round_a` and `<model>__round_b` sit beside the model and are
    dropped when it is built (or fails to converge).
-#}
{% materialization fixed_point, default %}
    {%- set iterate_from = config.require('iterate_from') -%}
    {%- set max_iterations = config.require('max_iterations') | int -%}
    {%- set settled_column = config.get('settled_column', 'is_settled') -%}
    {%- if max_iterations < 1 -%}
        {{ exceptions.raise_compiler_error(this.identifier ~ ": config max_iterations must be positive, got " ~ max_iterations) }}
    {%- endif -%}

    {%- set start_text = ref(iterate_from) | string -%}
    {%- if start_text not in sql -%}
        {{ exceptions.raise_compiler_error(
            this.identifier ~ ": a fixed_point model must read its starting state from ref('" ~ iterate_from
            ~ "') (config iterate_from); the compiled SQL does not mention " ~ start_text
        ) }}
    {%- endif -%}

    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set round_tables = [] -%}
    {%- for suffix in ['__round_a', '__round_b'] -%}
        {%- do round_tables.append(api.Relation.create(
            database=this.database, schema=this.schema, identifier=this.identifier ~ suffix, type='table'
        )) -%}
    {%- endfor -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- for round_table in round_tables -%}
        {%- do adapter.drop_relation(round_table) -%}
    {%- endfor -%}

    {%- set state = {'input': start_text, 'rounds': 0, 'settled': false, 'unsettled': none} -%}
    {%- for round_number in range(1, max_iterations + 1) -%}
        {%- if not state.settled -%}
            {%- set output = round_tables[round_number % 2] -%}
            {%- do adapter.drop_relation(output) -%}
            {%- do run_query(mta.create_work_table(output, sql | replace(start_text, state.input))) -%}
            {%- set counted = run_query(
                'select count(*) from ' ~ output ~ ' where not ' ~ adapter.quote(settled_column)
            ) -%}
            {%- set unsettled = counted.columns[0].values()[0] | int -%}
            {%- do state.update({'input': output | string, 'rounds': round_number, 'unsettled': unsettled}) -%}
            {%- if unsettled == 0 -%}
                {%- do state.update({'settled': true}) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {%- if not state.settled -%}
        {%- for round_table in round_tables -%}
            {%- do adapter.drop_relation(round_table) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            this.identifier ~ ": did not converge after " ~ state.rounds ~ " rounds (config max_iterations): "
            ~ state.unsettled ~ " rows were still unsettled in the last round. "
            ~ config.get('not_converged_hint', "Raise the bound or check the model's input.")
        ) }}
    {%- endif -%}
    {{ log(this.identifier ~ ": settled after " ~ state.rounds ~ " rounds", info=true) }}

    {%- set existing = load_cached_relation(this) -%}
    {%- if existing is not none -%}
        {%- do adapter.drop_relation(existing) -%}
    {%- endif -%}
    {%- call statement('main') -%}
        {{ mta.create_work_table(target_relation, 'select * from ' ~ state.input) }}
    {%- endcall -%}
    {%- for round_table in round_tables -%}
        {%- do adapter.drop_relation(round_table) -%}
    {%- endfor -%}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do persist_docs(target_relation, model) %}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
