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

{#-
    A JSON object as text from `pairs`, a list of (key, SQL expression),
    keys in the given order; null values are kept as JSON null. Used for the
    raw row of quarantined rows (raw_row_json).
-#}
{% macro json_object_text(pairs) -%}
    {{ return(adapter.dispatch('json_object_text', 'mta')(pairs)) }}
{%- endmacro %}

{% macro default__json_object_text(pairs) -%}
    cast(json_build_object(
        {%- for key, expression in pairs %}
        '{{ key }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__json_object_text(pairs) -%}
    cast(json_object(
        {%- for key, expression in pairs %}
        '{{ key }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as varchar)
{%- endmacro %}

{#- Spark drops null fields from to_json unless told otherwise; the other engines keep them. -#}
{% macro spark__json_object_text(pairs) -%}
    to_json(named_struct(
        {%- for key, expression in pairs %}
        '{{ key }}', {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}
    ), map('ignoreNullFields', 'false'))
{%- endmacro %}
