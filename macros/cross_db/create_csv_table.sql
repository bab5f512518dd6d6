{% macro spark__create_csv_table(model, agate_table) -%}
    {{ return(dbt.spark__create_csv_table(mta.seed_model_with_engine_types(model), agate_table)) }}
{%- endmacro %}
