{#- Text key of a list of columns (null-safe, '|'-separated), for copy_quarantine_reason. -#}
{% macro columns_key(columns) -%}
    {%- for column in columns -%}
        coalesce(cast({{ column }} as {{ dbt.type_string() }}), '') {{- " || '|' || " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
