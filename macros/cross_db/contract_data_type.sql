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
