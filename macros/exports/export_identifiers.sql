{#-
    Identifier forms and raw-column guards for the Google Ads exports.
-#}

{#-
    Google Ads' normalized email for hashed matching (enhanced conversions
    for leads): normalize_email (trimmed, lower case), then, for gmail.com
    and googlemail.com addresses, the dots of the part before the @
    removed, as Google's normalization rules ask. Null when normalize_email
    is null.
-#}
{% macro google_normalize_email(expression) -%}
    {%- set normalized = mta.normalize_email(expression) -%}
    {%- set local_part = dbt.split_part(normalized, "'@'", 1) -%}
    {%- set domain = dbt.split_part(normalized, "'@'", 2) -%}
    case
        when {{ domain }} in ('gmail.com', 'googlemail.com')
            then replace({{ local_part }}, '.', '') || '@' || {{ domain }}
        else {{ normalized }}
    end
{%- endmacro %}

{#- SHA-256 hex of google_normalize_email (Google Ads' hashed email). -#}
{% macro google_email_hash(expression) -%}
    {{ mta.sha256_hex(mta.google_normalize_email(expression)) }}
{%- endmacro %}

{#-
    SHA-256 hex of the E.164 phone with its leading '+' (normalize_phone):
    the form Google Ads asks for ("+12125650000"). Meta hashes the digits
    without the '+', which is staging's phone_hash.
-#}
{% macro google_phone_hash(expression) -%}
    {{ mta.sha256_hex(mta.normalize_phone(expression)) }}
{%- endmacro %}
