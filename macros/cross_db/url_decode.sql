{#- URL-decodes a query value: `+` is a space and %xx escapes are decoded (invalid escapes are left as they are). -#}
{% macro url_decode(expression) -%}
    {{ return(adapter.dispatch('url_decode', 'mta')(expression)) }}
{%- endmacro %}

{#- Portable fallback: the escapes that occur in UTM values, in both cases; `%25` last so that `%2520` stays `%20`. -#}
{% macro default__url_decode(expression) -%}
    {%- set escapes = [
        ('%20', ' '), ('%21', '!'), ('%22', '"'), ('%23', '#'), ('%24', '$'), ('%26', '&'), ('%27', "''"),
        ('%28', '('), ('%29', ')'), ('%2A', '*'), ('%2B', '+'), ('%2C', ','), ('%2F', '/'), ('%3A', ':'),
        ('%3B', ';'), ('%3D', '='), ('%3F', '?'), ('%40', '@'), ('%5B', '['), ('%5D', ']'), ('%7C', '|'),
    ] -%}
    {%- set ns = namespace(sql="replace(" ~ expression ~ ", '+', ' ')") -%}
    {%- for code, char in escapes -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '" ~ code ~ "', '" ~ char ~ "')" -%}
        {%- if code | lower != code -%}
            {%- set ns.sql = "replace(" ~ ns.sql ~ ", '" ~ (code | lower) ~ "', '" ~ char ~ "')" -%}
        {%- endif -%}
    {%- endfor -%}
    replace({{ ns.sql }}, '%25', '%')
{%- endmacro %}

{#- DuckDB's url_decode raises on an escape that decodes to invalid UTF-8 (`%E2%82`): such a value is kept undecoded. -#}
{% macro duckdb__url_decode(expression) -%}
    coalesce(try(url_decode(replace({{ expression }}, '+', ' '))), replace({{ expression }}, '+', ' '))
{%- endmacro %}

{% macro spark__url_decode(expression) -%}
    try_url_decode({{ expression }})
{%- endmacro %}

{#- PostgreSQL: every valid %xx escape, decoded as UTF-8 bytes like DuckDB's url_decode (invalid escapes stay as they are). -#}
{% macro postgres__url_decode(expression) -%}
    case
        when {{ expression }} = '' then ''
        else (
            select convert_from(
                string_agg(
                    case
                        when url_parts.part[1] ~ '^%[0-9a-fA-F]{2}$' then decode(substr(url_parts.part[1], 2), 'hex')
                        else convert_to(url_parts.part[1], 'UTF8')
                    end,
                    ''::bytea order by url_parts.ord
                ),
                'UTF8'
            )
            from regexp_matches(replace({{ expression }}, '+', ' '), '%[0-9a-fA-F]{2}|[^%]+|%', 'g') with ordinality as url_parts (part, ord)
        )
    end
{%- endmacro %}
