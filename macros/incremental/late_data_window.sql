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
