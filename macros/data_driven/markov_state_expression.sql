{#-
    The state of order k as text: the last k channels joined by ' > ', oldest
    first, from columns <prefix>0 (the current channel), <prefix>1 (the one
    before), ... <prefix>(k-1).
-#}
{% macro markov_state_expression(prefix, k) -%}
    {%- for i in range(k - 1, -1, -1) -%}
        {{ prefix }}{{ i }}{% if not loop.last %} || ' > ' || {% endif %}
    {%- endfor -%}
{%- endmacro %}
