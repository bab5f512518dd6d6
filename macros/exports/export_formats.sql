{#-
    Formats and mappings of the upload files in models/exports/.
-#}

{#-
    A UTC timestamp as Google Ads' offline-conversion time text
    'yyyy-MM-dd HH:mm:ss+zzzz' (e.g. '2026-03-01 14:02:11+0000'). Timestamps
    downstream of staging are UTC, so the offset is always +0000.
-#}
{% macro google_ads_conversion_time(expression) -%}
    {{ return(adapter.dispatch('google_ads_conversion_time', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__google_ads_conversion_time(expression) -%}
    (to_char({{ expression }}, 'YYYY-MM-DD HH24:MI:SS') || '+0000')
{%- endmacro %}

{% macro duckdb__google_ads_conversion_time(expression) -%}
    (strftime({{ expression }}, '%Y-%m-%d %H:%M:%S') || '+0000')
{%- endmacro %}

{% macro spark__google_ads_conversion_time(expression) -%}
    (date_format({{ expression }}, 'yyyy-MM-dd HH:mm:ss') || '+0000')
{%- endmacro %}

{#- Whole seconds since 1970-01-01 00:00:00 UTC of a UTC timestamp (fractions cut off), as bigint. -#}
{% macro unix_seconds(expression) -%}
    {{ return(adapter.dispatch('unix_seconds', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__unix_seconds(expression) -%}
    cast(floor(extract(epoch from {{ expression }})) as bigint)
{%- endmacro %}

{% macro duckdb__unix_seconds(expression) -%}
    cast(floor(epoch({{ expression }})) as bigint)
{%- endmacro %}

{% macro spark__unix_seconds(expression) -%}
    unix_seconds(cast({{ expression }} as timestamp))
{%- endmacro %}

{#- Whole milliseconds since the epoch of a UTC timestamp, as bigint (Meta's fbc creation time). -#}
{% macro unix_millis(expression) -%}
    {{ return(adapter.dispatch('unix_millis', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__unix_millis(expression) -%}
    cast(floor(extract(epoch from {{ expression }}) * 1000) as bigint)
{%- endmacro %}

{% macro duckdb__unix_millis(expression) -%}
    epoch_ms({{ expression }})
{%- endmacro %}

{% macro spark__unix_millis(expression) -%}
    unix_millis(cast({{ expression }} as timestamp))
{%- endmacro %}

{#-
    The deterministic id of one export row: SHA-256 hex of
    '<destination>:<key>', so a rerun gives the same id and the platform (or
    the CRM) can deduplicate re-sent rows.
-#}
{% macro export_row_id(destination, key_expression) -%}
    {{ mta.sha256_hex("'" ~ destination ~ ":' || " ~ key_expression) }}
{%- endmacro %}

{#-
    Conversion type -> Google Ads conversion action name (var
    mta_google_ads_conversion_names). Types without a name are not exported;
    CRM milestones get their own conversion actions.
-#}
{% macro google_ads_conversion_names() -%}
    {{ return(mta.setting('mta_google_ads_conversion_names')) }}
{%- endmacro %}

{#-
    Conversion type -> Meta Conversions API event name (var
    mta_meta_capi_event_names): standard events where one fits, custom names
    for CRM milestones. Types without a name are not exported.
-#}
{% macro meta_capi_event_names() -%}
    {{ return(mta.setting('mta_meta_capi_event_names')) }}
{%- endmacro %}

{#-
    Collector -> Meta action_source (var mta_meta_capi_action_sources):
    web collectors 'website', the store 'physical_store', the CRM
    'system_generated'; unknown collectors 'other'.
-#}
{% macro meta_capi_action_sources() -%}
    {{ return(mta.setting('mta_meta_capi_action_sources')) }}
{%- endmacro %}

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
