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
