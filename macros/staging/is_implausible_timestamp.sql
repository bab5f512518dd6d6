{#-
    Timestamp plausibility: before var `mta_min_valid_timestamp` or later than
    build time plus var `mta_future_tolerance_hours`.
-#}
{% macro is_implausible_timestamp(timestamp_expression) -%}
    ({{ timestamp_expression }} < {{ mta.min_valid_timestamp() }}
        or {{ timestamp_expression }} > {{ mta.max_valid_timestamp() }})
{%- endmacro %}
