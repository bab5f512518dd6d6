{#-
    Ordered string aggregation: the values of `expression` joined by
    `delimiter`, in the order of `order_by` (an expression, optionally with
    asc/desc). Spark's collect_list has no order, so it sorts an array of
    structs; dbt.listagg silently drops the order there.
-#}
{% macro ordered_string_agg(expression, delimiter, order_by) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'mta')(expression, delimiter, order_by)) }}
{%- endmacro %}

{% macro default__ordered_string_agg(expression, delimiter, order_by) -%}
    string_agg({{ expression }}, '{{ delimiter }}' order by {{ order_by }})
{%- endmacro %}

{% macro spark__ordered_string_agg(expression, delimiter, order_by) -%}
    array_join(
        transform(
            array_sort(collect_list(struct({{ order_by }} as sort_key, {{ expression }} as agg_value))),
            e -> e.agg_value
        ),
        '{{ delimiter }}'
    )
{%- endmacro %}
