{#- A seed text column as compared by the macros: trimmed, lower case, empty -> null (user edits and CSV blanks are tolerated). -#}
{% macro vocab_text(column) -%}
    nullif(lower(trim({{ column }})), '')
{%- endmacro %}
