{#- Natural logarithm (portable: ln() on DuckDB, Spark and PostgreSQL). -#}
{% macro natural_log(expression) -%}
    {{ return(adapter.dispatch('natural_log', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__natural_log(expression) -%}
    ln({{ expression }})
{%- endmacro %}
