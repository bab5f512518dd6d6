{#-
    A host project's own schema naming, as many teams write it: on the `prod`
    target the custom schema as is, on any other target `<target name>_<custom
    schema>` (ci_marts, dev_marts), so development and CI never write to the
    production schemas. The warehouse package must follow it.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif target.name == 'prod' -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ target.name }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
