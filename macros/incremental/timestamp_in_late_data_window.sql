{#-
    SQL predicate over a parsed event timestamp, equal to
    in_late_data_window(event_partition_date(timestamp_expression), window)
    but about three times cheaper on a raw table, because the timestamp
    expression (a parse of raw text) is evaluated once per row instead of
    eight times. A row is outside the rebuilt part only when it is dated
    (plausible) and before the window's start, and not in one of the extra
    partitions. Assumes var mta_min_valid_timestamp is after the undated
    partition (1900-01-01), which late_data_window_start checks.
-#}
{% macro timestamp_in_late_data_window(timestamp_expression, window) -%}
    {%- set start = window.start if window is mapping else window -%}
    {%- set extra = window.partitions if window is mapping else [] -%}
    {%- if start is none -%}
        1 = 1
    {%- else -%}
        (coalesce(not (
            {{ timestamp_expression }} >= {{ mta.min_valid_timestamp() }}
            and {{ timestamp_expression }} <= {{ mta.max_valid_timestamp() }}
            and {{ timestamp_expression }} < cast('{{ start }}' as {{ dbt.type_timestamp() }})
        ), true)
            {%- if extra | length > 0 %}
            or cast({{ timestamp_expression }} as date) in (
                {%- for partition in extra -%}
                cast('{{ partition }}' as date){{ ', ' if not loop.last }}
                {%- endfor -%}
            )
            {%- endif %})
    {%- endif -%}
{%- endmacro %}
