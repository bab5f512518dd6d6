{#- Whole milliseconds since the epoch of a UTC timestamp, as bigint (Meta's fbc creation time). -#}
{% macro unix_millis(expression) -%}
    {{ return(adapter.dispatch('unix_millis', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__unix_millis(expression) -%}
    cast(floor(extract(epoch from {{ expression }}) * 1000) as bigint)
{%- endmacro %}

{% macro duckdb__unix_millis(expression) -%}
    epoch_ms({{ expression }})
{%- endmacro %}

{% macro spark__unix_millis(expression) -%}
    unix_millis(cast({{ expression }} as timestamp))
{%- endmacro %}
