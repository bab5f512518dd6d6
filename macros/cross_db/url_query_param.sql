{#-
    URL parsing with portable regexes (DuckDB has no parse_url). All return
    null for a null URL or a missing part.
-#}

{#- The raw (still encoded) value of query or fragment parameter `param` (name matched case-insensitively). -#}
{% macro url_query_param(url, param) -%}
    {{ return(adapter.dispatch('url_query_param', 'mta')(url, param)) }}
{%- endmacro %}

{% macro default__url_query_param(url, param) -%}
    {{ mta.regex_extract(url, '(?i)[?&#]' ~ param ~ '=([^&#]*)') }}
{%- endmacro %}
