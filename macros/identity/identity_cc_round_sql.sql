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
