{#- The bounds of a plausible timestamp (is_implausible_timestamp), as SQL. -#}
{% macro min_valid_timestamp() -%}
    cast('{{ mta.setting('mta_min_valid_timestamp') }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
