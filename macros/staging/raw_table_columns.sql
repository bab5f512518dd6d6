{#-
    The physical columns of the raw table behind a contract table, as a
    mapping lower-case name -> data type, or none when the table does not
    exist. Only asked when dbt executes (not at parse time).
-#}
{% macro raw_table_columns(table_name) -%}
    {%- set src = source(mta.raw_contract()[table_name].source, table_name) -%}
    {%- set relation = adapter.get_relation(database=src.database, schema=src.schema, identifier=src.identifier) -%}
    {%- if relation is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set found = {} -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do found.update({column.name | lower: column}) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}
