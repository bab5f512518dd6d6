"""The export ledger: a daily run writes only what is new or changed.

On a copy of the demo warehouse, at one --as-of time T (a day after the last
conversion):

1. run 1 exports everything inside the platforms' windows;
2. a new day of raw data arrives (two new server purchases, each with the web
   page view of its session; a partial and a full refund of two orders run 1
   sent to Google), and an incremental `dbt build` runs;
3. run 2 writes exactly the two new conversions (Google enhanced conversions
   for leads and Meta) and the two adjustments (RESTATE to the old value
   minus the refund, RETRACT) - nothing else;
4. run 3 writes nothing;
5. `dbt build --full-refresh` keeps the ledger, and run 4 writes nothing.

Expected values are computed here from the inserted rows (hashes with
hashlib, values by subtraction), not by the code under test.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from datetime import UTC, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import run_dbt
from warehouse_tools import BUILD_ARGS, CHROME, connect, copy_warehouse, insert_raw_rows

PROJECT_DIR = Path(__file__).resolve().parents[2]
SITE = "https://www.northwind-outfitters.com"
NEW = [
    {"n": 1, "email": "ledger.one@example.org", "phone": None, "revenue": 42.0},
    {"n": 2, "email": None, "phone": "+44 20 7946 0000", "revenue": 17.5},
]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iso(ts) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def export(db: Path, out: Path, as_of: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [
            sys.executable,
            str(PROJECT_DIR / "scripts" / "export.py"),
            "--db",
            str(db),
            "--out",
            str(out),
            "--as-of",
            as_of,
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def read_google(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))[1:]
    return [dict(zip(lines[0], line)) for line in lines[1:]]


def ledger_counts(db: Path) -> tuple[int, int]:
    con = connect(db)
    try:
        return con.execute(
            "select (select count(*) from export_ledger.runs), (select count(*) from export_ledger.entries)"
        ).fetchone()
    finally:
        con.close()


@pytest.fixture(scope="module")
def chain(built_warehouse, tmp_path_factory):
    work = tmp_path_factory.mktemp("ledger")
    db = copy_warehouse(built_warehouse, work)
    out = work / "out"
    con = connect(db)
    (last,) = con.execute("select max(converted_at) from marts.fct_conversions").fetchone()
    con.close()
    last = last.replace(tzinfo=UTC, microsecond=0)
    as_of = iso(last + timedelta(days=1, hours=1))
    run1 = export(db, out, as_of)

    # refund targets: two orders run 1 sent to Google, with an order id, worth more than 20, not yet refunded
    sent = read_google(out / "run-0001" / "google_ads_click_conversions.csv") + read_google(
        out / "run-0001" / "google_ads_enhanced_conversions.csv"
    )
    sent_value = {r["Order ID"]: Decimal(r["Conversion Value"]) for r in sent}
    con = connect(db, read_only=False)
    targets = con.execute(
        f"""select conversion_id, order_id from marts.fct_conversions
            where order_id is not null and revenue > 20 and conversion_id in ({", ".join("?" * len(sent_value))})
              and conversion_id not in (select conversion_id from intermediate.int_conversions_matched
                                        where refunded_revenue > 0)
              and converted_at > ?
            order by conversion_id limit 2""",
        [*sent_value, (last - timedelta(days=30)).replace(tzinfo=None)],
    ).fetchall()
    assert len(targets) == 2
    (partial_id, partial_order), (full_id, full_order) = targets
    day = last + timedelta(hours=6)
    insert_raw_rows(
        con,
        "conversions",
        [
            {
                "conversion_event_id": "hx-ledger-refund-1",
                "order_id": partial_order,
                "conversion_type": "refund",
                "occurred_at": iso(day),
                "collector": "server",
                "revenue": 10.0,
                "currency": "USD",
            },
            {
                "conversion_event_id": "hx-ledger-refund-2",
                "order_id": full_order,
                "conversion_type": "refund",
                "occurred_at": iso(day),
                "collector": "server",
                "revenue": 1_000_000.0,
                "currency": "USD",
            },
        ],
    )
    for new in NEW:
        n = new["n"]
        at = last + timedelta(hours=12, minutes=n)
        insert_raw_rows(
            con,
            "web_events",
            [
                {
                    "event_id": f"hx-ledger-web-{n}",
                    "event_type": "page_view",
                    "occurred_at": iso(at - timedelta(minutes=1)),
                    "anonymous_id": f"hx-ledger-anon-{n}",
                    "page_url": f"{SITE}/checkout/thank-you",
                    "user_agent": CHROME,
                    "ip_address": "203.0.113.200",
                    "consent_marketing": True,
                }
            ],
        )
        insert_raw_rows(
            con,
            "conversions",
            [
                {
                    "conversion_event_id": f"hx-ledger-new-{n}",
                    "order_id": f"hx-ledger-order-{n}",
                    "conversion_type": "purchase",
                    "occurred_at": iso(at),
                    "collector": "server",
                    "anonymous_id": f"hx-ledger-anon-{n}",
                    "email": new["email"],
                    "phone": new["phone"],
                    "revenue": new["revenue"],
                    "currency": "USD",
                }
            ],
        )
    con.close()
    run_dbt(BUILD_ARGS, db, work)
    run2 = export(db, out, as_of)
    run3 = export(db, out, as_of)
    ledger_before_refresh = ledger_counts(db)
    run_dbt(BUILD_ARGS + ["--full-refresh"], db, work)
    ledger_after_refresh = ledger_counts(db)
    run4 = export(db, out, as_of)
    con = connect(db)
    new_ids = dict(
        con.execute(
            "select order_id, conversion_id from marts.fct_conversions where order_id like 'hx-ledger-order-%'"
        ).fetchall()
    )
    con.close()
    return {
        "out": out,
        "runs": (run1, run2, run3, run4),
        "sent_value": sent_value,
        "new_ids": new_ids,
        "partial": partial_id,
        "full": full_id,
        "ledger": (ledger_before_refresh, ledger_after_refresh),
    }


def test_run_two_writes_only_the_new_day_and_the_adjustments(chain):
    folder = chain["out"] / "run-0002"
    assert sorted(p.name for p in folder.iterdir()) == [
        "export_manifest.json",
        "google_ads_adjustments.csv",
        "google_ads_enhanced_conversions.csv",
        "meta_capi_events_001.json",
    ]


def test_new_conversions_go_to_google_once_with_googles_hashes(chain):
    rows = read_google(chain["out"] / "run-0002" / "google_ads_enhanced_conversions.csv")
    ids = chain["new_ids"]
    assert len(ids) == 2
    assert {r["Order ID"] for r in rows} == set(ids.values())
    by_order = {r["Order ID"]: r for r in rows}
    one, two = by_order[ids["hx-ledger-order-1"]], by_order[ids["hx-ledger-order-2"]]
    assert (one["Email"], one["Phone Number"], one["Conversion Value"]) == (sha("ledger.one@example.org"), "", "42.00")
    assert (two["Email"], two["Phone Number"], two["Conversion Value"]) == ("", sha("+442079460000"), "17.50")


def test_new_conversions_go_to_meta_as_website_events(chain):
    events = json.loads((chain["out"] / "run-0002" / "meta_capi_events_001.json").read_text())["data"]
    assert sorted(e["event_id"] for e in events) == ["hx-ledger-new-1", "hx-ledger-new-2"]
    for event in events:
        assert event["action_source"] == "website"
        assert event["user_data"]["client_user_agent"] == CHROME
        assert event["event_source_url"] == f"{SITE}/checkout/thank-you"
    one = next(e for e in events if e["event_id"] == "hx-ledger-new-1")
    assert one["user_data"]["em"] == [sha("ledger.one@example.org")]
    two = next(e for e in events if e["event_id"] == "hx-ledger-new-2")
    assert two["user_data"]["ph"] == [sha("442079460000")]  # Meta: digits with country code, no '+'


def test_refunds_after_export_restate_and_retract(chain):
    rows = read_google(chain["out"] / "run-0002" / "google_ads_adjustments.csv")
    by_order = {r["Order ID"]: r for r in rows}
    assert set(by_order) == {chain["partial"], chain["full"]}
    partial, full = by_order[chain["partial"]], by_order[chain["full"]]
    assert partial["Adjustment Type"] == "RESTATE"
    assert Decimal(partial["Adjusted Value"]) == chain["sent_value"][chain["partial"]] - Decimal("10.00")
    assert partial["Adjusted Value Currency"] == "USD"
    assert (full["Adjustment Type"], full["Adjusted Value"], full["Adjusted Value Currency"]) == ("RETRACT", "", "")


def test_a_rerun_with_nothing_new_writes_nothing(chain):
    assert "nothing new or changed since run 2" in chain["runs"][2].stdout
    assert sorted(p.name for p in chain["out"].iterdir()) == ["run-0001", "run-0002"]


def test_full_refresh_keeps_the_ledger(chain):
    before, after = chain["ledger"]
    assert before == after and before[0] == 2 and before[1] > 0
    assert "nothing new or changed since run 2" in chain["runs"][3].stdout
