{#- The engine's double-precision float type, for casts in model SQL. -#}
{% macro float_type() -%}
    {{ return(dbt.type_float()) }}
{%- endmacro %}
