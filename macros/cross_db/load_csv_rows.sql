{% macro spark__load_csv_rows(model, agate_table) -%}
    {{ return(dbt.spark__load_csv_rows(mta.seed_model_with_engine_types(model), agate_table)) }}
{%- endmacro %}
