{#-
    Conversion type -> Google Ads conversion action name (var
    mta_google_ads_conversion_names). Types without a name are not exported;
    CRM milestones get their own conversion actions.
-#}
{% macro google_ads_conversion_names() -%}
    {{ return(mta.setting('mta_google_ads_conversion_names')) }}
{%- endmacro %}
