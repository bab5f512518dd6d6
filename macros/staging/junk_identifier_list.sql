{#-
    Identifier cleaning shared by the base models. Junk values (var
    `mta_junk_identifiers`, compared trimmed and lower-cased) become null.
-#}

{#- SQL list literal of the junk identifiers, lower case. -#}
{% macro junk_identifier_list() -%}
    {%- set junk = mta.setting('mta_junk_identifiers') -%}
    ({% for value in junk %}'{{ value | lower | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}
