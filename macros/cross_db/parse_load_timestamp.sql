{#-
    A load timestamp (the loader's own column, var mta_load_timestamp_column)
    -> UTC timestamp. Loaders write UTC: a value without an offset is read
    as UTC (unlike event timestamps). Null when unreadable.
-#}
{% macro parse_load_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_load_timestamp', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__parse_load_timestamp(expression) -%}
    case
        when {{ mta.regex_matches('upper(trim(' ~ expression ~ '))', '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$') }}
            then cast(cast(upper(trim({{ expression }})) as timestamp with time zone) at time zone 'UTC' as {{ dbt.type_timestamp() }})
    end
{%- endmacro %}

{% macro duckdb__parse_load_timestamp(expression) -%}
    cast(try_cast(upper(trim({{ expression }})) as timestamptz) at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__parse_load_timestamp(expression) -%}
    try_cast(upper(trim({{ expression }})) as timestamp)
{%- endmacro %}
