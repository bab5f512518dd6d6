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
