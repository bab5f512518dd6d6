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
