{#- `expression` as a float, null when it cannot be read as a number (instead of failing). -#}
{% macro safe_cast_float(expression) -%}
    {{ return(adapter.dispatch('safe_cast_float', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__safe_cast_float(expression) -%}
    cast({{ expression }} as {{ mta.double_type() }})
{%- endmacro %}

{% macro duckdb__safe_cast_float(expression) -%}
    try_cast({{ expression }} as double)
{%- endmacro %}

{% macro spark__safe_cast_float(expression) -%}
    try_cast({{ expression }} as double)
{%- endmacro %}

{#- `expression` (boolean or text such as 'true', 'f', '1', 'no') as a boolean; anything else is null. -#}
{% macro safe_cast_boolean(expression) -%}
    case
        when lower(trim(cast({{ expression }} as {{ dbt.type_string() }}))) in ('true', 't', '1', 'yes', 'y') then true
        when lower(trim(cast({{ expression }} as {{ dbt.type_string() }}))) in ('false', 'f', '0', 'no', 'n') then false
    end
{%- endmacro %}

{#- The whole row of table alias `relation_alias` as JSON text. -#}
{% macro row_to_json_text(relation_alias) -%}
    {{ return(adapter.dispatch('row_to_json_text', 'mta')(relation_alias)) }}
{%- endmacro %}

{% macro default__row_to_json_text(relation_alias) -%}
    cast(row_to_json({{ relation_alias }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__row_to_json_text(relation_alias) -%}
    cast(to_json({{ relation_alias }}) as varchar)
{%- endmacro %}

{#- Spark drops null fields from to_json unless told otherwise; the other engines keep them. -#}
{% macro spark__row_to_json_text(relation_alias) -%}
    to_json(struct({{ relation_alias }}.*), map('ignoreNullFields', 'false'))
{%- endmacro %}
