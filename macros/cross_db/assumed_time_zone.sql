{#- The IANA zone that offset-less timestamps are read in (var mta_assume_time_zone), or none. -#}
{% macro assumed_time_zone() -%}
    {%- set zone = mta.setting('mta_assume_time_zone') -%}
    {%- if zone is none or (zone | string | trim) == '' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if not modules.re.match('^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$', zone | string) -%}
        {{ exceptions.raise_compiler_error("var mta_assume_time_zone must be an IANA time zone name such as 'Europe/Berlin', got '" ~ zone ~ "'") }}
    {%- endif -%}
    {{ return(zone | string) }}
{%- endmacro %}
