{#- SQL predicate: the (upper-cased, trimmed) text ends in a time followed by `Z` or an offset. -#}
{% macro has_utc_offset(trimmed_expression) -%}
    {{ mta.regex_matches(trimmed_expression, '[0-9]:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') }}
{%- endmacro %}
