{#-
    A contract table's rows as a parenthesised subquery with every contract
    column, whatever the warehouse holds:
    - a present column is read by its kind (see raw_contract): text kinds as
      text without control characters; numbers through their text form, as
      doubles: the text of a DECIMAL(18,4) 58.5300, a REAL 58.53 and a DOUBLE
      58.53 all read as the double 58.53, so the physical type never changes
      a result;
    - an absent optional column is null;
    - an absent optional table gives no rows;
    - `_loaded_at`: the load timestamp column (var
      mta_load_timestamp_column) as UTC, null when the table has none;
    - `_raw_fingerprint`: row_fingerprint of the contract columns as read
      (before scrubbing), stored by the incremental base models so that a
      run can tell which partitions changed.
    Extra columns are not read. At parse time, and inside unit tests (whose
    inputs are fixture rows with every column), every column is taken as
    present.
-#}
{% macro raw_rows(table_name, from_relation=none) -%}
    {%- set table = mta.raw_contract()[table_name] -%}
    {%- set src = from_relation if from_relation is not none else source(table.source, table_name) -%}
    {%- set introspect = execute and model.resource_type != 'unit_test' and from_relation is none -%}
    {%- set present = mta.raw_table_columns(table_name) if introspect else none -%}
    {%- set table_exists = (present is not none) or not introspect -%}
    {%- set load_column = mta.load_timestamp_column() -%}
    (
        select
            {%- for column, kind in table.columns %}
            {%- if kind == 'text' %}
            {{ mta.scrub_pii('raw_read.' ~ column) }} as {{ column }},
            {%- elif kind == 'pii_id' %}
            {{ mta.pseudonymize_identifier('raw_read.' ~ column) }} as {{ column }},
            {%- else %}
            raw_read.{{ column }},
            {%- endif %}
            {%- endfor %}
            raw_read._loaded_at,
            {{ mta.row_fingerprint(mta.prefixed(table.columns | map('first'), 'raw_read.')) }} as _raw_fingerprint
        from (
            select
                {%- for column, kind in table.columns %}
                {%- set is_present = table_exists and ((not introspect) or column in present) %}
                {%- if not is_present %}
                cast(null as {{ mta.raw_kind_type(kind) }}) as {{ column }},
                {%- elif kind in ['number', 'integer'] %}
                {#- text that is not a number (a number column loaded as text) reads as NaN, which staging rejects -#}
                case
                    when {{ column }} is not null and {{ mta.safe_cast_float(mta.as_text(column)) }} is null
                        then cast('NaN' as {{ mta.double_type() }})
                    else {{ mta.safe_cast_float(mta.as_text(column)) }}
                end as {{ column }},
                {%- elif kind == 'boolean' %}
                {{ mta.safe_cast_boolean(column) }} as {{ column }},
                {%- else %}
                {{ mta.strip_control_characters(mta.as_text(column)) }} as {{ column }},
                {%- endif %}
                {%- endfor %}
                {%- if table_exists and introspect and load_column != '' and load_column in present %}
                {{ mta.parse_load_timestamp(mta.as_text(load_column)) }} as _loaded_at
                {%- else %}
                cast(null as {{ dbt.type_timestamp() }}) as _loaded_at
                {%- endif %}
            {%- if table_exists %}
            from {{ src }}
            {%- else %}
            from (select 1 as no_rows) as absent_table
            where 1 = 0
            {%- endif %}
        ) as raw_read
    )
{%- endmacro %}
