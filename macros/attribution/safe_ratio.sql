{#- numerator / denominator as a float, null when the denominator is 0 or null. -#}
{% macro safe_ratio(numerator, denominator) -%}
    cast({{ numerator }} as {{ mta.double_type() }}) / nullif(cast({{ denominator }} as {{ mta.double_type() }}), 0)
{%- endmacro %}
