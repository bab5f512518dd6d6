{#- Sort rank of a confidence label, the least confident first (none 0, low 1, medium 2, high 3). -#}
{% macro modeled_confidence_rank(label) -%}
    case {{ label }}
        when 'high' then 3
        when 'medium' then 2
        when 'low' then 1
        else 0
    end
{%- endmacro %}
