{#- The column names of each raw table, in contract order. -#}
{% macro raw_contract_columns() -%}
    {%- set names = {} -%}
    {%- for table_name, table in mta.raw_contract().items() -%}
        {%- do names.update({table_name: table.columns | map('first') | list}) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
