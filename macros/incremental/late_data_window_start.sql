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
