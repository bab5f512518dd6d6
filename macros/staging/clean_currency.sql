{#- Normalized currency code: upper case, trimmed; null when junk. -#}
{% macro clean_currency(expression) -%}
    upper({{ mta.clean_identifier(expression) }})
{%- endmacro %}
