{#- Var mta_schema_layout, checked: `exact` or `host` (the default when it is not set). -#}
{% macro schema_layout() -%}
    {%- set layout = var('mta_schema_layout', 'host') -%}
    {%- if layout not in ['exact', 'host'] -%}
        {{ exceptions.raise_compiler_error("var mta_schema_layout must be 'exact' or 'host', got '" ~ layout ~ "'") }}
    {%- endif -%}
    {{ return(layout) }}
{%- endmacro %}
