{#- Seeds: Spark reads the seeds' column_types (`varchar`, ...) through the same translation. -#}
{% macro seed_model_with_engine_types(model) -%}
    {%- set config = dict(model['config']) -%}
    {%- set column_types = {} -%}
    {%- for name, data_type in (config.get('column_types') or {}).items() -%}
        {%- do column_types.update({name: mta.contract_data_type(data_type)}) -%}
    {%- endfor -%}
    {%- do config.update({'column_types': column_types}) -%}
    {%- set translated = dict(model) -%}
    {%- do translated.update({'config': config}) -%}
    {{ return(translated) }}
{%- endmacro %}
