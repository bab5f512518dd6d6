{#- Pre-hook: empty the late-data window of an existing incremental table. -#}
{% macro clear_rebuilt_partitions(partition_column='partition_date') -%}
    {%- if execute and this is not none and is_incremental() -%}
        {%- set window_start = mta.late_data_window_start(partition_column) -%}
        {{ return(adapter.dispatch('clear_rebuilt_partitions', 'mta')(partition_column, window_start)) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__clear_rebuilt_partitions(partition_column, window_start) -%}
    delete from {{ this }} where {{ mta.in_late_data_window(partition_column, window_start) }}
{%- endmacro %}

{% macro spark__clear_rebuilt_partitions(partition_column, window_start) -%}
    alter table {{ this }} drop if exists partition ({{ partition_column }} = '1900-01-01')
{%- endmacro %}
