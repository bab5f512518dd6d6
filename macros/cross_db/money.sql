{#-
    Money in the public marts: a decimal rounded to the cent, in the
    reporting currency (var mta_reporting_currency), never a float such as
    58.529999999999994. Ratios (ROAS, CPA, shares) stay floats.
-#}
{% macro money(expression) -%}
    cast({{ mta.round_to(expression, 2) }} as {{ mta.money_type() }})
{%- endmacro %}

{#- The SQL type of money columns (decimal(18,2) on every engine). -#}
{% macro money_type() -%}
    decimal(18, 2)
{%- endmacro %}
