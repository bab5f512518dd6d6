{#-
    The raw rows a base model reads. Full build: all of them. Incremental
    run: the rows of the rebuilt partitions (late_data_window: the window
    and the extra partitions, by their parsed timestamp) plus
    every row, of any date, sharing a key with one of them, so that
    duplicate ranks and row ids are computed over whole key groups and equal
    those of a full build. Each key expression is SQL over the source's bare
    column names; a key whose groups contain another's (the deduplication
    key contains the row key) is enough on its own, and each key costs one
    parse of every raw timestamp.
-#}
{% macro incremental_source_rows(table_name, timestamp_column, key_expressions, window) -%}
    {%- set source_relation = mta.raw_rows(table_name) ~ ' as raw_table' -%}
    {%- set timestamp_expression = mta.parse_iso_timestamp(mta.as_text(timestamp_column)) -%}
    select *
    from {{ source_relation }}
    {%- set start = window.start if window is mapping else window %}
    {%- if start is not none %}
    {#- A rebuilt row is in its own key group: the key filters alone select
        the rebuilt rows and their key groups, with one parse of the raw
        timestamps per key. #}
    where
        {%- if key_expressions | length == 0 %}
        {{ mta.timestamp_in_late_data_window(timestamp_expression, window) }}
        {%- endif %}
        {%- for key_expression in key_expressions %}
        {{ 'or ' if not loop.first }}coalesce({{ key_expression }}, '<null>') in (
            select coalesce({{ key_expression }}, '<null>')
            from {{ source_relation }}
            where {{ mta.timestamp_in_late_data_window(timestamp_expression, window) }}
        )
        {%- endfor %}
    {%- endif %}
{%- endmacro %}
