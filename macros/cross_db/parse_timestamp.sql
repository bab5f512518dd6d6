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

{#- The IANA zone that offset-less timestamps are read in (var mta_assume_time_zone), or none. -#}
{% macro assumed_time_zone() -%}
    {%- set zone = mta.setting('mta_assume_time_zone') -%}
    {%- if zone is none or (zone | string | trim) == '' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if not modules.re.match('^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$', zone | string) -%}
        {{ exceptions.raise_compiler_error("var mta_assume_time_zone must be an IANA time zone name such as 'Europe/Berlin', got '" ~ zone ~ "'") }}
    {%- endif -%}
    {{ return(zone | string) }}
{%- endmacro %}

{#- SQL predicate: the (upper-cased, trimmed) text ends in a time followed by `Z` or an offset. -#}
{% macro has_utc_offset(trimmed_expression) -%}
    {{ mta.regex_matches(trimmed_expression, '[0-9]:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') }}
{%- endmacro %}

{#-
    SQL predicate: the text is a well-formed ISO-8601 date or date-time
    without an offset, and no zone is assumed for such text: it is
    quarantined as `missing_utc_offset`. False when a zone is assumed.
-#}
{% macro timestamp_lacks_utc_offset(expression) -%}
    {%- if mta.assumed_time_zone() is not none -%}
        false
    {%- else -%}
        coalesce({{ mta.regex_matches(
            'upper(trim(' ~ expression ~ '))',
            '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?$'
        ) }}, false)
    {%- endif -%}
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
