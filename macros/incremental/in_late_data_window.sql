{#-
    SQL predicate: the partition expression lies in the part an incremental
    run rebuilds: the undated partition, a date from the window's start on,
    or one of the window's extra partitions. `window` is what
    late_data_window returns, or a start date as text (late_data_window_start);
    `true` when the window is none (full build).
-#}
{% macro in_late_data_window(partition_expression, window) -%}
    {%- set start = window.start if window is mapping else window -%}
    {%- set extra = window.partitions if window is mapping else [] -%}
    {%- if start is none -%}
        1 = 1
    {%- else -%}
        ({{ partition_expression }} >= cast('{{ start }}' as date)
            or {{ partition_expression }} = {{ mta.undated_partition() }}
            {%- for partition in extra %}
            or {{ partition_expression }} = cast('{{ partition }}' as date)
            {%- endfor %})
    {%- endif -%}
{%- endmacro %}
