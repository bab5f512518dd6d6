{#-
    The path transform of the rule-based models (var mta_path_transform):
    `none`, `exposure` or `unique`, validated.
-#}
{% macro path_transform() -%}
    {%- set transform = mta.setting('mta_path_transform') | string | lower | trim -%}
    {%- if transform not in ['none', 'exposure', 'unique'] -%}
        {{ exceptions.raise_compiler_error("mta_path_transform must be one of none, exposure, unique; got '" ~ mta.setting('mta_path_transform') ~ "'") }}
    {%- endif -%}
    {{ return(transform) }}
{%- endmacro %}
