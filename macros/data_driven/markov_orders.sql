{#-
    The Markov orders the project computes: every order in
    var mta_markov_report_orders (default [1, 2, 3]) plus mta_markov_order
    (the order behind the per-conversion credits), sorted, each an integer >= 1.
-#}
{% macro markov_orders() -%}
    {%- set orders = [] -%}
    {%- set configured = var('mta_markov_report_orders') -%}
    {%- if configured is string or configured is number -%}
        {%- set configured = [configured] -%}
    {%- endif -%}
    {%- for order in configured | list + [mta.setting('mta_markov_order')] -%}
        {%- set k = order | int -%}
        {%- if k < 1 -%}
            {{ exceptions.raise_compiler_error("mta_markov_order / mta_markov_report_orders: Markov orders must be integers >= 1, got " ~ order) }}
        {%- endif -%}
        {%- if k not in orders -%}
            {%- do orders.append(k) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(orders | sort) }}
{%- endmacro %}
