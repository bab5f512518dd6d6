{#-
    Incremental builds of the event tables (README, section "Daily runs:
    incremental builds and late data").

    Every incremental model is partitioned by a date column `partition_date`:
    the event's UTC date, or the `undated` partition (1900-01-01) for rows
    whose timestamp is missing, unreadable or implausible (they are
    quarantined, and re-examined on every run). An incremental run rebuilds
    the undated partition and every dated partition from the late-data
    window's start on: the newest date already in the model minus
    var `mta_late_data_window_days`. Older partitions are left as they are,
    so a raw row that arrives with a date before the window's start is not
    picked up until the next `--full-refresh`; audit_raw_reconciliation counts
    such rows (late_rows_awaiting_full_refresh).
-#}

{#- The late-data window in days (var mta_late_data_window_days). -#}
{% macro late_data_window_days() -%}
    {%- set days = var('mta_late_data_window_days', 93) -%}
    {%- if days is none or (days | int) < 1 or (days | int) != days -%}
        {{ exceptions.raise_compiler_error(
            "var mta_late_data_window_days must be a whole number of days >= 1, got " ~ days
        ) }}
    {%- endif -%}
    {{ return(days | int) }}
{%- endmacro %}

{#- The undated partition: rows without a usable timestamp. -#}
{% macro undated_partition() -%}
    cast('1900-01-01' as date)
{%- endmacro %}

{#-
    The partition of an event: its UTC date when the timestamp is usable (not
    null and not implausible, see is_implausible_timestamp), else the undated
    partition.
-#}
{% macro event_partition_date(timestamp_expression) -%}
    case
        when
            {{ timestamp_expression }} is null
            or {{ mta.is_implausible_timestamp(timestamp_expression) }}
            then {{ mta.undated_partition() }}
        else cast({{ timestamp_expression }} as date)
    end
{%- endmacro %}

{#-
    The first dated partition an incremental run of the current model
    rebuilds, as 'YYYY-MM-DD' text: the newest dated partition of the model's
    existing table minus the late-data window. none when the run is not
    incremental (first run, --full-refresh) or the table has no dated row:
    then everything is built.
-#}
{% macro late_data_window_start(partition_column='partition_date') -%}
    {#- `this` is none in unit tests, which always build from their given rows. -#}
    {%- if not execute or this is none or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set newest_query -%}
        select cast(max({{ partition_column }}) as {{ dbt.type_string() }}) as newest_partition
        from {{ this }}
        where {{ partition_column }} > {{ mta.undated_partition() }}
    {%- endset -%}
    {%- set newest = run_query(newest_query).columns[0].values()[0] -%}
    {%- if newest is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set newest_date = modules.datetime.datetime.strptime((newest | string)[:10], '%Y-%m-%d') -%}
    {%- set start = newest_date - modules.datetime.timedelta(days=mta.late_data_window_days()) -%}
    {{ return(start.strftime('%Y-%m-%d')) }}
{%- endmacro %}

{#-
    SQL predicate: the partition expression lies in the part an incremental
    run rebuilds (the undated partition or a date from window_start on).
    `true` when window_start is none (full build).
-#}
{% macro in_late_data_window(partition_expression, window_start) -%}
    {%- if window_start is none -%}
        1 = 1
    {%- else -%}
        ({{ partition_expression }} >= cast('{{ window_start }}' as date)
            or {{ partition_expression }} = {{ mta.undated_partition() }})
    {%- endif -%}
{%- endmacro %}

{#-
    The raw rows a base model reads. Full build: all of them. Incremental
    run: the rows in the late-data window (by their parsed timestamp) plus
    every row, of any date, sharing a row key or a deduplication key with
    one of them, so that duplicate ranks and row ids are computed over whole
    key groups and equal those of a full build. Each key expression is SQL
    over the source's bare column names.
-#}
{% macro incremental_source_rows(source_relation, timestamp_column, key_expressions, window_start) -%}
    {%- set partition_expression = mta.event_partition_date(
        mta.parse_iso_timestamp(mta.as_text(timestamp_column))
    ) -%}
    select *
    from {{ source_relation }}
    {%- if window_start is not none %}
    where
        {{ mta.in_late_data_window(partition_expression, window_start) }}
        {%- for key_expression in key_expressions %}
        or coalesce({{ key_expression }}, '<null>') in (
            select coalesce({{ key_expression }}, '<null>')
            from {{ source_relation }}
            where {{ mta.in_late_data_window(partition_expression, window_start) }}
        )
        {%- endfor %}
    {%- endif %}
{%- endmacro %}
