{#- The SQL type of money columns (decimal(18,2) on every engine). -#}
{% macro money_type() -%}
    decimal(18, 2)
{%- endmacro %}
