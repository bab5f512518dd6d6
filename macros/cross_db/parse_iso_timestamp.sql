{#-
    Parsing of the raw contract's text timestamps: ISO-8601 with a UTC offset
    or `Z` -> UTC `timestamp` without time zone. The text is upper-cased
    first, so a lower-case `t` or `z` reads the same on every engine.

    A timestamp without an offset is never silently read as UTC: it parses
    to null (the base model quarantines it as `missing_utc_offset`, see
    timestamp_lacks_utc_offset), unless var `mta_assume_time_zone` names the
    IANA zone (`Europe/Berlin`, `America/New_York`, `UTC`) to read it in.
    Null also when the text cannot be parsed (`unparseable_timestamp`).
-#}
{% macro parse_iso_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_iso_timestamp', 'mta')(expression)) }}
{%- endmacro %}

{#- Guards the cast with a strict pattern, since a plain cast fails on bad text. -#}
{% macro default__parse_iso_timestamp(expression) -%}
    {%- set zone = mta.assumed_time_zone() -%}
    case
        when {{ mta.regex_matches('upper(trim(' ~ expression ~ '))', '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') }}
            then cast(cast(upper(trim({{ expression }})) as timestamp with time zone) at time zone 'UTC' as {{ dbt.type_timestamp() }})
        {%- if zone is not none %}
        when {{ mta.regex_matches('upper(trim(' ~ expression ~ '))', '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]+)?)?)?$') }}
            then cast((cast(upper(trim({{ expression }})) as timestamp) at time zone '{{ zone }}') at time zone 'UTC' as {{ dbt.type_timestamp() }})
        {%- endif %}
    end
{%- endmacro %}

{% macro duckdb__parse_iso_timestamp(expression) -%}
    {%- set zone = mta.assumed_time_zone() -%}
    case
        when {{ mta.has_utc_offset('upper(trim(' ~ expression ~ '))') }}
            then cast(try_cast(upper(trim({{ expression }})) as timestamptz) at time zone 'UTC' as timestamp)
        {%- if zone is not none %}
        else cast(timezone('UTC', timezone('{{ zone }}', try_cast(upper(trim({{ expression }})) as timestamp))) as timestamp)
        {%- endif %}
    end
{%- endmacro %}

{% macro spark__parse_iso_timestamp(expression) -%}
    {%- set zone = mta.assumed_time_zone() -%}
    case
        when {{ mta.has_utc_offset('upper(trim(' ~ expression ~ '))') }}
            then try_cast(upper(trim({{ expression }})) as timestamp)
        {%- if zone is not none %}
        else to_utc_timestamp(try_cast(upper(trim({{ expression }})) as timestamp), '{{ zone }}')
        {%- endif %}
    end
{%- endmacro %}
