{#-
    The deterministic id of one export row: SHA-256 hex of
    '<destination>:<key>', so a rerun gives the same id and the platform (or
    the CRM) can deduplicate re-sent rows.
-#}
{% macro export_row_id(destination, key_expression) -%}
    {{ mta.sha256_hex("'" ~ destination ~ ":' || " ~ key_expression) }}
{%- endmacro %}
