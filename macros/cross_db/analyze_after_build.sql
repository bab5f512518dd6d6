{#-
    Project-wide post-hook (dbt_project.yml): refresh the planner statistics
    of a table a model has just written. PostgreSQL plans from statistics,
    and a table created a moment ago has none until autovacuum gets to it:
    the next model's plan then guesses sizes (a sessionization that takes
    0.3 s ran for 115 s at scale 0.3). DuckDB and Spark need nothing.
-#}
{% macro analyze_after_build() -%}
    {{ return(adapter.dispatch('analyze_after_build', 'mta')()) }}
{%- endmacro %}

{% macro default__analyze_after_build() -%}
{%- endmacro %}

{% macro postgres__analyze_after_build() -%}
    {%- if config.get('materialized') in ['table', 'incremental'] -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
