{#-
    Model contracts name column types the DuckDB way (`double`, `varchar`).
    These overrides of dbt's contract macros translate them to the engine's
    spelling before dbt builds the empty-schema query and the table DDL, so the
    YAML stays one for all engines: PostgreSQL has no `double` (it is
    `double precision`), Spark has no bare `varchar` (it is `string`).
-#}
{% macro contract_data_type(data_type) -%}
    {{ return(adapter.dispatch('contract_data_type', 'mta')(data_type)) }}
{%- endmacro %}

{% macro default__contract_data_type(data_type) -%}
    {{ return(data_type) }}
{%- endmacro %}

{% macro postgres__contract_data_type(data_type) -%}
    {%- set normalized = data_type | trim | lower -%}
    {{ return({'double': 'double precision'}.get(normalized, data_type)) }}
{%- endmacro %}

{% macro spark__contract_data_type(data_type) -%}
    {%- set normalized = data_type | trim | lower -%}
    {{ return({'varchar': 'string', 'text': 'string', 'double precision': 'double'}.get(normalized, data_type)) }}
{%- endmacro %}

{#- The columns of a contract with their types translated by contract_data_type. -#}
{% macro contract_columns(columns) -%}
    {%- set translated = {} -%}
    {%- for name in columns -%}
        {%- set column = dict(columns[name]) -%}
        {%- if column.get('data_type') is not none -%}
            {%- do column.update({'data_type': mta.contract_data_type(column['data_type'])}) -%}
        {%- endif -%}
        {%- do translated.update({name: column}) -%}
    {%- endfor -%}
    {{ return(translated) }}
{%- endmacro %}

{% macro postgres__get_empty_schema_sql(columns) -%}
    {{ return(dbt.default__get_empty_schema_sql(mta.contract_columns(columns))) }}
{%- endmacro %}

{% macro postgres__get_table_columns_and_constraints() -%}
    {%- set raw_column_constraints = adapter.render_raw_columns_constraints(raw_columns=mta.contract_columns(model['columns'])) -%}
    {%- set raw_model_constraints = adapter.render_raw_model_constraints(raw_constraints=model['constraints']) -%}
    (
    {% for c in raw_column_constraints -%}
        {{ c }}{{ "," if not loop.last or raw_model_constraints }}
    {% endfor %}
    {% for c in raw_model_constraints -%}
        {{ c }}{{ "," if not loop.last }}
    {% endfor -%}
    )
{%- endmacro %}

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

{% macro spark__create_csv_table(model, agate_table) -%}
    {{ return(dbt.spark__create_csv_table(mta.seed_model_with_engine_types(model), agate_table)) }}
{%- endmacro %}

{% macro spark__load_csv_rows(model, agate_table) -%}
    {{ return(dbt.spark__load_csv_rows(mta.seed_model_with_engine_types(model), agate_table)) }}
{%- endmacro %}

{% macro spark__get_empty_schema_sql(columns) -%}
    {{ return(dbt.default__get_empty_schema_sql(mta.contract_columns(columns))) }}
{%- endmacro %}

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
