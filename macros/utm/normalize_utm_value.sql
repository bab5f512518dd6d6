{#-
    A UTM (or source name) value: URL-decoded, trimmed, lower case; null when
    empty or an analytics placeholder (var mta_utm_placeholders: `(direct)`,
    `(none)`, `(not set)`, ...), which means "no value".
-#}
{% macro normalize_utm_value(expression) -%}
    {%- set decoded = 'lower(trim(' ~ mta.url_decode(expression) ~ '))' -%}
    case
        when {{ decoded }} not in (
            ''
            {%- for placeholder in mta.setting('mta_utm_placeholders') %}, '{{ placeholder | lower | replace("'", "''") }}'{% endfor -%}
        ) then {{ decoded }}
    end
{%- endmacro %}
