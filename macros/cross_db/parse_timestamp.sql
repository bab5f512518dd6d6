{#-
    Parsing of the raw contract's text timestamps: ISO-8601 with a UTC offset
    or `Z` -> UTC `timestamp` without time zone. Null when the text cannot be
    parsed (the caller quarantines it as `unparseable_timestamp`). Text
    without an offset is read as UTC (the profile sets TimeZone = UTC). The
    text is upper-cased first, so a lower-case `t` or `z` reads the same on
    every engine.
-#}
{% macro parse_iso_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_iso_timestamp', 'mta')(expression)) }}
{%- endmacro %}

{#- Guards the cast with a strict pattern, since a plain cast fails on bad text. -#}
{% macro default__parse_iso_timestamp(expression) -%}
    case
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?)?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?$') }}
            then cast(cast(upper(trim({{ expression }})) as timestamp with time zone) at time zone 'UTC' as {{ dbt.type_timestamp() }})
    end
{%- endmacro %}

{% macro duckdb__parse_iso_timestamp(expression) -%}
    cast(try_cast(upper(trim({{ expression }})) as timestamptz) at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__parse_iso_timestamp(expression) -%}
    try_cast(upper(trim({{ expression }})) as timestamp)
{%- endmacro %}

{#- A `YYYY-MM-DD` text date -> date, null when unparseable. -#}
{% macro parse_iso_date(expression) -%}
    {{ return(adapter.dispatch('parse_iso_date', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__parse_iso_date(expression) -%}
    case
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$') }}
            then cast(trim({{ expression }}) as date)
    end
{%- endmacro %}

{% macro duckdb__parse_iso_date(expression) -%}
    case
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') }}
            then try_cast(trim({{ expression }}) as date)
    end
{%- endmacro %}

{% macro spark__parse_iso_date(expression) -%}
    case
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') }}
            then try_cast(trim({{ expression }}) as date)
    end
{%- endmacro %}
