{% macro pii_ipv6_pattern() -%}
    ([0-9A-Fa-f]{1,4}:){4,7}[0-9A-Fa-f]{1,4}|([0-9A-Fa-f]{1,4}:){0,7}:(:?[0-9A-Fa-f]{1,4}){0,7}
{%- endmacro %}
