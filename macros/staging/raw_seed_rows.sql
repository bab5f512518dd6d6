{#-
    The rows of a contract table's seed (its `seed` in raw_contract, read
    through seed_ref: var mta_<seed>_seed), as a parenthesised subquery
    with the columns raw_rows gives, each read by its kind the same way, and
    a null `_loaded_at`.
-#}
{% macro raw_seed_rows(table_name) -%}
    {%- set table = mta.raw_contract()[table_name] -%}
    {%- if table.get('seed') is none -%}
        {{ exceptions.raise_compiler_error("raw_seed_rows: raw contract table " ~ table_name ~ " has no seed") }}
    {%- endif -%}
    {{ mta.raw_rows(table_name, mta.seed_ref(table.seed)) }}
{%- endmacro %}
