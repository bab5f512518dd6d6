{#- The loop: one statement per round over work tables, until nothing changes. -#}
{% macro identity_cc_loop(edges_sql, max_iterations) -%}
    {%- set edges_rel = mta.identity_cc_work_relation('edges') -%}
    {%- set labels = [mta.identity_cc_work_relation('labels_0'), mta.identity_cc_work_relation('labels_1')] -%}
    {%- for rel in [edges_rel] + labels -%}
        {%- do adapter.drop_relation(rel) -%}
    {%- endfor -%}

    {%- set started = modules.datetime.datetime.now() -%}
    {%- do run_query(dbt.create_table_as(false, edges_rel, mta.identity_cc_directed_edges_sql(edges_sql))) -%}
    {%- do run_query(dbt.create_table_as(false, labels[0], mta.identity_cc_initial_labels_sql(edges_rel))) -%}
    {%- set n_nodes = mta.identity_cc_scalar('select count(*) from ' ~ labels[0]) -%}

    {%- set state = {'current': 0, 'rounds': 0, 'converged': false} -%}
    {%- for i in range(1, max_iterations + 1) -%}
        {%- if not state.converged -%}
            {%- set current = labels[state.current] -%}
            {%- set following = labels[1 - state.current] -%}
            {%- do adapter.drop_relation(following) -%}
            {%- do run_query(dbt.create_table_as(false, following, mta.identity_cc_round_sql(current, edges_rel))) -%}
            {%- set n_changed = mta.identity_cc_scalar(
                'select count(*) from ' ~ current ~ ' as before_round inner join ' ~ following
                ~ ' as after_round on before_round.node = after_round.node'
                ~ ' where before_round.label <> after_round.label'
            ) -%}
            {%- do state.update({'current': 1 - state.current, 'rounds': i}) -%}
            {%- if n_changed | int == 0 -%}
                {%- do state.update({'converged': true}) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {%- set elapsed = (modules.datetime.datetime.now() - started).total_seconds() -%}
    {%- if not state.converged -%}
        {{ exceptions.raise_compiler_error(
            "identity: label propagation in " ~ this ~ " did not converge after " ~ max_iterations
            ~ " rounds (var mta_identity_max_iterations). The graph has a component of very large"
            ~ " diameter; raise the var or inspect int_identity_edges."
        ) }}
    {%- endif -%}
    {{ log("identity: " ~ this ~ ": connected components of " ~ n_nodes ~ " linked identifiers converged after "
        ~ state.rounds ~ " rounds in " ~ (elapsed | round(2)) ~ " s", info=true) }}

    {%- set final_labels = labels[state.current] -%}
    {%- set final_sql -%}
select
    cc_final.node,
    cc_final.label as component_key,
    {{ state.rounds }} as propagation_rounds
from {{ final_labels }} as cc_final
    {%- endset -%}
    {{ return(final_sql) }}
{%- endmacro %}
