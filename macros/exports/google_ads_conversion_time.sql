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
