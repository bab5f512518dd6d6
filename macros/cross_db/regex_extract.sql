{#-
    Regex helpers. Patterns must avoid backslashes (Spark string literals
    treat them as escapes): write `[.]` instead of an escaped dot.
-#}

{#- The first capture group of `pattern` in `expression`, or null when there is no match or it is empty. -#}
{% macro regex_extract(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_extract', 'mta')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_extract(expression, pattern) -%}
    nullif((regexp_match({{ expression }}, '{{ pattern }}'))[1], '')
{%- endmacro %}

{% macro duckdb__regex_extract(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, '{{ pattern }}', 1), '')
{%- endmacro %}

{% macro spark__regex_extract(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, '{{ pattern }}', 1), '')
{%- endmacro %}
