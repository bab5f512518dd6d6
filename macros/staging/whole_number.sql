{#- A count (a double read from the raw table) as a bigint; null when it is not a whole number (12.5, NaN, infinite), which the caller quarantines. -#}
{% macro whole_number(expression) -%}
    case
        when {{ expression }} between -1e15 and 1e15 and {{ expression }} = floor({{ expression }})
            then cast({{ expression }} as {{ dbt.type_bigint() }})
    end
{%- endmacro %}
