{#-
    dbt-spark adds contract constraints with ALTER TABLE, which only Delta
    tables support; it assumes Delta when no file_format is set. Tables here
    are parquet (Delta needs jars from Maven): apply constraints only when a
    model sets file_format = 'delta' (the not_null data tests still run).
-#}
{% macro spark__persist_constraints(relation, model) -%}
    {%- if config.get('file_format') == 'delta' -%}
        {% do dbt.spark__persist_constraints(relation, model) %}
    {%- endif -%}
{%- endmacro %}
