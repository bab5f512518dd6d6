{#-
    The primary conversion types (var mta_primary_conversion_types, default
    [purchase]): the ones headline CPA and ROAS count. A list of non-empty
    names (a single name is accepted), lower-cased and trimmed like the
    conversion_types seed.
-#}
{% macro primary_conversion_types() -%}
    {%- set configured = mta.setting('mta_primary_conversion_types') -%}
    {%- if configured is string -%}
        {%- set configured = [configured] -%}
    {%- endif -%}
    {%- set types = [] -%}
    {%- for conversion_type in configured | list -%}
        {%- set name = conversion_type | string | trim | lower -%}
        {%- if name == '' or "'" in name -%}
            {{ exceptions.raise_compiler_error("mta_primary_conversion_types: each entry must be a conversion type name, got '" ~ conversion_type ~ "'") }}
        {%- endif -%}
        {%- if name not in types -%}
            {%- do types.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if types | length == 0 -%}
        {{ exceptions.raise_compiler_error("mta_primary_conversion_types must name at least one conversion type") }}
    {%- endif -%}
    {{ return(types) }}
{%- endmacro %}
