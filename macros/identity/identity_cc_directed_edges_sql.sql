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
