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
