{#- The value of a node text '<type>:<value>' (everything after the first colon). -#}
{% macro identity_value_of(expression) -%}
    substr({{ expression }}, length({{ mta.identity_type_of(expression) }}) + 2)
{%- endmacro %}
