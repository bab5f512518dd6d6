{#-
    Incremental builds of the event tables (README, section "Daily runs:
    incremental builds and late data").

    Every incremental model is partitioned by a date column `partition_date`:
    the event's UTC date, or the `undated` partition (1900-01-01) for rows
    whose timestamp is missing, unreadable or implausible (they are
    quarantined, and re-examined on every run). An incremental run rebuilds
    the undated partition, every dated partition from the late-data window's
    start on (the newest date already in the model minus var
    `mta_late_data_window_days`), and every older partition whose raw row
    count changed, with the partitions that share keys with it
    (late_data_window). Other partitions are left as they are.
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
    {#- The same rule as is_implausible_timestamp, written so that the
        (costly) timestamp expression is evaluated twice, not four times. -#}
    case
        when {{ timestamp_expression }} between {{ mta.min_valid_timestamp() }} and {{ mta.max_valid_timestamp() }}
            then cast({{ timestamp_expression }} as date)
        else {{ mta.undated_partition() }}
    end
{%- endmacro %}

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
    {%- if (var('mta_min_valid_timestamp', '2000-01-01') | string)[:10] <= '1900-01-01' -%}
        {{ exceptions.raise_compiler_error(
            "var mta_min_valid_timestamp must be after 1900-01-01 (the partition of undated rows), got "
            ~ var('mta_min_valid_timestamp')
        ) }}
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
    run rebuilds: the undated partition, a date from the window's start on,
    or one of the window's extra partitions. `window` is what
    late_data_window returns, or a start date as text (late_data_window_start);
    `true` when the window is none (full build).
-#}
{% macro in_late_data_window(partition_expression, window) -%}
    {%- set start = window.start if window is mapping else window -%}
    {%- set extra = window.partitions if window is mapping else [] -%}
    {%- if start is none -%}
        1 = 1
    {%- else -%}
        ({{ partition_expression }} >= cast('{{ start }}' as date)
            or {{ partition_expression }} = {{ mta.undated_partition() }}
            {%- for partition in extra %}
            or {{ partition_expression }} = cast('{{ partition }}' as date)
            {%- endfor %})
    {%- endif -%}
{%- endmacro %}

{#-
    The part of a base model an incremental run rebuilds, as
    {start: 'YYYY-MM-DD' or none, partitions: ['YYYY-MM-DD', ...]}:
    - start: late_data_window_start() (none: build everything);
    - partitions: the dated partitions before start that must be rebuilt
      too. A partition whose raw row count differs from the model's holds
      rows that arrived dated before the window; a partition holding a raw row that shares a key with a row
      of such a partition may see its duplicate ranks or row ids change.
      Both are rebuilt, so a late row is staged or quarantined by the next
      incremental run, as a full build would. Costs one scan of the raw
      table (its timestamps and keys) per incremental run.
    table_name: the raw contract table (read through raw_rows);
    key_expressions: SQL over its bare column names, as for
    incremental_source_rows.
-#}
{% macro late_data_window(table_name, timestamp_column, key_expressions, partition_column='partition_date') -%}
    {%- set source_relation = mta.raw_rows(table_name) ~ ' as raw_table' -%}
    {%- set start = mta.late_data_window_start(partition_column) -%}
    {%- if start is none -%}
        {{ return({'start': none, 'partitions': []}) }}
    {%- endif -%}
    {%- set partition_expression = mta.event_partition_date(
        mta.parse_iso_timestamp(mta.as_text(timestamp_column))
    ) -%}
    {%- set stale_query -%}
        with raw_rows as (
            select
                {%- for key_expression in key_expressions %}
                coalesce({{ key_expression }}, '<null>') as key_{{ loop.index }},
                {%- endfor %}
                {{ partition_expression }} as raw_partition
            from {{ source_relation }}
        ),

        raw_counts as (
            select raw_partition, count(*) as row_count
            from raw_rows
            group by raw_partition
        ),

        built_counts as (
            select {{ partition_column }} as raw_partition, count(*) as row_count
            from {{ this }}
            group by {{ partition_column }}
        ),

        stale as (
            select coalesce(raw_counts.raw_partition, built_counts.raw_partition) as raw_partition
            from raw_counts
            full outer join built_counts
                on raw_counts.raw_partition = built_counts.raw_partition
            where coalesce(raw_counts.row_count, 0) <> coalesce(built_counts.row_count, 0)
        ),

        stale_rows as (
            select *
            from raw_rows
            where raw_partition in (select raw_partition from stale)
        )

        select distinct cast(raw_partition as {{ dbt.type_string() }}) as rebuilt_partition
        from raw_rows
        where
            (
                raw_partition in (select raw_partition from stale)
                {%- for key_expression in key_expressions %}
                or key_{{ loop.index }} in (select key_{{ loop.index }} from stale_rows)
                {%- endfor %}
            )
            and not {{ mta.in_late_data_window('raw_partition', start) }}
        order by rebuilt_partition
    {%- endset -%}
    {%- set partitions = [] -%}
    {%- for value in run_query(stale_query).columns[0].values() -%}
        {%- do partitions.append((value | string)[:10]) -%}
    {%- endfor -%}
    {{ return({'start': start, 'partitions': partitions}) }}
{%- endmacro %}

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
