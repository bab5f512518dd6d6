{#-
    SHA-256 hex of the E.164 phone's digits, without the `+` (country code
    included): the documented "digits, E.164", and the form Meta asks for in
    hashed phone matching, so the Meta export reuses the hash as it is
    (Google Ads wants the `+` kept: google_phone_hash in macros/exports).
-#}
{% macro phone_hash(expression) -%}
    {{ mta.sha256_hex('substr(' ~ mta.normalize_phone(expression) ~ ', 2)') }}
{%- endmacro %}
