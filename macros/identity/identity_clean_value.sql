{#-
    Identity helpers shared by the identity and conversion models.

    identity_clean_value(expression): the value, or null when it is a junk
    identifier. Staging already nulls junk (var mta_junk_identifiers, compared
    trimmed and lower-cased); this is the identity graph's own guard, so a
    junk value that slips through never links two people. It also rejects the
    SHA-256 of a junk value (an email or phone hashed before it was cleaned)
    and values that are only whitespace.

    identity_identifier(prefix, expression): the graph node text
    '<prefix>:<value>' (prefixes anon, user, email, phone, contact, click), or
    null when the value is null or junk.
-#}
{% macro identity_clean_value(expression) -%}
    {%- set junk = mta.setting('mta_junk_identifiers') -%}
    case
        when {{ expression }} is null then null
        when trim({{ expression }}) = '' then null
        {%- if junk | length > 0 %}
        when lower(trim({{ expression }})) in (
            {%- for value in junk %}
            '{{ value | lower | replace("'", "''") }}'{{ ',' if not loop.last }}
            {%- endfor %}
        ) then null
        when lower(trim({{ expression }})) in (
            {%- for value in junk %}
            {{ mta.sha256_hex("'" ~ (value | lower | replace("'", "''")) ~ "'") }}{{ ',' if not loop.last }}
            {%- endfor %}
        ) then null
        {%- endif %}
        else {{ expression }}
    end
{%- endmacro %}
