"""The alien warehouse: raw data written by hand in the shapes real exports
take, not by the project's generator.

A loader other than ours wrote it, so its physical types are the loader's:
money is DECIMAL(18,4), click costs DECIMAL(12,6), spend clicks DECIMAL(10,2)
(a CSV loader inferring numbers), impressions INTEGER, web event times
TIMESTAMP WITH TIME ZONE, spend dates DATE. Optional columns are missing
(web events have no session_id, ip_address or consent_marketing; clicks no ad
group, os, browser, ip or user agent; conversions no skip_attribution or
store_id; contacts no updated_at, anonymous_id, gclid or is_deleted; deals no
currency), two optional tables are absent (message_events and
crm_deal_stage_history), and ad_spend carries a load timestamp `_loaded_at`.

The people:
- Ann browses with a cookie: a `(direct)/(none)` visit (GA-style placeholders),
  then a Google Ads click (its campaign name holds a NUL byte) whose landing
  carries the gclid, then identifies with ` Ann@Example.com `. Her order 1001
  is reported by the pixel (+02:00) and the server (Z), and the pixel retried.
  She is CRM contact C-1, which the CRM merged into C-2 and C-2 into C-1 (a
  merge loop). Her deal D-1 was won; there is no stage history.
- Bob and Cat use the app: their events carry a user id and no usable cookie
  (none, or the junk `undefined` which both share). Bob arrives from a
  newsletter, Cat from a Facebook ad; each buys in the app.
- Dan comes from Google with URL-encoded placeholders `%28direct%29` in his
  UTMs: organic search, not `other`. He does not buy.
- Contact C-3 typed his phone with an extension (`x99`); the shop's point of
  sale recorded his purchase with `ext. 12` and a local time without offset.
  His deal D-2 is at the demo stage.
- Contact C-4 is merged into itself.
- Spend: Google reported one day twice under two spellings and restated it
  later (the load timestamp says which is latest); Meta reported one day twice
  with different figures and no load time (a conflict), one day under `Meta`
  and `FB` with the same figures, and one day with 12.5 clicks.

Every expected value in test_alien_warehouse.py is computed by hand from
these rows and the documented rules (docs/raw-contract.md,
docs/attribution-semantics.md), never read from the project's output.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb

from conftest import run_dbt

UTC = dt.UTC
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
)
APP_UA = "ShopApp/5.2 (iPhone; iOS 18.1)"
SHOP = "https://shop.example"

# table -> (DDL column list, rows). Column order is the loader's, not the contract's.
TABLES: dict[str, tuple[str, list[tuple]]] = {
    "web_events": (
        "event_id varchar, event_type varchar, occurred_at timestamptz, anonymous_id varchar, user_id varchar, "
        "email varchar, page_url varchar, referrer_url varchar, user_agent varchar",
        [
            (
                "ev-ann-1",
                "page_view",
                dt.datetime(2026, 5, 1, 10, 0, tzinfo=UTC),
                "a-ann",
                None,
                None,
                f"{SHOP}/?utm_source=(direct)&utm_medium=(none)",
                None,
                CHROME,
            ),
            (
                "ev-ann-2",
                "page_view",
                dt.datetime(2026, 5, 2, 9, 0, tzinfo=UTC),
                "a-ann",
                None,
                None,
                f"{SHOP}/landing?utm_source=google&utm_medium=cpc&utm_campaign=brand&gclid=G-ann",
                None,
                CHROME,
            ),
            (
                "ev-ann-3",
                "identify",
                dt.datetime(2026, 5, 2, 9, 5, tzinfo=UTC),
                "a-ann",
                None,
                " Ann@Example.com ",
                f"{SHOP}/account",
                None,
                CHROME,
            ),
            (
                "app-bob-1",
                "page_view",
                dt.datetime(2026, 5, 3, 12, 0, tzinfo=UTC),
                None,
                "u-bob",
                None,
                "app://shop/home?utm_source=newsletter&utm_medium=email&utm_campaign=may",
                None,
                APP_UA,
            ),
            (
                "app-bob-2",
                "page_view",
                dt.datetime(2026, 5, 3, 12, 10, tzinfo=UTC),
                "undefined",
                "u-bob",
                None,
                "app://shop/cart",
                None,
                APP_UA,
            ),
            (
                "app-cat-1",
                "page_view",
                dt.datetime(2026, 5, 3, 12, 5, tzinfo=UTC),
                "undefined",
                "u-cat",
                None,
                "app://shop/home?utm_source=facebook&utm_medium=paid_social&utm_campaign=may_promo",
                None,
                APP_UA,
            ),
            (
                "ev-dan-1",
                "page_view",
                dt.datetime(2026, 5, 4, 8, 0, tzinfo=UTC),
                "a-dan",
                None,
                None,
                f"{SHOP}/?utm_source=%28direct%29&utm_medium=%28none%29&utm_campaign=%28not%20set%29",
                "https://www.google.com/",
                CHROME,
            ),
            # the collector retried Ann's first page view five seconds later
            (
                "ev-ann-1",
                "page_view",
                dt.datetime(2026, 5, 1, 10, 0, 5, tzinfo=UTC),
                "a-ann",
                None,
                None,
                f"{SHOP}/?utm_source=(direct)&utm_medium=(none)",
                None,
                CHROME,
            ),
        ],
    ),
    "ad_clicks": (
        "click_id varchar, clicked_at varchar, traffic_source varchar, campaign_id varchar, campaign_name varchar, "
        "creative_id varchar, placement varchar, device_type varchar, country varchar, landing_page_url varchar, "
        "cost decimal(12,6), currency varchar",
        [
            (
                "G-ann",
                "2026-05-02T09:00:00Z",
                "Google Ads",
                "cmp-brand",
                "Brand\x00 Search",
                "cr-1",
                None,
                "Desktop",
                "us",
                f"{SHOP}/landing?utm_source=google&utm_medium=cpc&utm_campaign=brand&gclid=G-ann",
                Decimal("1.25"),
                "USD",
            ),
            (
                "G-neg",
                "2026-05-02T11:00:00+00:00",
                "google ads",
                "cmp-brand",
                "Brand Search",
                "cr-1",
                None,
                "mobile",
                "US",
                f"{SHOP}/landing?gclid=G-neg",
                Decimal("-3.5"),
                "USD",
            ),
            (
                "G-cur",
                "2026-05-02T12:00:00Z",
                "adwords",
                "cmp-brand",
                "Brand Search",
                "cr-2",
                None,
                None,
                None,
                f"{SHOP}/landing?gclid=G-cur",
                Decimal("2"),
                "XXX",
            ),
            (
                "G-local",
                "2026-05-02 13:00:00",
                "Google Ads",
                "cmp-brand",
                "Brand Search",
                "cr-2",
                None,
                None,
                None,
                f"{SHOP}/landing?gclid=G-local",
                Decimal("0.8"),
                "USD",
            ),
        ],
    ),
    "ad_spend": (
        "spend_date date, platform varchar, campaign_id varchar, campaign_name varchar, impressions integer, "
        "clicks decimal(10,2), spend decimal(18,4), currency varchar, platform_conversions decimal(18,4), "
        "platform_conversion_value decimal(18,4), _loaded_at timestamp",
        [
            (
                dt.date(2026, 5, 2),
                "Google Ads",
                "cmp-brand",
                "Brand",
                1000,
                Decimal("3"),
                Decimal("10"),
                "USD",
                Decimal("2"),
                Decimal("100"),
                dt.datetime(2026, 5, 3, 1, 0),
            ),
            (
                dt.date(2026, 5, 2),
                "google ads",
                "cmp-brand",
                "Brand",
                1000,
                Decimal("3"),
                Decimal("12.5"),
                "USD",
                Decimal("2"),
                Decimal("100"),
                dt.datetime(2026, 5, 4, 1, 0),
            ),
            (
                dt.date(2026, 5, 3),
                "Meta",
                "cmp-may",
                "May promo",
                500,
                Decimal("1"),
                Decimal("20"),
                "USD",
                None,
                None,
                None,
            ),
            (
                dt.date(2026, 5, 3),
                "facebook",
                "cmp-may",
                "May promo",
                500,
                Decimal("1"),
                Decimal("25"),
                "USD",
                None,
                None,
                None,
            ),
            (
                dt.date(2026, 5, 4),
                "Meta",
                "cmp-may",
                "May promo",
                400,
                Decimal("2"),
                Decimal("5"),
                "USD",
                None,
                None,
                None,
            ),
            (
                dt.date(2026, 5, 4),
                "FB",
                "cmp-may",
                "May promo",
                400,
                Decimal("2"),
                Decimal("5"),
                "USD",
                None,
                None,
                None,
            ),
            (
                dt.date(2026, 5, 5),
                "Meta",
                "cmp-may",
                "May promo",
                300,
                Decimal("12.5"),
                Decimal("5"),
                "USD",
                None,
                None,
                None,
            ),
        ],
    ),
    "conversions": (
        "conversion_event_id varchar, order_id varchar, conversion_type varchar, occurred_at varchar, "
        "collector varchar, anonymous_id varchar, user_id varchar, email varchar, phone varchar, click_id varchar, "
        "revenue decimal(18,4), currency varchar",
        [
            (
                "px-1001",
                "1001",
                "purchase",
                "2026-05-02T11:30:00+02:00",
                "browser",
                "a-ann",
                None,
                None,
                None,
                None,
                Decimal("129.99"),
                "USD",
            ),
            (
                "srv-1001",
                "1001",
                "purchase",
                "2026-05-02T09:31:00Z",
                "server",
                None,
                None,
                "ann@example.com",
                None,
                None,
                Decimal("129.99"),
                "USD",
            ),
            (
                "app-2001",
                "2001",
                "purchase",
                "2026-05-03T12:20:00Z",
                "server",
                None,
                "u-bob",
                None,
                None,
                None,
                Decimal("45.5"),
                "USD",
            ),
            (
                "app-2002",
                "2002",
                "purchase",
                "2026-05-03T12:30:00Z",
                "server",
                None,
                "u-cat",
                None,
                None,
                None,
                Decimal("60"),
                "USD",
            ),
            (
                "pos-3001",
                "pos-3001",
                "purchase",
                "2026-05-04 15:00:00",
                "offline_store",
                None,
                None,
                None,
                "+1 (415) 555-0100 ext. 12",
                None,
                Decimal("80"),
                "USD",
            ),
            (
                "px-1001",
                "1001",
                "purchase",
                "2026-05-02T11:30:02+02:00",
                "browser",
                "a-ann",
                None,
                None,
                None,
                None,
                Decimal("129.99"),
                "USD",
            ),
        ],
    ),
    "crm_contacts": (
        "contact_id varchar, email varchar, phone varchar, created_at varchar, lifecycle_stage varchar, "
        "lead_source varchar, merged_into_contact_id varchar",
        [
            ("C-1", "ann@example.com", None, "2026-05-02T10:00:00Z", "customer", "Google\tsearch", "C-2"),
            ("C-2", None, None, "2026-05-02T10:05:00Z", "lead", None, "C-1"),
            ("C-3", None, "+1 415 555 0100 x99", "2026-04-20T10:00:00Z", "lead", "a podcast", None),
            ("C-4", "eve@example.com", None, "2026-04-21T10:00:00Z", "subscriber", None, "C-4"),
        ],
    ),
    "crm_deals": (
        "deal_id varchar, contact_id varchar, created_at varchar, stage varchar, amount decimal(18,2), "
        "closed_at varchar",
        [
            ("D-1", "C-1", "2026-05-02T12:00:00Z", "closed_won", Decimal("5000"), "2026-05-06T12:00:00Z"),
            ("D-2", "C-3", "2026-05-04T16:00:00Z", "demo", Decimal("800"), None),
        ],
    ),
}


def write_alien_raw(db_path: Path) -> None:
    """Create the raw schema of the alien warehouse in a new DuckDB file."""
    con = duckdb.connect(str(db_path))
    try:
        con.execute("set TimeZone = 'UTC'")
        con.execute("create schema raw")
        for table, (ddl, rows) in TABLES.items():
            con.execute(f"create table raw.{table} ({ddl})")
            placeholders = ", ".join("?" for _ in rows[0])
            con.executemany(f"insert into raw.{table} values ({placeholders})", [list(r) for r in rows])
    finally:
        con.close()


def build_alien(work_dir: Path, extra_args: list[str] | None = None) -> Path:
    """Write the alien raw data and run the documented daily build on it."""
    work_dir.mkdir(parents=True, exist_ok=True)
    db_path = work_dir / "alien.duckdb"
    write_alien_raw(db_path)
    run_dbt(["seed"], db_path, work_dir)
    run_dbt(["build", "--exclude-resource-type", "unit_test", *(extra_args or [])], db_path, work_dir)
    return db_path
