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
