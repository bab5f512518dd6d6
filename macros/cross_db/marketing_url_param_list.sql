{% macro marketing_url_param_list() -%}
    ({%- for param in mta.utm_params() + mta.click_id_params() -%}'{{ param }}'{{ ', ' if not loop.last }}{%- endfor -%})
{%- endmacro %}
