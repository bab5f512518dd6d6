{% macro identity_identifier(prefix, expression) -%}
    {%- if prefix not in ['anon', 'user', 'email', 'phone', 'contact', 'click'] -%}
        {{ exceptions.raise_compiler_error("identity_identifier: unknown identifier prefix '" ~ prefix ~ "'") }}
    {%- endif -%}
    ('{{ prefix }}:' || ({{ mta.identity_clean_value(expression) }}))
{%- endmacro %}
