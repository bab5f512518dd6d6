{#-
    The configuration of a date-partitioned incremental model, chosen per
    adapter. Use it as `{{ config(**mta.partitioned_incremental_config()) }}`.

    Every adapter replaces whole partitions: the partitions a run selects
    (see late_data_window_start) are deleted and written again, the others
    are untouched. The undated partition is cleared by a pre-hook first, so
    that it is rebuilt even when no undated row is left.
    - DuckDB, PostgreSQL (default): `delete+insert` keyed on the partition
      column.
    - Spark: `insert_overwrite` of a parquet table partitioned by the column
      (dynamic partition overwrite); `merge` would need Delta or Iceberg.
-#}
{% macro partitioned_incremental_config(partition_column='partition_date') -%}
    {{ return(adapter.dispatch('partitioned_incremental_config', 'mta')(partition_column)) }}
{%- endmacro %}

{% macro default__partitioned_incremental_config(partition_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': partition_column,
        'on_schema_change': 'fail',
        'pre_hook': "{{ mta.clear_undated_partition('" ~ partition_column ~ "') }}",
    }) }}
{%- endmacro %}

{% macro spark__partitioned_incremental_config(partition_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'file_format': 'parquet',
        'partition_by': [partition_column],
        'on_schema_change': 'fail',
        'pre_hook': "{{ mta.clear_undated_partition('" ~ partition_column ~ "') }}",
    }) }}
{%- endmacro %}

{#- Pre-hook: empty the undated partition of an existing incremental table. -#}
{% macro clear_undated_partition(partition_column='partition_date') -%}
    {%- if execute and this is not none and is_incremental() -%}
        {{ return(adapter.dispatch('clear_undated_partition', 'mta')(partition_column)) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__clear_undated_partition(partition_column) -%}
    delete from {{ this }} where {{ partition_column }} = {{ mta.undated_partition() }}
{%- endmacro %}

{% macro spark__clear_undated_partition(partition_column) -%}
    alter table {{ this }} drop if exists partition ({{ partition_column }} = '1900-01-01')
{%- endmacro %}
