{% macro max_valid_timestamp() -%}
    {{ dbt.dateadd('hour', mta.setting('mta_future_tolerance_hours'), mta.build_timestamp()) }}
{%- endmacro %}
