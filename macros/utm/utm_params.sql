{#-
    UTM vocabulary: normalization of UTM values and the channel
    classification of a touch, driven by the seeds utm_source_aliases,
    utm_medium_aliases, source_categories, referrer_domains, click_id_params
    and channel_rules (see seeds/_seeds.yml).
-#}

{#- The five UTM parameters. -#}
{% macro utm_params() -%}
    {{ return(['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term']) }}
{%- endmacro %}
