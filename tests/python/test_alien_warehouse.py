"""The warehouse on data its generator did not make (tests/python/alien_warehouse.py).

The documented daily build (`dbt build --exclude-resource-type unit_test`)
runs on a raw schema written by hand in the shapes real exports take: DECIMAL
money, INTEGER and DECIMAL counts, TIMESTAMP WITH TIME ZONE and DATE columns,
missing optional columns and tables, a load timestamp, GA-style placeholders,
app events with a user id and no cookie, a CRM without stage history, spend
reported twice under two spellings, timestamps without an offset, phone
extensions, a CRM merge loop and a NUL byte. Every expected value below was
worked out by hand from the rows and the documented rules; none is read from
the project's output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest

from alien_warehouse import build_alien
from warehouse_tools import connect, session_warehouse


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture(scope="module")
def alien(tmp_path_factory):
    db = session_warehouse("alien", tmp_path_factory, build_alien)
    con = connect(db)
    yield con
    con.close()


@pytest.fixture(scope="module")
def alien_berlin(tmp_path_factory):
    """The same raw data, built with var mta_assume_time_zone: Europe/Berlin."""
    db = session_warehouse(
        "alien_berlin",
        tmp_path_factory,
        lambda work_dir: build_alien(work_dir, ["--vars", "{mta_assume_time_zone: Europe/Berlin}"]),
    )
    con = connect(db)
    yield con
    con.close()


def one(con, sql, params=None):
    rows = con.execute(sql, params or []).fetchall()
    assert len(rows) == 1, f"expected one row from {sql}, got {rows}"
    return rows[0]


# --- every raw row is staged or quarantined with its reason -----------------


def test_every_raw_row_is_accounted_for(alien):
    got = {
        t: (r, s, q)
        for t, r, s, q in alien.execute(
            "select table_name, raw_rows, staged_rows, quarantined_rows from audit.audit_raw_reconciliation"
        ).fetchall()
    }
    assert got == {
        "web_events": (8, 7, 1),  # Ann's retried page view
        "ad_clicks": (4, 3, 1),  # G-local has no UTC offset
        "ad_spend": (7, 3, 4),  # restated, conflicting, same-figure copy, 12.5 clicks
        "message_events": (0, 0, 0),  # table absent
        "crm_contacts": (4, 4, 0),
        "crm_deals": (2, 2, 0),
        "crm_deal_stage_history": (0, 0, 0),  # table absent
        "conversions": (6, 4, 2),  # pixel retry, point-of-sale time without offset
        "lift_tests": (0, 0, 0),  # table absent, seed empty
    }


def test_quarantine_reasons(alien):
    got = sorted(alien.execute("select table_name, row_key, reason from audit.audit_quarantine").fetchall())
    assert got == sorted(
        [
            ("web_events", "ev-ann-1", "duplicate_event"),
            ("ad_clicks", "G-local", "missing_utc_offset"),
            # the Google day was restated: the later load (google ads, 12.5) wins
            ("ad_spend", "2026-05-02|Google Ads|cmp-brand", "duplicate_event"),
            # Meta 20 and facebook 25 for one day, no load time: one is kept
            ("ad_spend", "2026-05-03|facebook|cmp-may", "conflicting_duplicate"),
            # Meta and FB with the same figures: FB sorts first, Meta is its copy
            ("ad_spend", "2026-05-04|Meta|cmp-may", "duplicate_event"),
            ("ad_spend", "2026-05-05|Meta|cmp-may", "invalid_value"),
            ("conversions", "pos-3001|offline_store", "missing_utc_offset"),
            ("conversions", "px-1001|browser", "duplicate_event"),
        ]
    )


# --- physical types, spend, clicks ------------------------------------------


def test_spend_is_one_row_per_day_platform_campaign(alien):
    got = sorted(alien.execute("select spend_id, spend, clicks, impressions from staging.stg_ads__spend").fetchall())
    assert got == [
        ("2026-05-02|google|cmp-brand", 12.5, 3, 1000),
        ("2026-05-03|facebook|cmp-may", 20.0, 1, 500),
        ("2026-05-04|facebook|cmp-may", 5.0, 2, 400),
    ]


def test_spend_is_never_counted_twice_in_the_marts(alien):
    # every staged spend row appears once per model and conversion type (each
    # conversion type's rows carry all spend): 12.5 + 20 + 5, to the cent
    totals = alien.execute("""
        select attribution_model, conversion_type, sum(spend)
        from marts.rpt_channel_performance
        group by attribution_model, conversion_type
    """).fetchall()
    assert len(totals) > 9 and all(total == Decimal("37.50") for _, _, total in totals), totals


def test_clicks_with_unusable_cost_are_staged_without_cost(alien):
    got = sorted(
        alien.execute("select click_id, cost, cost_issue, campaign_name from staging.stg_ads__clicks").fetchall()
    )
    assert got == [
        ("G-ann", 1.25, None, "Brand Search"),  # DECIMAL(12,6) 1.250000; the NUL byte is gone
        ("G-cur", None, "unknown_currency", "Brand Search"),
        ("G-neg", None, "invalid_amount", "Brand Search"),
    ]


def test_data_quality_flags_conflicts_costs_and_offsets(alien):
    got = dict(
        alien.execute("""
        select check_name, sum(value)
        from marts.rpt_data_quality
        where check_name in ('conflicting_duplicates', 'click_costs_unusable', 'timestamps_missing_utc_offset')
        group by check_name
    """).fetchall()
    )
    assert got == {"conflicting_duplicates": 1.0, "click_costs_unusable": 2.0, "timestamps_missing_utc_offset": 2.0}
    warned = {
        name
        for (name,) in alien.execute(
            "select distinct check_name from marts.rpt_data_quality where status = 'warn'"
        ).fetchall()
    }
    assert {"conflicting_duplicates", "click_costs_unusable", "timestamps_missing_utc_offset"} <= warned


# --- touchpoints: placeholders and cookie-less events -------------------------


def test_direct_none_placeholders_are_direct_not_other(alien):
    # Ann's first visit: utm_source=(direct)&utm_medium=(none), no referrer
    assert one(
        alien, "select channel, source, medium from marts.fct_touchpoints where touched_at = '2026-05-01 10:00:00'"
    ) == ("direct", None, None)
    # Dan: URL-encoded placeholders and a Google referrer -> organic search
    assert one(
        alien, "select channel, source, campaign from marts.fct_touchpoints where touched_at = '2026-05-04 08:00:00'"
    ) == ("organic_search", "google", None)


def test_app_events_without_a_cookie_are_touches_of_their_user(alien):
    bob = one(
        alien,
        "select person_id, touch_type, channel, campaign from marts.fct_touchpoints "
        "where touched_at = '2026-05-03 12:00:00'",
    )
    cat = one(
        alien,
        "select person_id, touch_type, channel, campaign from marts.fct_touchpoints "
        "where touched_at = '2026-05-03 12:05:00'",
    )
    assert bob[1:] == ("web_session", "email", "may")
    assert cat[1:] == ("web_session", "paid_social", "may_promo")
    # Bob and Cat share the junk cookie `undefined` and stay two people
    assert bob[0] is not None and cat[0] is not None and bob[0] != cat[0]
    # Bob's second app event (10 minutes later) is in the same session: no third touch that day
    assert one(alien, "select count(*) from marts.fct_touchpoints where cast(touched_at as date) = '2026-05-03'") == (
        2,
    )
    # their purchases are observed, credited to their own touch
    paths = dict(
        alien.execute("""
        select c.order_id, j.channel_path
        from marts.fct_conversions as c
        inner join marts.fct_journeys as j on c.conversion_id = j.conversion_id
        where c.order_id in ('2001', '2002')
    """).fetchall()
    )
    assert paths == {"2001": "email", "2002": "paid_social"}
    assert one(alien, "select person_id from marts.fct_conversions where order_id = '2001'") == (bob[0],)
    assert one(alien, "select person_id from marts.fct_conversions where order_id = '2002'") == (cat[0],)


# --- conversions, CRM ---------------------------------------------------------


def test_conversions(alien):
    got = sorted(
        alien.execute("""
        select coalesce(order_id, '-'), conversion_type, collector, converted_at, cast(revenue as double), revenue_basis,
               touchpoint_count
        from marts.fct_conversions
    """).fetchall()
    )
    assert got == sorted(
        [
            # pixel at 11:30+02:00 = 09:30Z is the earliest copy of order 1001 (its time); the server copy's
            # revenue wins by collector precedence (server 3 before browser 5), so collector is server
            ("1001", "purchase", "server", dt.datetime(2026, 5, 2, 9, 30), 129.99, "observed", 1),
            ("2001", "purchase", "server", dt.datetime(2026, 5, 3, 12, 20), 45.5, "observed", 1),
            ("2002", "purchase", "server", dt.datetime(2026, 5, 3, 12, 30), 60.0, "observed", 1),
            # no stage history: the won deal converts at closed_at, valued at its amount (no currency column: USD)
            ("-", "deal_closed_won", "crm", dt.datetime(2026, 5, 6, 12, 0), 5000.0, "observed", 1),
            # the open deal converts at its creation, worth 0; C-3 has no touch: modeled
            ("-", "deal_demo", "crm", dt.datetime(2026, 5, 4, 16, 0), 0.0, "modeled", 0),
        ]
    )
    # Ann's order and her won deal share her person (email, cookie, contact C-1)
    persons = alien.execute("""
        select distinct person_id from marts.fct_conversions
        where order_id = '1001' or conversion_type = 'deal_closed_won'
    """).fetchall()
    assert len(persons) == 1


def test_merge_loop_keeps_one_contact(alien):
    # C-1 into C-2 into C-1: the loop's smallest id survives; C-4 into itself is not a merge
    assert sorted(r[0] for r in alien.execute("select contact_id from marts.dim_contacts").fetchall()) == [
        "C-1",
        "C-3",
        "C-4",
    ]
    assert one(
        alien, "select first_touch_channel, last_touch_channel from marts.dim_contacts where contact_id = 'C-1'"
    ) == ("direct", "paid_search")


def test_text_and_phone_cleaning(alien):
    # a tab in free text becomes a space; the phone's extension is dropped before hashing
    assert one(alien, "select lead_source from staging.stg_crm__contacts where contact_id = 'C-1'") == (
        "Google search",
    )
    assert one(alien, "select phone_hash from staging.stg_crm__contacts where contact_id = 'C-3'") == (
        sha256("14155550100"),
    )


# --- timestamps without offset, read in a named zone ------------------------------


def test_assumed_time_zone_reads_local_times(alien_berlin):
    # 2026-05-04 15:00 in Berlin (CEST, +02:00) is 13:00 UTC; 2026-05-02 13:00 is 11:00 UTC
    assert one(
        alien_berlin,
        "select occurred_at from staging.stg_collectors__conversions where conversion_event_id = 'pos-3001'",
    ) == (dt.datetime(2026, 5, 4, 13, 0),)
    assert one(alien_berlin, "select clicked_at from staging.stg_ads__clicks where click_id = 'G-local'") == (
        dt.datetime(2026, 5, 2, 11, 0),
    )
    assert one(alien_berlin, "select count(*) from audit.audit_quarantine where reason = 'missing_utc_offset'") == (0,)


def test_phone_extension_links_the_store_purchase_to_its_contact(alien_berlin):
    # the point-of-sale phone `+1 (415) 555-0100 ext. 12` and C-3's `+1 415 555 0100 x99` are one number
    store, deal = (
        one(alien_berlin, "select person_id from marts.fct_conversions where order_id = 'pos-3001'"),
        one(alien_berlin, "select person_id from marts.fct_conversions where conversion_type = 'deal_demo'"),
    )
    assert store == deal and store[0] is not None
