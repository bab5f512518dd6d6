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
    {%- set days = mta.setting('mta_late_data_window_days') -%}
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
    {%- if (mta.setting('mta_min_valid_timestamp') | string)[:10] <= '1900-01-01' -%}
        {{ exceptions.raise_compiler_error(
            "var mta_min_valid_timestamp must be after 1900-01-01 (the partition of undated rows), got "
            ~ mta.setting('mta_min_valid_timestamp')
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
    {start: 'YYYY-MM-DD' or none, partitions: ['YYYY-MM-DD', ...],
     emptied: ['YYYY-MM-DD', ...]}:
    - start: late_data_window_start() (none: build everything);
    - partitions: the dated partitions before start that must be rebuilt
      too. A partition whose raw rows changed since it was built holds rows
      that arrived dated before the window, or rows edited in place or
      deleted: its row count or the sum of its rows' fingerprints
      (raw_rows' _raw_fingerprint, stored as raw_fingerprint) differs from
      the model's. A partition holding a raw row that shares a key with a
      raw or built row of such a partition may see its duplicate ranks or
      row ids change: deleting the kept copy of a duplicated event promotes
      the next copy, wherever it is. Both are rebuilt, so the next
      incremental run stages or quarantines them as a full build would.
    - emptied: changed partitions before start that no raw row is left in
      (emptied_partition_rows removes their rows).
    Costs one scan of the raw table (timestamps, keys, fingerprints) per
    incremental run.
    table_name: the raw contract table (read through raw_rows);
    key_expressions: SQL over its bare column names, as for
    incremental_source_rows; they must give the same key over the model's
    own columns (the model keeps each key column cleaned).
-#}
{% macro late_data_window(table_name, timestamp_column, key_expressions, partition_column='partition_date') -%}
    {%- set source_relation = mta.raw_rows(table_name) ~ ' as raw_table' -%}
    {%- set start = mta.late_data_window_start(partition_column) -%}
    {%- if start is none -%}
        {{ return({'start': none, 'partitions': [], 'emptied': []}) }}
    {%- endif -%}
    {%- set built_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- if 'raw_fingerprint' not in built_columns -%}
        {{ exceptions.raise_compiler_error(
            this ~ " was built by an earlier version without raw_fingerprint: run `dbt build --full-refresh` once"
        ) }}
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
                {{ partition_expression }} as raw_partition,
                _raw_fingerprint as fingerprint
            from {{ source_relation }}
        ),

        raw_counts as (
            select
                raw_partition,
                count(*) as row_count,
                sum(fingerprint) as fingerprint_sum
            from raw_rows
            group by raw_partition
        ),

        built_counts as (
            select
                {{ partition_column }} as raw_partition,
                count(*) as row_count,
                sum(raw_fingerprint) as fingerprint_sum
            from {{ this }}
            group by {{ partition_column }}
        ),

        stale as (
            select
                coalesce(raw_counts.raw_partition, built_counts.raw_partition) as raw_partition,
                raw_counts.raw_partition is null as is_emptied
            from raw_counts
            full outer join built_counts
                on raw_counts.raw_partition = built_counts.raw_partition
            where
                coalesce(raw_counts.row_count, 0) <> coalesce(built_counts.row_count, 0)
                or coalesce(raw_counts.fingerprint_sum, 0) <> coalesce(built_counts.fingerprint_sum, 0)
        ),

        stale_keys as (
            select
                {%- for key_expression in key_expressions %}
                key_{{ loop.index }}{{ ',' if not loop.last }}
                {%- endfor %}
            from raw_rows
            where raw_partition in (select raw_partition from stale)
            union all
            select
                {%- for key_expression in key_expressions %}
                coalesce({{ key_expression }}, '<null>') as key_{{ loop.index }}{{ ',' if not loop.last }}
                {%- endfor %}
            from {{ this }}
            where {{ partition_column }} in (select raw_partition from stale)
        ),

        rebuilt as (
            select distinct
                raw_partition,
                false as is_emptied
            from raw_rows
            where
                raw_partition in (select raw_partition from stale)
                {%- for key_expression in key_expressions %}
                or key_{{ loop.index }} in (select key_{{ loop.index }} from stale_keys)
                {%- endfor %}
            union all
            select
                raw_partition,
                true as is_emptied
            from stale
            where is_emptied
        )

        select
            cast(raw_partition as {{ dbt.type_string() }}) as rebuilt_partition,
            is_emptied
        from rebuilt
        where not {{ mta.in_late_data_window('raw_partition', start) }}
        order by rebuilt_partition
    {%- endset -%}
    {%- set partitions, emptied = [], [] -%}
    {%- set result = run_query(stale_query) -%}
    {%- for row in result.rows -%}
        {%- do (emptied if row[1] else partitions).append((row[0] | string)[:10]) -%}
    {%- endfor -%}
    {{ return({'start': start, 'partitions': partitions, 'emptied': emptied}) }}
{%- endmacro %}

{#-
    Rows to union after a base model's final select: one marker row (every
    column null but partition_date) per partition of window.emptied, whose
    raw rows were all deleted. delete+insert then replaces the partition's
    old rows with the marker, and the model's post-hook
    (delete_emptied_partition_markers) removes the marker, so the partition
    is empty as in a full build. Spark's insert_overwrite cannot delete:
    there the partition keeps its rows and the test raw_partitions_match
    fails naming it, until a --full-refresh.
-#}
{% macro emptied_partition_rows(window, partition_column='partition_date') -%}
    {{ return(adapter.dispatch('emptied_partition_rows', 'mta')(window, partition_column)) }}
{%- endmacro %}

{% macro default__emptied_partition_rows(window, partition_column) -%}
    {%- if window is mapping and window.emptied | length > 0 -%}
        {%- set built = adapter.get_columns_in_relation(this) -%}
        {%- for partition in window.emptied %}
    union all
    select
        {%- for column in built %}
        {%- if column.name | lower == partition_column %}
        cast('{{ partition }}' as date) as {{ column.name }}{{ ',' if not loop.last }}
        {%- else %}
        cast(null as {{ column.data_type }}) as {{ column.name }}{{ ',' if not loop.last }}
        {%- endif %}
        {%- endfor %}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{% macro spark__emptied_partition_rows(window, partition_column) -%}
{%- endmacro %}

{#- Post-hook: remove the marker rows of emptied partitions (emptied_partition_rows). -#}
{% macro delete_emptied_partition_markers() -%}
    {%- if execute and this is not none and is_incremental() -%}
        {{ return(adapter.dispatch('delete_emptied_partition_markers', 'mta')()) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__delete_emptied_partition_markers() -%}
    delete from {{ this }} where base_row_id is null
{%- endmacro %}

{% macro spark__delete_emptied_partition_markers() -%}
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
