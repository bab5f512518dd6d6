{#-
    The reporting date of an attributed conversion: the conversion's UTC date
    (var mta_attribution_report_date = 'conversion', the default) or the
    credited touch's UTC date ('touch').
-#}
{% macro attribution_report_date(converted_at, touched_at) -%}
    {%- set basis = mta.setting('mta_attribution_report_date') -%}
    {%- if basis == 'conversion' -%}
        cast({{ converted_at }} as date)
    {%- elif basis == 'touch' -%}
        cast({{ touched_at }} as date)
    {%- else -%}
        {{ exceptions.raise_compiler_error("mta_attribution_report_date must be 'conversion' or 'touch', got '" ~ basis ~ "'") }}
    {%- endif -%}
{%- endmacro %}
