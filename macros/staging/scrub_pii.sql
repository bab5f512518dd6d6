{#-
    Personal data typed into free text never leaves staging (docs/raw-contract.md,
    "Personal data"). People type emails and phone numbers into anything: UTM
    values, campaign and placement names, lead sources, order ids.

    scrub_pii(text): every email address, phone number and IPv4/IPv6 address
    inside the text is replaced by a placeholder (`[email]`, `[phone]`,
    `[ip]`); the rest of the text stays. Text without a candidate is returned
    as it is after one cheap pattern test.

    Patterns (the same on every engine: RE2, Java and PostgreSQL regexes, no
    backslashes):
    - email: local part, `@` (or its URL encoding %40), a dotted domain;
    - phone: `+` (or %2B) and 7 or more digits with spaces, dots, dashes or
      brackets between them, or the North American forms `(415) 555-0100`,
      `415-555-0100`, `415.555.0100`. A bare run of digits is not taken for a
      phone: order numbers and ids look the same;
    - IPv4: four dotted numbers of 1 to 3 digits (a version such as 130.0.0.0
      is scrubbed too: free text rarely holds one);
    - IPv6: 5 to 8 colon-separated hex groups, or any form with `::` (times
      such as 10:30:00 have three groups and are kept).
-#}
{% macro pii_email_pattern() -%}
    [A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9-]+([.][A-Za-z0-9-]+)*[.][A-Za-z]{2,}
{%- endmacro %}

{% macro pii_phone_pattern() -%}
    ([+]|%2[Bb])[0-9][0-9 ().-]{5,20}[0-9]|[(][0-9]{3}[)] ?[0-9]{3}[ .-][0-9]{4}|[0-9]{3}[.-][0-9]{3}[.-][0-9]{4}
{%- endmacro %}

{% macro pii_ipv4_pattern() -%}
    [0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}[.][0-9]{1,3}
{%- endmacro %}

{% macro pii_ipv6_pattern() -%}
    ([0-9A-Fa-f]{1,4}:){4,7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){0,7}:(:?[0-9A-Fa-f]{1,4}){0,7}
{%- endmacro %}

{#- A cheap test that text might hold personal data: every pattern above needs one of these. -#}
{% macro pii_candidate_pattern() -%}
    @|%40|[+][0-9]|%2[Bb][0-9]|[0-9][.][0-9]|[0-9]{3}[).-]|::|[0-9A-Fa-f]:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:
{%- endmacro %}

{% macro scrub_pii(expression) -%}
    {{ return(adapter.dispatch('scrub_pii', 'mta')(expression)) }}
{%- endmacro %}

{#- Emails first (they hold dots and digits), then IPv6, IPv4, phones. -#}
{% macro default__scrub_pii(expression) -%}
    case
        when {{ mta.regex_matches(expression, mta.pii_candidate_pattern()) }}
            then {{ mta.regex_replace_all(
                mta.regex_replace_all(
                    mta.regex_replace_all(
                        mta.regex_replace_all(expression, mta.pii_email_pattern(), '[email]'),
                        mta.pii_ipv6_pattern(), '[ip]'),
                    mta.pii_ipv4_pattern(), '[ip]'),
                mta.pii_phone_pattern(), '[phone]') }}
        else {{ expression }}
    end
{%- endmacro %}

{#-
    An identifier people may type personal data into (user_id, order_id,
    store_id, campaign and creative ids). A whole email or phone number is
    normalized and hashed like one (email_hash, phone_hash), so a user_id that
    is an email still links the same person on every row; an id that holds
    personal data among other text is replaced by the SHA-256 of the text,
    which keeps ids distinct; any other id is returned as it is.
-#}
{% macro pseudonymize_identifier(expression) -%}
    case
        when not {{ mta.regex_matches(expression, mta.pii_candidate_pattern()) }}
            then {{ expression }}
        when {{ mta.normalize_email(expression) }} is not null
            then {{ mta.email_hash(expression) }}
        when {{ mta.regex_matches('trim(' ~ expression ~ ')', '^(([+]|00)[0-9][0-9 ().-]{5,}|[(]?[0-9]{3}[)]?[ .-]?[0-9]{3}[ .-][0-9]{4})$') }}
            and {{ mta.normalize_phone(expression) }} is not null
            then {{ mta.phone_hash(expression) }}
        when {{ mta.scrub_pii(expression) }} <> {{ expression }}
            then {{ mta.sha256_hex(expression) }}
        else {{ expression }}
    end
{%- endmacro %}

{#-
    A personal-data field of a quarantined raw row (kinds email, phone, ip of
    the raw contract) as it appears in audit_quarantine.raw_row_json: the
    SHA-256 of the normalized value (the staging hash), or of the trimmed
    lower-case text when it does not normalize; null stays null.
-#}
{% macro pii_field_hash(kind, expression) -%}
    {%- if kind == 'email' -%}
        coalesce({{ mta.email_hash(expression) }}, {{ mta.sha256_hex('lower(trim(' ~ expression ~ '))') }})
    {%- elif kind == 'phone' -%}
        coalesce({{ mta.phone_hash(expression) }}, {{ mta.sha256_hex('lower(trim(' ~ expression ~ '))') }})
    {%- else -%}
        {{ mta.sha256_hex('lower(trim(' ~ expression ~ '))') }}
    {%- endif -%}
{%- endmacro %}
