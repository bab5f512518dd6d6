{#- `create table ... as select`, for the solver's small working tables. -#}
{% macro create_work_table(relation, sql) -%}
    {{ return(adapter.dispatch('create_work_table', 'mta')(relation, sql)) }}
{%- endmacro %}

{% macro default__create_work_table(relation, sql) -%}
    create table {{ relation }} as
    {{ sql }}
{%- endmacro %}

{#- PostgreSQL plans the solver's 25 chained steps from table statistics: a
    fresh table has none, so the planner guesses its size. Analyze it. -#}
{% macro postgres__create_work_table(relation, sql) -%}
    create table {{ relation }} as
    {{ sql }};
    analyze {{ relation }}
{%- endmacro %}
