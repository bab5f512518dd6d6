{#-
    The raw contract (docs/raw-contract.md, scripts/raw_contract.py): the
    raw tables, their columns and the kind of value each holds, and the
    small set of columns each table cannot do without.

    A table with a `seed` also reads the rows of that dbt seed (same
    columns): small teams keep them in the project instead of a raw table
    (see base_experiments__lift_tests for the precedence).

    Column kinds decide how staging reads a column, whatever its physical
    type in the user's warehouse:
      text kinds    id, pii_id, text, url, user_agent, email, phone, ip, timestamp, date
                    -> cast to text, control characters removed; then
                    text (free text people type)   -> scrub_pii: emails, phones and
                                                      IP addresses inside become placeholders
                    pii_id (ids people type: user, order, campaign, creative ids)
                                                   -> pseudonymize_identifier: a whole
                                                      email or phone is hashed like one
                    email, phone, ip               -> hashed by the base models (clear in
                                                      staging only)
                    url                            -> parsed in staging; only the marketing
                                                      parameters leave it, scrubbed
      number        any numeric type (DECIMAL(p,s), DOUBLE, REAL, INTEGER, ...)
                    -> double, so every build sees the same values
      integer       as number; staging checks that the value is whole
      boolean       boolean or text ('true', 'f', '1', 'no', ...)
-#}
{% macro raw_contract() -%}
    {{ return({
        'web_events': {
            'source': 'web',
            'required': ['event_id', 'event_type', 'occurred_at', 'page_url'],
            'columns': [
                ('event_id', 'id'), ('event_type', 'text'), ('occurred_at', 'timestamp'),
                ('anonymous_id', 'id'), ('user_id', 'pii_id'), ('email', 'email'), ('session_id', 'id'),
                ('page_url', 'url'), ('referrer_url', 'url'), ('user_agent', 'user_agent'),
                ('ip_address', 'ip'), ('consent_marketing', 'boolean'),
            ],
        },
        'ad_clicks': {
            'source': 'ads',
            'required': ['click_id', 'clicked_at', 'traffic_source'],
            'columns': [
                ('click_id', 'id'), ('clicked_at', 'timestamp'), ('traffic_source', 'text'),
                ('campaign_id', 'pii_id'), ('campaign_name', 'text'), ('ad_group_id', 'pii_id'),
                ('ad_group_name', 'text'), ('creative_id', 'pii_id'), ('placement', 'text'),
                ('device_type', 'text'), ('os', 'text'), ('browser', 'text'), ('country', 'text'),
                ('ip_address', 'ip'), ('user_agent', 'user_agent'), ('landing_page_url', 'url'),
                ('cost', 'number'), ('currency', 'text'),
            ],
        },
        'message_events': {
            'source': 'messaging',
            'required': ['message_event_id', 'channel', 'event_type', 'occurred_at'],
            'columns': [
                ('message_event_id', 'id'), ('channel', 'text'), ('event_type', 'text'),
                ('occurred_at', 'timestamp'), ('campaign_name', 'text'), ('contact_id', 'id'),
                ('user_id', 'pii_id'), ('email', 'email'), ('phone', 'phone'), ('link_url', 'url'),
            ],
        },
        'crm_contacts': {
            'source': 'crm',
            'required': ['contact_id', 'created_at'],
            'columns': [
                ('contact_id', 'id'), ('email', 'email'), ('phone', 'phone'),
                ('created_at', 'timestamp'), ('updated_at', 'timestamp'), ('lifecycle_stage', 'text'),
                ('anonymous_id', 'id'), ('gclid', 'id'), ('lead_source', 'text'),
                ('merged_into_contact_id', 'id'), ('is_deleted', 'boolean'),
            ],
        },
        'crm_deals': {
            'source': 'crm',
            'required': ['deal_id', 'contact_id', 'created_at', 'stage'],
            'columns': [
                ('deal_id', 'id'), ('contact_id', 'id'), ('created_at', 'timestamp'), ('stage', 'text'),
                ('amount', 'number'), ('currency', 'text'), ('closed_at', 'timestamp'),
            ],
        },
        'crm_deal_stage_history': {
            'source': 'crm',
            'required': ['deal_id', 'stage', 'entered_at'],
            'columns': [('deal_id', 'id'), ('stage', 'text'), ('entered_at', 'timestamp')],
        },
        'conversions': {
            'source': 'collectors',
            'required': ['conversion_event_id', 'conversion_type', 'occurred_at', 'collector'],
            'columns': [
                ('conversion_event_id', 'id'), ('order_id', 'pii_id'), ('conversion_type', 'text'),
                ('occurred_at', 'timestamp'), ('collector', 'text'), ('anonymous_id', 'id'),
                ('user_id', 'pii_id'), ('email', 'email'), ('phone', 'phone'), ('click_id', 'id'),
                ('revenue', 'number'), ('currency', 'text'), ('skip_attribution', 'boolean'),
                ('store_id', 'text'),
            ],
        },
        'ad_spend': {
            'source': 'ads',
            'required': ['spend_date', 'platform', 'campaign_id', 'spend'],
            'columns': [
                ('spend_date', 'date'), ('platform', 'text'), ('campaign_id', 'pii_id'),
                ('campaign_name', 'text'), ('impressions', 'integer'), ('clicks', 'integer'),
                ('spend', 'number'), ('currency', 'text'), ('platform_conversions', 'number'),
                ('platform_conversion_value', 'number'),
            ],
        },
        'lift_tests': {
            'source': 'experiments',
            'seed': 'lift_tests',
            'required': ['experiment_id', 'channel', 'start_date', 'end_date', 'incremental_conversions'],
            'columns': [
                ('experiment_id', 'id'), ('channel', 'text'), ('campaign', 'text'),
                ('start_date', 'date'), ('end_date', 'date'), ('method', 'text'),
                ('conversion_type', 'text'), ('incremental_conversions', 'number'),
                ('incremental_conversions_low', 'number'), ('incremental_conversions_high', 'number'),
                ('incremental_revenue', 'number'), ('incremental_revenue_low', 'number'),
                ('incremental_revenue_high', 'number'), ('currency', 'text'), ('interval_level', 'number'),
            ],
        },
    }) }}
{%- endmacro %}

{#- The tables that must exist; every other contract table may be absent. -#}
{% macro raw_required_tables() -%}
    {{ return(['conversions']) }}
{%- endmacro %}

{#- The column names of each raw table, in contract order. -#}
{% macro raw_contract_columns() -%}
    {%- set names = {} -%}
    {%- for table_name, table in mta.raw_contract().items() -%}
        {%- do names.update({table_name: table.columns | map('first') | list}) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{#- The optional load timestamp column's name (var mta_load_timestamp_column), lower case. -#}
{% macro load_timestamp_column() -%}
    {{ return((mta.setting('mta_load_timestamp_column') or '') | lower) }}
{%- endmacro %}

{#-
    The physical columns of the raw table behind a contract table, as a
    mapping lower-case name -> data type, or none when the table does not
    exist. Only asked when dbt executes (not at parse time).
-#}
{% macro raw_table_columns(table_name) -%}
    {%- set src = source(mta.raw_contract()[table_name].source, table_name) -%}
    {%- set relation = adapter.get_relation(database=src.database, schema=src.schema, identifier=src.identifier) -%}
    {%- if relation is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set found = {} -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do found.update({column.name | lower: column}) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}

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

{#- True when the run's selection holds a node of this package's staging layer (a model, a test or a unit test of it); a host project's own staging folder does not count. -#}
{% macro selection_reads_raw() -%}
    {%- for unique_id in selected_resources -%}
        {#- a unit test's id is unit_test.<package>.<model>.<test>: look at its model -#}
        {%- set parts = unique_id.split('.') -%}
        {%- set node_id = 'model.' ~ parts[1] ~ '.' ~ parts[2] if parts[0] == 'unit_test' else unique_id -%}
        {%- set node = graph.nodes.get(node_id) -%}
        {%- if node is not none and node.package_name == 'mta' and node.fqn | length > 1 and node.fqn[1] == 'staging' -%}
            {{ return(true) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}

{#- Each name of `names` with `prefix` in front (a table alias). -#}
{% macro prefixed(names, prefix) -%}
    {%- set result = [] -%}
    {%- for name in names -%}
        {%- do result.append(prefix ~ name) -%}
    {%- endfor -%}
    {{ return(result) }}
{%- endmacro %}

{#- The SQL type a contract column of `kind` has once read by raw_rows. -#}
{% macro raw_kind_type(kind) -%}
    {%- if kind in ['number', 'integer'] -%}
        {{ return(mta.double_type()) }}
    {%- elif kind == 'boolean' -%}
        {{ return(dbt.type_boolean()) }}
    {%- else -%}
        {{ return(dbt.type_string()) }}
    {%- endif -%}
{%- endmacro %}

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

{#-
    One row per raw row of a contract table (column `raw_row`, always 1), as
    a parenthesised subquery: no rows when the optional table is absent. For
    counting raw rows without reading their columns (stg_audit__raw_row_counts).
    With `from_relation`, the rows of that relation (a contract table's seed).
-#}
{% macro raw_row_markers(table_name, from_relation=none) -%}
    {%- set table = mta.raw_contract()[table_name] -%}
    {%- set src = from_relation if from_relation is not none else source(table.source, table_name) -%}
    {%- set introspect = execute and model.resource_type != 'unit_test' and from_relation is none -%}
    {%- set table_exists = (not introspect) or mta.raw_table_columns(table_name) is not none -%}
    {%- if table_exists -%}
    (select 1 as raw_row from {{ src }})
    {%- else -%}
    (select 1 as raw_row from (select 1 as no_rows) as absent_table where 1 = 0)
    {%- endif -%}
{%- endmacro %}

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

{#-
    The raw row as JSON text, for audit_quarantine: every contract column of
    the table (alias `relation_alias`, as read by raw_rows), in contract
    order, after `leading_pairs` (a list of (key, SQL expression), e.g. where
    the row came from), without clear personal data: email, phone and IP
    fields are hashed (pii_field_hash), URLs scrubbed (scrub_pii), free text
    and typed ids already are (raw_rows). The row stays recognisable (its
    key, times, amounts, campaign) and its shape is the contract's. Numbers
    are doubles and text is text, so the JSON does not depend on the
    warehouse's physical types.
-#}
{% macro raw_row_json(table_name, relation_alias, leading_pairs=[]) -%}
    {%- set pairs = leading_pairs | list -%}
    {%- for column, kind in mta.raw_contract()[table_name].columns -%}
        {%- set value = relation_alias ~ '.' ~ column -%}
        {%- if kind in ['email', 'phone', 'ip'] -%}
            {%- do pairs.append((column, mta.pii_field_hash(kind, value))) -%}
        {%- elif kind == 'url' -%}
            {%- do pairs.append((column, mta.scrub_pii(value))) -%}
        {%- else -%}
            {%- do pairs.append((column, value)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ mta.json_object_text(pairs) }}
{%- endmacro %}
