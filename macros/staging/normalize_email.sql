{#-
    Normalized email (whitespace of any kind, tabs and line breaks included,
    trimmed from both ends; lower case), null when junk or without a single
    `@` between text.
-#}
{% macro normalize_email(expression) -%}
    {%- set trimmed = 'lower(' ~ mta.trim_whitespace(expression) ~ ')' -%}
    case
        when
            {{ trimmed }} not in {{ mta.junk_identifier_list() }}
            and {{ mta.regex_matches(trimmed, '^[^@ ]+@[^@ ]+$') }}
            then {{ trimmed }}
    end
{%- endmacro %}
