{#-
    Money in the public marts: a decimal rounded to the cent, in the
    reporting currency (var mta_reporting_currency), never a float such as
    58.529999999999994. Ratios (ROAS, CPA, shares) stay floats.
    A float is first cast to decimal(38,6) and then rounded to the cent, so
    every engine rounds the same decimal number: a binary 0.56499999999999995
    is 0.565000 first, and 0.57 on DuckDB, PostgreSQL and Spark alike (cast
    straight to two decimals, DuckDB would make it 0.56).
-#}
{% macro money(expression) -%}
    cast(cast({{ expression }} as {{ mta.money_scale_type() }}) as {{ mta.money_type() }})
{%- endmacro %}
