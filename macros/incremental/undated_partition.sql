{#- The undated partition: rows without a usable timestamp. -#}
{% macro undated_partition() -%}
    cast('1900-01-01' as date)
{%- endmacro %}
