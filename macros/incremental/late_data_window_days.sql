{#- The late-data window in days (var mta_late_data_window_days). -#}
{% macro late_data_window_days() -%}
    {%- set days = mta.setting('mta_late_data_window_days') -%}
    {%- if days is none or (days | int) < 1 or (days | int) != days -%}
        {{ exceptions.raise_compiler_error(
            "var mta_late_data_window_days must be a whole number of days >= 1, got " ~ days
        ) }}
    {%- endif -%}
    {{ return(days | int) }}
{%- endmacro %}
