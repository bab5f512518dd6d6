{#-
    Collector -> Meta action_source (var mta_meta_capi_action_sources):
    web collectors 'website', the store 'physical_store', the CRM
    'system_generated'; unknown collectors 'other'.
-#}
{% macro meta_capi_action_sources() -%}
    {{ return(mta.setting('mta_meta_capi_action_sources')) }}
{%- endmacro %}
