{#- True when the run's selection holds a node of this package's staging layer (a model, a test or a unit test of it); a host project's own staging folder does not count. -#}
{% macro selection_reads_raw() -%}
    {%- for unique_id in selected_resources -%}
        {#- a unit test's id is unit_test.<package>.<model>.<test>: look at its model -#}
        {%- set parts = unique_id.split('.') -%}
        {%- set node_id = 'model.' ~ parts[1] ~ '.' ~ parts[2] if parts[0] == 'unit_test' else unique_id -%}
        {%- set node = graph.nodes.get(node_id) -%}
        {%- if node is not none and node.package_name == 'mta' and node.fqn | length > 1 and node.fqn[1] == 'staging' -%}
            {{ return(true) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}
