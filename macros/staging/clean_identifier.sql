{#- The trimmed identifier, or null when it is null or junk. -#}
{% macro clean_identifier(expression) -%}
    case
        when lower(trim({{ mta.as_text(expression) }})) not in {{ mta.junk_identifier_list() }}
            then trim({{ mta.as_text(expression) }})
    end
{%- endmacro %}
