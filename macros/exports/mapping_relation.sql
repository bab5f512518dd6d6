{#- A relation of the key -> value pairs of `mapping` (a dict), in columns `key_column`, `value_column`, ordered by key. -#}
{% macro mapping_relation(mapping, key_column, value_column) -%}
    {%- set keys = mapping.keys() | list | sort -%}
    {%- if keys | length == 0 %}
    select
        cast(null as {{ dbt.type_string() }}) as {{ key_column }},
        cast(null as {{ dbt.type_string() }}) as {{ value_column }}
    where 1 = 0
    {%- endif %}
    {%- for key in keys %}
    select
        cast('{{ key | replace("'", "''") }}' as {{ dbt.type_string() }}) as {{ key_column }},
        cast('{{ mapping[key] | replace("'", "''") }}' as {{ dbt.type_string() }}) as {{ value_column }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
