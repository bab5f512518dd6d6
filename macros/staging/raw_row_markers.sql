{#-
    One row per raw row of a contract table (column `raw_row`, always 1), as
    a parenthesised subquery: no rows when the optional table is absent. For
    counting raw rows without reading their columns (stg_audit__raw_row_counts).
    With `from_relation`, the rows of that relation (a contract table's seed).
-#}
{% macro raw_row_markers(table_name, from_relation=none) -%}
    {%- set table = mta.raw_contract()[table_name] -%}
    {%- set src = from_relation if from_relation is not none else source(table.source, table_name) -%}
    {%- set introspect = execute and model.resource_type != 'unit_test' and from_relation is none -%}
    {%- set table_exists = (not introspect) or mta.raw_table_columns(table_name) is not none -%}
    {%- if table_exists -%}
    (select 1 as raw_row from {{ src }})
    {%- else -%}
    (select 1 as raw_row from (select 1 as no_rows) as absent_table where 1 = 0)
    {%- endif -%}
{%- endmacro %}
