{#- The identifier type ('anon', 'user', ...) of a node text '<type>:<value>'. -#}
{% macro identity_type_of(expression) -%}
    case
        {%- for prefix in ['anon', 'user', 'email', 'phone', 'contact', 'click'] %}
        when {{ expression }} like '{{ prefix }}:%' then '{{ prefix }}'
        {%- endfor %}
    end
{%- endmacro %}
