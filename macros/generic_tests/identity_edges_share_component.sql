{#-
    Fails with every edge of `edges` (columns identifier_a, identifier_b)
    whose two ends, both present in the tested model, carry different values
    of `column_name` (the component key): a connected-components result is
    only right if no edge crosses two components.
-#}
{% test identity_edges_share_component(model, column_name, edges) %}
    select
        identity_edges.identifier_a,
        identity_edges.identifier_b,
        end_a.{{ column_name }} as key_a,
        end_b.{{ column_name }} as key_b
    from {{ edges }} as identity_edges
    inner join {{ model }} as end_a
        on identity_edges.identifier_a = end_a.identifier
    inner join {{ model }} as end_b
        on identity_edges.identifier_b = end_b.identifier
    where end_a.{{ column_name }} <> end_b.{{ column_name }}
{% endtest %}
