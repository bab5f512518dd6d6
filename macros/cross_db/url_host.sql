{#- The lower-case host of a URL without `www.` and port; a scheme-less `host/path` also works. Null when the host is not a host name. -#}
{% macro url_host(url) -%}
    {{ return(adapter.dispatch('url_host', 'mta')(url)) }}
{%- endmacro %}

{% macro default__url_host(url) -%}
    {{ mta.regex_replace_all(
        'lower(' ~ mta.regex_extract('trim(' ~ url ~ ')', '(?i)^(?:[a-z][a-z0-9+.-]*://)?(?:[^/?#@]*@)?([a-z0-9][a-z0-9.-]*)(?:[:/?#]|$)') ~ ')',
        '^www[0-9]*[.]',
        ''
    ) }}
{%- endmacro %}
