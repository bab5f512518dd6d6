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
