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
