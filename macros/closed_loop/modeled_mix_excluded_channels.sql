{#-
    The channels modeled revenue is never spread to: direct when var
    mta_exclude_direct_from_modeled_mix is true (the default), so missing
    identifiers never inflate direct.
-#}
{% macro modeled_mix_excluded_channels() -%}
    {%- if mta.setting('mta_exclude_direct_from_modeled_mix') -%}
        {{ return(['direct']) }}
    {%- else -%}
        {{ return([]) }}
    {%- endif -%}
{%- endmacro %}
