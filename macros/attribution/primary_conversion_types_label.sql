{#- The primary conversion types as one label, e.g. 'purchase' or 'purchase+subscription'. -#}
{% macro primary_conversion_types_label() -%}
    '{{ mta.primary_conversion_types() | join("+") }}'
{%- endmacro %}
