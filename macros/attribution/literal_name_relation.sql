{#-
    A relation of one row per name in `names`, in column `column_name`, with
    its 1-based position in `order_column` (portable: a union of literals).
-#}
{% macro literal_name_relation(names, column_name, order_column) -%}
    {%- for name in names %}
    select
        '{{ name }}' as {{ column_name }},
        {{ loop.index }} as {{ order_column }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
