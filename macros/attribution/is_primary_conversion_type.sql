{#- `expression in ('purchase', ...)`: true for a primary conversion type. -#}
{% macro is_primary_conversion_type(expression) -%}
    ({{ expression }} in ('{{ mta.primary_conversion_types() | join("', '") }}'))
{%- endmacro %}
