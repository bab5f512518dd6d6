{#-
    SHA-256 hex of the E.164 phone with its leading '+' (normalize_phone):
    the form Google Ads asks for ("+12125650000"). Meta hashes the digits
    without the '+', which is staging's phone_hash.
-#}
{% macro google_phone_hash(expression) -%}
    {{ mta.sha256_hex(mta.normalize_phone(expression)) }}
{%- endmacro %}
