{#-
    The raw contract (../shared/spec/raw-contract.md, scripts/raw_contract.py):
    the columns each raw table must have. Extra columns are accepted.
-#}
{% macro raw_contract_columns() -%}
    {{ return({
        'web_events': ['event_id', 'event_type', 'occurred_at', 'anonymous_id', 'user_id', 'email', 'session_id', 'page_url', 'referrer_url', 'user_agent', 'ip_address', 'consent_marketing'],
        'ad_clicks': ['click_id', 'clicked_at', 'traffic_source', 'campaign_id', 'campaign_name', 'ad_group_id', 'ad_group_name', 'creative_id', 'placement', 'device_type', 'os', 'browser', 'country', 'ip_address', 'user_agent', 'landing_page_url', 'cost', 'currency'],
        'message_events': ['message_event_id', 'channel', 'event_type', 'occurred_at', 'campaign_name', 'contact_id', 'user_id', 'email', 'phone', 'link_url'],
        'crm_contacts': ['contact_id', 'email', 'phone', 'created_at', 'updated_at', 'lifecycle_stage', 'anonymous_id', 'gclid', 'lead_source', 'merged_into_contact_id', 'is_deleted'],
        'crm_deals': ['deal_id', 'contact_id', 'created_at', 'stage', 'amount', 'currency', 'closed_at'],
        'crm_deal_stage_history': ['deal_id', 'stage', 'entered_at'],
        'conversions': ['conversion_event_id', 'order_id', 'conversion_type', 'occurred_at', 'collector', 'anonymous_id', 'user_id', 'email', 'phone', 'click_id', 'revenue', 'currency', 'skip_attribution', 'store_id'],
        'ad_spend': ['spend_date', 'platform', 'campaign_id', 'campaign_name', 'impressions', 'clicks', 'spend', 'currency', 'platform_conversions', 'platform_conversion_value'],
    }) }}
{%- endmacro %}

{#-
    Fails the build, naming the table and column, when the raw table behind
    source(source_name, table_name) is missing or lacks a contract column.
    Called at the top of each base model; it only runs when dbt executes a
    real model (not at parse time, not inside a unit test, whose inputs are
    mocks).
-#}
{% macro assert_raw_contract(source_name, table_name) -%}
    {%- if execute and model.resource_type == 'model' -%}
        {%- set required = mta.raw_contract_columns()[table_name] -%}
        {%- set src = source(source_name, table_name) -%}
        {%- set relation = adapter.get_relation(database=src.database, schema=src.schema, identifier=src.identifier) -%}
        {%- if relation is none -%}
            {{ exceptions.raise_compiler_error("raw contract: table " ~ src.schema ~ "." ~ src.identifier ~ " is missing (expected columns: " ~ required | join(", ") ~ ")") }}
        {%- endif -%}
        {%- set present = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
        {%- for column in required if column not in present -%}
            {{ exceptions.raise_compiler_error("raw contract: table " ~ src.schema ~ "." ~ src.identifier ~ " is missing column " ~ column) }}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
