{#- The path of a URL (`/` when the URL has a host but no path). -#}
{% macro url_path(url) -%}
    {{ return(adapter.dispatch('url_path', 'mta')(url)) }}
{%- endmacro %}

{% macro default__url_path(url) -%}
    case
        when {{ url }} is not null
            then coalesce({{ mta.regex_extract('trim(' ~ url ~ ')', '(?i)^(?:[a-z][a-z0-9+.-]*://)?[^/?#]*(/[^?#]*)') }}, '/')
    end
{%- endmacro %}
