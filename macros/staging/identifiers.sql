{#-
    Identifier cleaning shared by the base models. Junk values (var
    `mta_junk_identifiers`, compared trimmed and lower-cased) become null.
-#}

{#- SQL list literal of the junk identifiers, lower case. -#}
{% macro junk_identifier_list() -%}
    {%- set junk = mta.setting('mta_junk_identifiers') -%}
    ({% for value in junk %}'{{ value | lower | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}

{#- The trimmed identifier, or null when it is null or junk. -#}
{% macro clean_identifier(expression) -%}
    case
        when lower(trim({{ mta.as_text(expression) }})) not in {{ mta.junk_identifier_list() }}
            then trim({{ mta.as_text(expression) }})
    end
{%- endmacro %}

{#- `expression` cast to the engine's string type. -#}
{% macro as_text(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}

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

{#- SHA-256 hex of the normalized email. -#}
{% macro email_hash(expression) -%}
    {{ mta.sha256_hex(mta.normalize_email(expression)) }}
{%- endmacro %}

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

{#-
    SHA-256 hex of the E.164 phone's digits, without the `+` (country code
    included): the documented "digits, E.164", and the form Meta asks for in
    hashed phone matching, so the Meta export reuses the hash as it is
    (Google Ads wants the `+` kept: google_phone_hash in macros/exports).
-#}
{% macro phone_hash(expression) -%}
    {{ mta.sha256_hex('substr(' ~ mta.normalize_phone(expression) ~ ', 2)') }}
{%- endmacro %}

{#- SHA-256 hex of a trimmed IP address (null or junk in, null out). -#}
{% macro ip_hash(expression) -%}
    {{ mta.sha256_hex(mta.clean_identifier(expression)) }}
{%- endmacro %}

{#- Trimmed lower-case text, null when empty. -#}
{% macro clean_lower(expression) -%}
    nullif(lower(trim({{ mta.as_text(expression) }})), '')
{%- endmacro %}

{#- A count (a double read from the raw table) as a bigint; null when it is not a whole number (12.5, NaN, infinite), which the caller quarantines. -#}
{% macro whole_number(expression) -%}
    case
        when {{ expression }} between -1e15 and 1e15 and {{ expression }} = floor({{ expression }})
            then cast({{ expression }} as {{ dbt.type_bigint() }})
    end
{%- endmacro %}
