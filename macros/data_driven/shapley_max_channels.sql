{#- The exact-Shapley limit: var mta_shapley_max_channels (distinct channels per path), validated. -#}
{% macro shapley_max_channels() -%}
    {%- set n = mta.setting('mta_shapley_max_channels') | int -%}
    {%- if n < 1 or n > 20 -%}
        {{ exceptions.raise_compiler_error("mta_shapley_max_channels must be between 1 and 20 (the subset table has 2^n rows per position), got " ~ n) }}
    {%- endif -%}
    {{ return(n) }}
{%- endmacro %}
