{#- SHA-256 hex of the normalized email. -#}
{% macro email_hash(expression) -%}
    {{ mta.sha256_hex(mta.normalize_email(expression)) }}
{%- endmacro %}
