{#- Trimmed lower-case text, null when empty. -#}
{% macro clean_lower(expression) -%}
    nullif(lower(trim({{ mta.as_text(expression) }})), '')
{%- endmacro %}
