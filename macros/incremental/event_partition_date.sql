{#-
    The partition of an event: its UTC date when the timestamp is usable (not
    null and not implausible, see is_implausible_timestamp), else the undated
    partition.
-#}
{% macro event_partition_date(timestamp_expression) -%}
    {#- The same rule as is_implausible_timestamp, written so that the
        (costly) timestamp expression is evaluated twice, not four times. -#}
    case
        when {{ timestamp_expression }} between {{ mta.min_valid_timestamp() }} and {{ mta.max_valid_timestamp() }}
            then cast({{ timestamp_expression }} as date)
        else {{ mta.undated_partition() }}
    end
{%- endmacro %}
