{#-
    Connected components of an undirected graph, in SQL, by min-label
    propagation with pointer jumping.

    identity_connected_components(edges_sql, max_iterations)
      edges_sql: a select returning text columns `node_a`, `node_b` (one row per
                 edge, either direction, duplicates allowed; no self-loops needed).
      Returns a select of (node, component_key, propagation_rounds) for every node
      that has at least one edge; component_key is the smallest node of its
      component. Nodes without edges are not returned (they are their own component).

    Each round, every node takes the smallest label among itself and its
    neighbours, then jumps: label := min(label, label(label)). Labels only ever
    decrease and are always a node of the same component, so the fixed point is
    "every node carries the smallest node of its component". Pointer jumping
    makes the number of rounds grow with the log of the component diameter in
    practice (a chain of 1,000 nodes converges in about a dozen rounds), and
    each round is one join over the edges: no quadratic all-pairs step.

    How it runs:
    - `dbt run` / `build` / `retry` of a model: a loop in Jinja over work tables
      (`<model>__cc_edges`, `<model>__cc_labels_0/1`, created with the adapter's
      create_table_as, so every engine works), one statement per round, until no
      label changes. The count of rounds is logged and returned. If
      max_iterations rounds pass without convergence the build fails loudly.
      The model drops the work tables in its post-hooks:
      "drop table if exists {{ mta.identity_cc_work_relation('edges') }}" and the
      same for 'labels_0' and 'labels_1'.
    - anything else that renders the model without building it (unit tests,
      compile, docs, sqlfluff): the same rounds unrolled into one statement of
      CTEs (`unrolled_rounds`, default var mta_identity_unrolled_rounds = 8
      rounds, enough for any component of diameter up to ~100 in practice).
      This is what dbt unit tests exercise: the round SQL is the same macro as
      in the loop.
-#}
{% macro identity_connected_components(edges_sql, max_iterations=none, unrolled_rounds=none) -%}
    {%- set max_iterations = max_iterations or mta.setting('mta_identity_max_iterations') -%}
    {%- set unrolled_rounds = unrolled_rounds or mta.setting('mta_identity_unrolled_rounds') -%}
    {%- set is_building = execute
        and model.resource_type == 'model'
        and flags.WHICH in ['run', 'build', 'retry'] -%}
    {%- if is_building -%}
        {{ return(mta.identity_cc_loop(edges_sql, max_iterations | int)) }}
    {%- else -%}
        {{ return(mta.identity_cc_unrolled(edges_sql, unrolled_rounds | int)) }}
    {%- endif -%}
{%- endmacro %}


{#- Both directions of every edge, distinct, without self-loops. -#}
{% macro identity_cc_directed_edges_sql(edges_sql) -%}
    select distinct
        directed.src,
        directed.dst
    from (
        select
            cc_input.node_a as src,
            cc_input.node_b as dst
        from ({{ edges_sql }}) as cc_input
        union all
        select
            cc_input.node_b as src,
            cc_input.node_a as dst
        from ({{ edges_sql }}) as cc_input
    ) as directed
    where
        directed.src is not null
        and directed.dst is not null
        and directed.src <> directed.dst
{%- endmacro %}


{#- Initial labels: every node with an edge, labelled with the smallest of itself and its neighbours. -#}
{% macro identity_cc_initial_labels_sql(directed_edges) -%}
    select
        cc_edge.src as node,
        case
            when min(cc_edge.dst) < cc_edge.src then min(cc_edge.dst)
            else cc_edge.src
        end as label
    from {{ directed_edges }} as cc_edge
    group by cc_edge.src
{%- endmacro %}


{#- One round: take the smallest neighbour label, then jump to the label's label. -#}
{% macro identity_cc_round_sql(labels, directed_edges) -%}
    {{ return(adapter.dispatch('identity_cc_round_sql', 'mta')(labels, directed_edges)) }}
{%- endmacro %}

{% macro default__identity_cc_round_sql(labels, directed_edges) -%}
    select
        propagated.node,
        case
            when parent.label < propagated.label then parent.label
            else propagated.label
        end as label
    from (
        select
            own.node,
            case
                when neighbour_min.label < own.label then neighbour_min.label
                else own.label
            end as label
        from {{ labels }} as own
        left join (
            select
                cc_edge.src as node,
                min(cc_neighbour.label) as label
            from {{ directed_edges }} as cc_edge
            inner join {{ labels }} as cc_neighbour
                on cc_edge.dst = cc_neighbour.node
            group by cc_edge.src
        ) as neighbour_min
            on own.node = neighbour_min.node
    ) as propagated
    left join {{ labels }} as parent
        on propagated.label = parent.node
{%- endmacro %}


{#- The unrolled form: a fixed number of rounds as CTEs in one statement. -#}
{% macro identity_cc_unrolled(edges_sql, rounds) -%}
    {{ return(adapter.dispatch('identity_cc_unrolled', 'mta')(edges_sql, rounds)) }}
{%- endmacro %}

{% macro default__identity_cc_unrolled(edges_sql, rounds) -%}
with cc_directed_edges as (
    {{ mta.identity_cc_directed_edges_sql(edges_sql) }}
),

cc_labels_0 as (
    {{ mta.identity_cc_initial_labels_sql('cc_directed_edges') }}
),
{%- for i in range(1, rounds + 1) %}

cc_labels_{{ i }} as (
    {{ mta.identity_cc_round_sql('cc_labels_' ~ (i - 1), 'cc_directed_edges') }}
),
{%- endfor %}

cc_result as (
    select
        cc_labels_{{ rounds }}.node,
        cc_labels_{{ rounds }}.label as component_key,
        {{ rounds }} as propagation_rounds
    from cc_labels_{{ rounds }}
)

select * from cc_result
{%- endmacro %}

{#-
    Spark inlines CTEs: a round that reads the previous labels three times
    (own, neighbours, parent) makes the unrolled plan grow as 3^rounds and runs
    the driver out of memory. Here each round reads the previous labels once
    (min over the neighbours and the node itself, through self-loop edges,
    without pointer jumping), so the plan grows linearly; 4 x rounds rounds
    cover components of diameter up to 4 x mta_identity_unrolled_rounds. Only
    unit tests and compile use this form; builds run the loop.
-#}
{% macro spark__identity_cc_unrolled(edges_sql, rounds) -%}
{%- set spark_rounds = 4 * rounds -%}
with cc_directed_edges as (
    {{ mta.identity_cc_directed_edges_sql(edges_sql) }}
),

cc_labels_0 as (
    {{ mta.identity_cc_initial_labels_sql('cc_directed_edges') }}
),

cc_edges_with_self as (
    select
        cc_directed_edges.src,
        cc_directed_edges.dst
    from cc_directed_edges
    union all
    select
        cc_labels_0.node as src,
        cc_labels_0.node as dst
    from cc_labels_0
),
{%- for i in range(1, spark_rounds + 1) %}

cc_labels_{{ i }} as (
    select
        cc_edge.src as node,
        min(cc_previous.label) as label
    from cc_edges_with_self as cc_edge
    inner join cc_labels_{{ i - 1 }} as cc_previous
        on cc_edge.dst = cc_previous.node
    group by cc_edge.src
),
{%- endfor %}

cc_result as (
    select
        cc_labels_{{ spark_rounds }}.node,
        cc_labels_{{ spark_rounds }}.label as component_key,
        {{ spark_rounds }} as propagation_rounds
    from cc_labels_{{ spark_rounds }}
)

select * from cc_result
{%- endmacro %}


{#- The work tables of the loop, named after the model being built. -#}
{% macro identity_cc_work_relation(suffix) -%}
    {{ return(api.Relation.create(
        database=this.database,
        schema=this.schema,
        identifier=this.identifier ~ '__cc_' ~ suffix,
        type='table',
    )) }}
{%- endmacro %}


{% macro identity_cc_scalar(sql) -%}
    {%- set result = run_query(sql) -%}
    {{ return(result.columns[0].values()[0]) }}
{%- endmacro %}


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
