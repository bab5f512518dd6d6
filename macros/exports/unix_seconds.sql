{#- Whole seconds since 1970-01-01 00:00:00 UTC of a UTC timestamp (fractions cut off), as bigint. -#}
{% macro unix_seconds(expression) -%}
    {{ return(adapter.dispatch('unix_seconds', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__unix_seconds(expression) -%}
    cast(floor(extract(epoch from {{ expression }})) as bigint)
{%- endmacro %}

{% macro duckdb__unix_seconds(expression) -%}
    cast(floor(epoch({{ expression }})) as bigint)
{%- endmacro %}

{% macro spark__unix_seconds(expression) -%}
    unix_seconds(cast({{ expression }} as timestamp))
{%- endmacro %}
