{#-
    The engine's 8-byte float type, for casts in model SQL. Not
    dbt.type_float(): on DuckDB that renders `float`, a 4-byte REAL
    (1.5 * 1.08 = 1.6200000047).
-#}
{% macro float_type() -%}
    {{ return(adapter.dispatch('float_type', 'mta')()) }}
{%- endmacro %}

{% macro default__float_type() -%}
    double precision
{%- endmacro %}

{% macro duckdb__float_type() -%}
    double
{%- endmacro %}

{% macro spark__float_type() -%}
    double
{%- endmacro %}
