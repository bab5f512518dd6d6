{#-
    The value of var `name`, checked against its rule (var_rules): a value
    of the wrong type or range fails here, with the var's name, wherever it
    is first read (while dbt parses, or at run time). Models and macros read
    every ruled var through this macro; vars without a rule (names of
    relations and seeds, the vocabularies) are read with var().
-#}
{% macro setting(name) -%}
    {%- set rule = mta.var_rules().get(name) -%}
    {%- set value = var(name) if rule is none else mta.var_value(var(name), rule) -%}
    {%- if rule is not none -%}
        {%- set problem = mta.var_problem(value, rule) -%}
        {%- if problem -%}
            {{ exceptions.raise_compiler_error("var " ~ name ~ " must be " ~ problem ~ ", got " ~ (value | tojson)) }}
        {%- endif -%}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}
