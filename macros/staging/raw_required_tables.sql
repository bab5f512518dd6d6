{#- The tables that must exist; every other contract table may be absent. -#}
{% macro raw_required_tables() -%}
    {{ return(['conversions']) }}
{%- endmacro %}
