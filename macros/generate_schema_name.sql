{#-
    Use the custom schema name as is (staging, intermediate, marts, audit,
    exports, reference) instead of dbt's default `<target>_<custom>`, so BI
    tools see stable schema names on every target.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
