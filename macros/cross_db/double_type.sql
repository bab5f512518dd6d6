{#-
    An 8-byte float type for amounts and rates. On DuckDB dbt.type_float()
    (and so float_type()) renders `float`, which DuckDB reads as a 4-byte
    REAL (1.5 * 1.08 = 1.6200000047); this macro gives `double` there.
-#}
{% macro double_type() -%}
    {{ return(adapter.dispatch('double_type', 'mta')()) }}
{%- endmacro %}

{% macro default__double_type() -%}
    double precision
{%- endmacro %}

{% macro duckdb__double_type() -%}
    double
{%- endmacro %}

{% macro spark__double_type() -%}
    double
{%- endmacro %}
