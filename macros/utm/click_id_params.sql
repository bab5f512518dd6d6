{#- Click-id URL parameters of the raw contract, in the order that picks one when a URL carries several. -#}
{% macro click_id_params() -%}
    {{ return(['gclid', 'gbraid', 'wbraid', 'msclkid', 'fbclid', 'ttclid', 'li_fat_id', 'clickid']) }}
{%- endmacro %}
