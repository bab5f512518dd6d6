{#- The optional load timestamp column's name (var mta_load_timestamp_column), lower case. -#}
{% macro load_timestamp_column() -%}
    {{ return((mta.setting('mta_load_timestamp_column') or '') | lower) }}
{%- endmacro %}
