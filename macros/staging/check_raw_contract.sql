{#-
    The run-start check of the raw contract (on-run-start in
    dbt_project.yml): before any model or unit test runs, a missing required
    table or a missing required column fails `dbt build`, `dbt run` and
    `dbt test` with `raw contract: table raw.X is missing column Y`.
    Optional columns and tables may be absent; an absent optional table is
    logged (`raw contract: optional table raw.X is absent; built as
    empty`). Other commands (seed, compile, docs, ...) skip it, and so does
    a run whose selection reads no raw table (no staging model, staging test
    or staging unit test is selected, e.g. the data-driven models fed by var
    mta_data_driven_paths_relation).
-#}
{% macro check_raw_contract() -%}
    {%- if execute and flags.WHICH in ['build', 'run', 'test'] and mta.selection_reads_raw() -%}
        {%- set problems = [] -%}
        {%- for table_name, table in mta.raw_contract().items() -%}
            {%- set src = source(table.source, table_name) -%}
            {%- set present = mta.raw_table_columns(table_name) -%}
            {%- if present is none -%}
                {%- if table_name in mta.raw_required_tables() -%}
                    {%- do problems.append("raw contract: table " ~ src.schema ~ "." ~ src.identifier ~ " is missing (required columns: " ~ table.required | join(", ") ~ ")") -%}
                {%- else -%}
                    {#- said once per run, so a misspelt mta_<table>_identifier var is seen, not silently empty -#}
                    {%- do log("raw contract: optional table " ~ src.schema ~ "." ~ src.identifier ~ " is absent; built as empty", info=true) -%}
                {%- endif -%}
            {%- else -%}
                {%- for column in table.required if column not in present -%}
                    {%- do problems.append("raw contract: table " ~ src.schema ~ "." ~ src.identifier ~ " is missing column " ~ column) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if problems | length > 0 -%}
            {{ exceptions.raise_compiler_error(problems | join("\n")) }}
        {%- endif -%}
    {%- endif -%}
    {{ return('select 1 as raw_contract_checked') }}
{%- endmacro %}
