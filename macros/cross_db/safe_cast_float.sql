{#- `expression` as a float, null when it cannot be read as a number (instead of failing). -#}
{% macro safe_cast_float(expression) -%}
    {{ return(adapter.dispatch('safe_cast_float', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__safe_cast_float(expression) -%}
    cast({{ expression }} as {{ mta.double_type() }})
{%- endmacro %}

{% macro duckdb__safe_cast_float(expression) -%}
    try_cast({{ expression }} as double)
{%- endmacro %}

{% macro spark__safe_cast_float(expression) -%}
    try_cast({{ expression }} as double)
{%- endmacro %}
