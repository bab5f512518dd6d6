{#- What `value` must be under `rule` (see validate_vars), or '' when it is. -#}
{% macro var_problem(value, rule) -%}
    {%- set is_number = value is number and value is not boolean -%}
    {%- set is_integer = is_number and (value | int) == value -%}
    {%- set is_list = value is sequence and value is not string and value is not mapping -%}
    {#- a date given unquoted in YAML (2026-05-01) arrives as a date -#}
    {%- set is_date = value is string or (value is not none and value.isoformat is defined) -%}
    {%- if rule is sequence and rule is not string -%}
        {%- set ns = namespace(found=false) -%}
        {%- for allowed in rule if value == allowed and (value is boolean) == (allowed is boolean) -%}
            {%- set ns.found = true -%}
        {%- endfor -%}
        {{ return('' if ns.found else 'one of ' ~ rule | join(', ')) }}
    {%- endif -%}
    {%- set checks = {
        'text': (value is string and value | length > 0, 'a non-empty text'),
        'null_or_text': (value is none or value is string, 'null or a text'),
        'date': (is_date, "a date such as '2026-01-31'"),
        'null_or_date': (value is none or is_date, "null or a date such as '2026-01-31'"),
        'currency': (value is string and value | length == 3, 'a three-letter currency code'),
        'boolean': (value is boolean, 'true or false (not the text)'),
        'list': (is_list, 'a list'),
        'non_empty_list': (is_list and value | length > 0, 'a non-empty list'),
        'mapping': (value is mapping, 'a mapping'),
        'positive': (is_number and value > 0, 'a number > 0'),
        'non_negative': (is_number and value >= 0, 'a number >= 0'),
        'null_or_positive': (value is none or (is_number and value > 0), 'null or a number > 0'),
        'positive_integer': (is_integer and value >= 1, 'an integer >= 1'),
        'non_negative_integer': (is_integer and value >= 0, 'an integer >= 0'),
        'integer_at_least_2': (is_integer and value >= 2, 'an integer >= 2'),
        'null_or_positive_integer': (value is none or (is_integer and value >= 1), 'null or an integer >= 1'),
        'share': (is_number and value >= 0 and value <= 1, 'a number between 0 and 1'),
        'open_fraction': (is_number and value > 0 and value < 1, 'a number strictly between 0 and 1'),
    } -%}
    {%- if rule not in checks -%}
        {{ exceptions.raise_compiler_error("var_problem: unknown rule " ~ rule) }}
    {%- endif -%}
    {{ return('' if checks[rule][0] else checks[rule][1]) }}
{%- endmacro %}
