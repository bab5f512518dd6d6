{#-
    The configuration of a date-partitioned incremental model, chosen per
    adapter. Use it as `{{ config(**mta.partitioned_incremental_config()) }}`.

    Every adapter replaces whole partitions: the partitions a run rebuilds
    (the late-data window, see late_data_window_start) are emptied by a
    pre-hook and written again, the others are untouched. Emptying them
    first matters when a partition loses all of its rows (a stg partition
    whose only event became a duplicate of an earlier-dated retry): a
    partition missing from the new rows would otherwise keep its old ones.
    - DuckDB, PostgreSQL (default): the pre-hook deletes the window's rows,
      then `delete+insert` keyed on the partition column.
    - Spark: `insert_overwrite` of a parquet table partitioned by the column
      (dynamic partition overwrite); `merge` would need Delta or Iceberg. A
      parquet table has no DELETE and DROP PARTITION takes one value at a
      time, so the pre-hook drops the undated partition and, with
      `upstream_model` (the stg models), each window partition of the table
      that has no row left upstream; insert_overwrite replaces the others.
-#}
{% macro partitioned_incremental_config(partition_column='partition_date', upstream_model=none) -%}
    {{ return(adapter.dispatch('partitioned_incremental_config', 'mta')(partition_column, upstream_model)) }}
{%- endmacro %}

{% macro _clear_rebuilt_partitions_hook(partition_column, upstream_model) -%}
    {{ return("{{ mta.clear_rebuilt_partitions('" ~ partition_column ~ "', '" ~ (upstream_model or '') ~ "') }}") }}
{%- endmacro %}

{% macro default__partitioned_incremental_config(partition_column, upstream_model) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': partition_column,
        'on_schema_change': 'fail',
        'pre_hook': mta._clear_rebuilt_partitions_hook(partition_column, upstream_model),
    }) }}
{%- endmacro %}

{% macro spark__partitioned_incremental_config(partition_column, upstream_model) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'file_format': 'parquet',
        'partition_by': [partition_column],
        'on_schema_change': 'fail',
        'pre_hook': mta._clear_rebuilt_partitions_hook(partition_column, upstream_model),
    }) }}
{%- endmacro %}

{#-
    Pre-hook: empty the partitions this incremental run rebuilds. upstream_model
    (a model name, '' for none) is the relation the model's rows come from,
    with the rows it keeps marked by `quarantine_reason is null`; only Spark
    uses it.
-#}
{% macro clear_rebuilt_partitions(partition_column='partition_date', upstream_model='') -%}
    {%- if execute and this is not none and is_incremental() -%}
        {%- set window_start = mta.late_data_window_start(partition_column) -%}
        {{ return(adapter.dispatch('clear_rebuilt_partitions', 'mta')(partition_column, window_start, upstream_model)) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__clear_rebuilt_partitions(partition_column, window_start, upstream_model) -%}
    delete from {{ this }} where {{ mta.in_late_data_window(partition_column, window_start) }}
{%- endmacro %}

{% macro spark__clear_rebuilt_partitions(partition_column, window_start, upstream_model) -%}
    {%- if upstream_model -%}
        {%- set emptied_query -%}
            select distinct cast(existing.{{ partition_column }} as string) as emptied_partition
            from {{ this }} as existing
            left join (
                select distinct {{ partition_column }} as kept_partition
                from {{ ref(upstream_model) }}
                where quarantine_reason is null
            ) as upstream
                on existing.{{ partition_column }} = upstream.kept_partition
            where
                upstream.kept_partition is null
                and existing.{{ partition_column }} <> {{ mta.undated_partition() }}
                and {{ mta.in_late_data_window('existing.' ~ partition_column, window_start) }}
        {%- endset -%}
        {%- for emptied in run_query(emptied_query).columns[0].values() -%}
            {%- do run_query(
                "alter table " ~ this ~ " drop if exists partition ("
                ~ partition_column ~ " = '" ~ emptied ~ "')"
            ) -%}
        {%- endfor -%}
    {%- endif -%}
    alter table {{ this }} drop if exists partition ({{ partition_column }} = '1900-01-01')
{%- endmacro %}
