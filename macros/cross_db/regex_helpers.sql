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

{#- `expression` with every match of `pattern` replaced by `replacement`. -#}
{% macro regex_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'mta')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regex_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}

{#- True when `pattern` matches somewhere in `expression` (null in, null out). -#}
{% macro regex_matches(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'mta')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(expression, pattern) -%}
    ({{ expression }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regex_matches(expression, pattern) -%}
    regexp_matches({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_matches(expression, pattern) -%}
    ({{ expression }} rlike '{{ pattern }}')
{%- endmacro %}

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
