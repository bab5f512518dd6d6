{#- The bounds of a plausible timestamp (is_implausible_timestamp), as SQL. -#}
{% macro min_valid_timestamp() -%}
    cast('{{ var("mta_min_valid_timestamp", "2000-01-01") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
