"""The raw input contract as data: the tables a user loads and their columns.

This mirrors the raw contract (docs/raw-contract.md) and the dbt sources in
models/staging/*/_*__sources.yml (a pytest checks that they agree). The
loader uses it to check files before anything is written.

REQUIRED_COLUMNS is the small set each table cannot do without (its key, its
time, and what its grain needs); every other column is optional and behaves
as all-null when absent. Only `conversions` must exist; every other table is
optional (absent or empty). The dbt project checks the same sets at run start
(macros/staging/raw_contract.sql).

Types are DuckDB types; `text` columns that hold timestamps stay text on
purpose: staging parses them and quarantines what cannot be parsed.
"""

from __future__ import annotations

RAW_TABLES: dict[str, dict[str, str]] = {
    "web_events": {
        "event_id": "varchar",
        "event_type": "varchar",
        "occurred_at": "varchar",
        "anonymous_id": "varchar",
        "user_id": "varchar",
        "email": "varchar",
        "session_id": "varchar",
        "page_url": "varchar",
        "referrer_url": "varchar",
        "user_agent": "varchar",
        "ip_address": "varchar",
        "consent_marketing": "boolean",
    },
    "ad_clicks": {
        "click_id": "varchar",
        "clicked_at": "varchar",
        "traffic_source": "varchar",
        "campaign_id": "varchar",
        "campaign_name": "varchar",
        "ad_group_id": "varchar",
        "ad_group_name": "varchar",
        "creative_id": "varchar",
        "placement": "varchar",
        "device_type": "varchar",
        "os": "varchar",
        "browser": "varchar",
        "country": "varchar",
        "ip_address": "varchar",
        "user_agent": "varchar",
        "landing_page_url": "varchar",
        "cost": "double",
        "currency": "varchar",
    },
    "message_events": {
        "message_event_id": "varchar",
        "channel": "varchar",
        "event_type": "varchar",
        "occurred_at": "varchar",
        "campaign_name": "varchar",
        "contact_id": "varchar",
        "user_id": "varchar",
        "email": "varchar",
        "phone": "varchar",
        "link_url": "varchar",
    },
    "crm_contacts": {
        "contact_id": "varchar",
        "email": "varchar",
        "phone": "varchar",
        "created_at": "varchar",
        "updated_at": "varchar",
        "lifecycle_stage": "varchar",
        "anonymous_id": "varchar",
        "gclid": "varchar",
        "lead_source": "varchar",
        "merged_into_contact_id": "varchar",
        "is_deleted": "boolean",
    },
    "crm_deals": {
        "deal_id": "varchar",
        "contact_id": "varchar",
        "created_at": "varchar",
        "stage": "varchar",
        "amount": "double",
        "currency": "varchar",
        "closed_at": "varchar",
    },
    "crm_deal_stage_history": {
        "deal_id": "varchar",
        "stage": "varchar",
        "entered_at": "varchar",
    },
    "conversions": {
        "conversion_event_id": "varchar",
        "order_id": "varchar",
        "conversion_type": "varchar",
        "occurred_at": "varchar",
        "collector": "varchar",
        "anonymous_id": "varchar",
        "user_id": "varchar",
        "email": "varchar",
        "phone": "varchar",
        "click_id": "varchar",
        "revenue": "double",
        "currency": "varchar",
        "skip_attribution": "boolean",
        "store_id": "varchar",
    },
    "ad_spend": {
        "spend_date": "varchar",
        "platform": "varchar",
        "campaign_id": "varchar",
        "campaign_name": "varchar",
        "impressions": "bigint",
        "clicks": "bigint",
        "spend": "double",
        "currency": "varchar",
        "platform_conversions": "double",
        "platform_conversion_value": "double",
    },
    "lift_tests": {
        "experiment_id": "varchar",
        "channel": "varchar",
        "campaign": "varchar",
        "start_date": "varchar",
        "end_date": "varchar",
        "method": "varchar",
        "conversion_type": "varchar",
        "incremental_conversions": "double",
        "incremental_conversions_low": "double",
        "incremental_conversions_high": "double",
        "incremental_revenue": "double",
        "incremental_revenue_low": "double",
        "incremental_revenue_high": "double",
        "currency": "varchar",
        "interval_level": "double",
    },
}

# The columns each table cannot do without; the rest are optional.
REQUIRED_COLUMNS: dict[str, list[str]] = {
    "web_events": ["event_id", "event_type", "occurred_at", "page_url"],
    "ad_clicks": ["click_id", "clicked_at", "traffic_source"],
    "message_events": ["message_event_id", "channel", "event_type", "occurred_at"],
    "crm_contacts": ["contact_id", "created_at"],
    "crm_deals": ["deal_id", "contact_id", "created_at", "stage"],
    "crm_deal_stage_history": ["deal_id", "stage", "entered_at"],
    "conversions": ["conversion_event_id", "conversion_type", "occurred_at", "collector"],
    "ad_spend": ["spend_date", "platform", "campaign_id", "spend"],
    "lift_tests": ["experiment_id", "channel", "start_date", "end_date", "incremental_conversions"],
}

# The only table that must exist; the others may be absent or empty.
REQUIRED_TABLES: list[str] = ["conversions"]
