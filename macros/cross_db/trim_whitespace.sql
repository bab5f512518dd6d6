{#- `expression` without whitespace of any kind (spaces, tabs, line breaks) at either end. -#}
{% macro trim_whitespace(expression) -%}
    {{ return(adapter.dispatch('trim_whitespace', 'mta')(expression)) }}
{%- endmacro %}

{% macro default__trim_whitespace(expression) -%}
    trim(regexp_replace({{ expression }}, '^\s+|\s+$', '', 'g'))
{%- endmacro %}

{#- Spark reads backslash escapes in string literals: the regex needs them doubled. -#}
{% macro spark__trim_whitespace(expression) -%}
    trim(regexp_replace({{ expression }}, '^\\s+|\\s+$', ''))
{%- endmacro %}
