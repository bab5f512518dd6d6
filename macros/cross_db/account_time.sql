{#-
    A UTC timestamp (without time zone) as the wall-clock time of the ad
    account's time zone (var mta_account_time_zone, an IANA name such as
    'America/Los_Angeles'; default 'UTC', which leaves the value unchanged).
-#}
{% macro account_time(utc_timestamp) -%}
    {%- set time_zone = mta.setting('mta_account_time_zone') | string | trim -%}
    {%- if time_zone == '' or "'" in time_zone -%}
        {{ exceptions.raise_compiler_error("mta_account_time_zone must be an IANA time zone name such as 'America/New_York', got '" ~ time_zone ~ "'") }}
    {%- endif -%}
    {%- if time_zone | upper in ['UTC', 'ETC/UTC', 'GMT'] -%}
        {{ utc_timestamp }}
    {%- else -%}
        {{ return(adapter.dispatch('account_time', 'mta')(utc_timestamp, time_zone)) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__account_time(utc_timestamp, time_zone) -%}
    (({{ utc_timestamp }}) at time zone 'UTC' at time zone '{{ time_zone }}')
{%- endmacro %}

{#- DuckDB: the naive value is read as UTC explicitly (not in the session's
    TimeZone, which a project installing the package may set to anything),
    then shown in the account's zone (ICU). -#}
{% macro duckdb__account_time(utc_timestamp, time_zone) -%}
    timezone('{{ time_zone }}', timezone('UTC', ({{ utc_timestamp }})))
{%- endmacro %}

{% macro spark__account_time(utc_timestamp, time_zone) -%}
    from_utc_timestamp({{ utc_timestamp }}, '{{ time_zone }}')
{%- endmacro %}

