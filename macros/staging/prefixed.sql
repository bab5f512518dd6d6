{#- Each name of `names` with `prefix` in front (a table alias). -#}
{% macro prefixed(names, prefix) -%}
    {%- set result = [] -%}
    {%- for name in names -%}
        {%- do result.append(prefix ~ name) -%}
    {%- endfor -%}
    {{ return(result) }}
{%- endmacro %}
