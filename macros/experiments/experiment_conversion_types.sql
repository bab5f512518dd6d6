{#-
    The conversion types a lift test measured when its row names none (var
    mta_experiment_conversion_types), as a subquery with one column
    `conversion_type`, lower case. Fails at compile time when the list is
    empty.
-#}
{% macro experiment_conversion_types() -%}
    {%- set types = mta.setting('mta_experiment_conversion_types') -%}
    {%- if types is string -%}
        {%- set types = [types] -%}
    {%- endif -%}
    {%- if types | length == 0 -%}
        {{ exceptions.raise_compiler_error("mta_experiment_conversion_types: give at least one conversion type") }}
    {%- endif -%}
    (
        {%- for conversion_type in types %}
        select cast('{{ conversion_type | lower | replace("'", "''") }}' as {{ dbt.type_string() }}) as conversion_type
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}
    )
{%- endmacro %}
