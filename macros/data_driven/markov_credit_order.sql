{#- The order behind the per-conversion Markov credits (var mta_markov_order). -#}
{% macro markov_credit_order() -%}
    {{ return(mta.setting('mta_markov_order') | int) }}
{%- endmacro %}
