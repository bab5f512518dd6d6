{#-
    Normalized phone in E.164 form: `+` and the digits (a leading `00` is an
    international prefix; a `(0)` trunk prefix written after the country code,
    as in `+44 (0)20 ...`, is dropped; an extension at the end, `x123`,
    `ext. 99`, `extension 5`, `#12` or `;ext=12`, is removed first). No
    country is inferred: a number typed without its country code keeps only
    its own digits. Null when junk or when it does not have 7 to 15 digits.
-#}
{% macro normalize_phone(expression) -%}
    {%- set without_extension = mta.regex_replace_all(
        'lower(trim(' ~ expression ~ '))', '[ ]*(;ext=|extension|ext[.]?|x|#)[ ]*[0-9]+[ ]*$', ''
    ) -%}
    {%- set digits = mta.regex_replace_all("replace(" ~ without_extension ~ ", '(0)', '')", '[^0-9]', '') -%}
    case
        when
            lower(trim({{ expression }})) not in {{ mta.junk_identifier_list() }}
            and length({{ digits }}) between 7 and 17
            and length(case when trim({{ expression }}) like '00%' then substr({{ digits }}, 3) else {{ digits }} end) between 7 and 15
            then '+' || case when trim({{ expression }}) like '00%' then substr({{ digits }}, 3) else {{ digits }} end
    end
{%- endmacro %}
