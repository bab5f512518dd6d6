{#-
    A number as text with exactly `digits` decimals ('1.000'), the same on
    every engine: casting a float to text prints '1.0' on DuckDB, '1' on
    PostgreSQL and may switch to exponent notation, so text meant for people
    (report details) goes through this macro.
-#}
{% macro format_decimal(expression, digits) -%}
    {{ return(adapter.dispatch('format_decimal', 'mta')(expression, digits)) }}
{%- endmacro %}

{% macro default__format_decimal(expression, digits) -%}
    cast(round(cast({{ expression }} as numeric), {{ digits }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__format_decimal(expression, digits) -%}
    printf('%.{{ digits }}f', {{ expression }})
{%- endmacro %}

{#- Spark's format_string takes no decimal for %f (IllegalFormatConversionException): a double. -#}
{% macro spark__format_decimal(expression, digits) -%}
    format_string('%.{{ digits }}f', cast({{ expression }} as double))
{%- endmacro %}
