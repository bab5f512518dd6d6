{#-
    A short lower-case hex text (at most 7 digits, so it fits any integer
    type) as a bigint: DuckDB reads a 0x literal, PostgreSQL a bit string,
    Spark conv().
-#}
{% macro hex_to_int(expression) -%}
    {{ return(adapter.dispatch('hex_to_int', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__hex_to_int(expression) -%}
    cast(cast(('x' || lpad({{ expression }}, 8, '0')) as bit(32)) as bigint)
{%- endmacro %}

{% macro duckdb__hex_to_int(expression) -%}
    cast(('0x' || {{ expression }}) as bigint)
{%- endmacro %}

{% macro spark__hex_to_int(expression) -%}
    cast(conv({{ expression }}, 16, 10) as bigint)
{%- endmacro %}
