{#- SHA-256 hex of google_normalize_email (Google Ads' hashed email). -#}
{% macro google_email_hash(expression) -%}
    {{ mta.sha256_hex(mta.google_normalize_email(expression)) }}
{%- endmacro %}
