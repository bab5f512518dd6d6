{#- SHA-256 hex of a trimmed IP address (null or junk in, null out). -#}
{% macro ip_hash(expression) -%}
    {{ mta.sha256_hex(mta.clean_identifier(expression)) }}
{%- endmacro %}
