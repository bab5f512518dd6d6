{#- The paid channels of the channel taxonomy: the ones ad spend can buy. -#}
{% macro paid_channel_names() -%}
    {{ return(['paid_search', 'paid_social', 'display', 'native', 'affiliate', 'video']) }}
{%- endmacro %}
