{#- Monday of the ISO week of a date or timestamp, as a date. -#}
{% macro week_start(expression) -%}
    cast({{ dbt.date_trunc('week', expression) }} as date)
{%- endmacro %}
