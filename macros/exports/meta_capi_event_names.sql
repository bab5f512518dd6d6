{#-
    Conversion type -> Meta Conversions API event name (var
    mta_meta_capi_event_names): standard events where one fits, custom names
    for CRM milestones. Types without a name are not exported.
-#}
{% macro meta_capi_event_names() -%}
    {{ return(mta.setting('mta_meta_capi_event_names')) }}
{%- endmacro %}
