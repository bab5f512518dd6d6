{#- The SQL type a contract column of `kind` has once read by raw_rows. -#}
{% macro raw_kind_type(kind) -%}
    {%- if kind in ['number', 'integer'] -%}
        {{ return(mta.double_type()) }}
    {%- elif kind == 'boolean' -%}
        {{ return(dbt.type_boolean()) }}
    {%- else -%}
        {{ return(dbt.type_string()) }}
    {%- endif -%}
{%- endmacro %}
