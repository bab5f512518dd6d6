{#-
    The configuration of a date-partitioned incremental model, chosen per
    adapter. Use it as `{{ config(**mta.partitioned_incremental_config()) }}`.

    Every adapter replaces whole partitions: the partitions a run rebuilds
    (late_data_window) are written again, the others are untouched. A
    pre-hook first empties the late-data window (on Spark, the undated
    partition), so that a partition left with no rows does not keep old ones.
    - DuckDB, PostgreSQL (default): `delete+insert` keyed on the partition
      column; a partition whose raw rows were all deleted is replaced by a
      marker row that the post-hook removes (emptied_partition_rows).
    - Spark: `insert_overwrite` of a parquet table partitioned by the column
      (dynamic partition overwrite); `merge` would need Delta or Iceberg.
      Parquet has no DELETE and DROP PARTITION takes one value at a time:
      the pre-hook drops the undated partition only. A base model's dated
      partitions never lose rows (every raw row is a base row), so the
      overwrite replaces all of them.
-#}
{% macro partitioned_incremental_config(partition_column='partition_date') -%}
    {{ return(adapter.dispatch('partitioned_incremental_config', 'mta')(partition_column)) }}
{%- endmacro %}

{% macro _clear_rebuilt_partitions_hook(partition_column) -%}
    {{ return("{{ mta.clear_rebuilt_partitions('" ~ partition_column ~ "') }}") }}
{%- endmacro %}

{% macro default__partitioned_incremental_config(partition_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': partition_column,
        'on_schema_change': 'fail',
        'pre_hook': mta._clear_rebuilt_partitions_hook(partition_column),
        'post_hook': "{{ mta.delete_emptied_partition_markers() }}",
    }) }}
{%- endmacro %}

{% macro spark__partitioned_incremental_config(partition_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'file_format': 'parquet',
        'partition_by': [partition_column],
        'on_schema_change': 'fail',
        'pre_hook': mta._clear_rebuilt_partitions_hook(partition_column),
    }) }}
{%- endmacro %}
