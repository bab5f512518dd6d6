{#- The decimal a float passes through on its way to money (six decimals: below any float noise of an amount). -#}
{% macro money_scale_type() -%}
    decimal(38, 6)
{%- endmacro %}
