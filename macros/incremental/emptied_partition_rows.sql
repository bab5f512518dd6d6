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
