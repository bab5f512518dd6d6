"""The SQL history generator of the benchmark (scripts/benchmark_history.py).

Fast: a 5,000-event history, no dbt build. Expected values are worked out by
hand from the generator's documented sizes (10 events per person, 0.24 ad
clicks per event) and from the raw contract (scripts/raw_contract.py).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

import benchmark_history
from raw_contract import RAW_TABLES, REQUIRED_COLUMNS, REQUIRED_TABLES

EVENTS = 5_000
DAYS = 7
SEED = 3
END = dt.date(2026, 11, 1)
# history from 2026-10-25 00:00 UTC to 2026-11-01 00:00 UTC
START_UTC = dt.datetime(2026, 10, 25, tzinfo=dt.UTC)
END_UTC = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
TIMESTAMP_COLUMNS = {
    "web_events": ["occurred_at"],
    "ad_clicks": ["clicked_at"],
    "message_events": ["occurred_at"],
    "crm_contacts": ["created_at", "updated_at"],
    "crm_deals": ["created_at", "closed_at"],
    "crm_deal_stage_history": ["entered_at"],
    "conversions": ["occurred_at"],
}
# ISO-8601 with a `Z` or a +HH:MM / -HH:MM offset, as the raw contract asks
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$")


def make(path, seed=SEED):
    con = benchmark_history.connect(path)
    benchmark_history.generate_history(con, EVENTS, DAYS, seed, END)
    return con


def checksums(con) -> dict[str, tuple]:
    return {
        table: con.execute(f"select count(*), bit_xor(hash(t)), sum(hash(t)::hugeint) from raw.{table} as t").fetchone()
        for table in benchmark_history.TABLES
    }


def max_event_time(con) -> dt.datetime:
    return con.execute("""
        select max(ts) from (
            select try_cast(occurred_at as timestamptz) as ts from raw.web_events
            union all select try_cast(clicked_at as timestamptz) from raw.ad_clicks
            union all select try_cast(occurred_at as timestamptz) from raw.conversions
            union all select try_cast(occurred_at as timestamptz) from raw.message_events)
    """).fetchone()[0]


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    con = make(tmp_path_factory.mktemp("history") / "h.duckdb")
    con.execute("set TimeZone = 'UTC'")
    yield con
    con.close()


def test_every_table_has_the_contract_columns_and_types(history):
    for table in benchmark_history.TABLES:
        cols = history.execute(
            """select column_name, lower(data_type) from information_schema.columns
            where table_schema = 'raw' and table_name = ? order by ordinal_position""",
            [table],
        ).fetchall()
        assert dict(cols) == RAW_TABLES[table], table
        assert set(REQUIRED_COLUMNS[table]) <= {c for c, _ in cols}
        for column in REQUIRED_COLUMNS[table]:
            nulls = history.execute(f'select count(*) from raw.{table} where "{column}" is null').fetchone()[0]
            assert nulls == 0, f"{table}.{column} has {nulls} nulls"
    for table in REQUIRED_TABLES:
        assert history.execute(f"select count(*) from raw.{table}").fetchone()[0] > 0


def test_sizes(history):
    rows = benchmark_history.table_rows(history)
    assert rows["web_events"] == 5_000
    assert rows["ad_clicks"] == 1_200  # 0.24 per event
    # ~88 conversions per 10,000 events, 1.4 rows each: about 60 rows here
    assert 30 <= rows["conversions"] <= 100
    assert all(n > 0 for n in rows.values()), rows
    people = history.execute("select people from bench_meta.history").fetchone()[0]
    assert people == 500


def test_timestamps_are_iso_text_with_an_offset_inside_the_period(history):
    for table, cols in TIMESTAMP_COLUMNS.items():
        for col in cols:
            values = [
                v for (v,) in history.execute(f"select {col} from raw.{table} where {col} is not null").fetchall()
            ]
            assert values, f"{table}.{col} is empty"
            bad = [v for v in values if not ISO_WITH_OFFSET.match(v)]
            assert not bad, f"{table}.{col}: {bad[:3]}"
            lo, hi = history.execute(
                f"select min(try_cast({col} as timestamptz)), max(try_cast({col} as timestamptz)) "
                f"from raw.{table} where {col} is not null"
            ).fetchone()
            # sessions may run a few minutes past the end; clicks and messages come a little before the start
            assert START_UTC - dt.timedelta(hours=3) <= lo and hi <= END_UTC + dt.timedelta(hours=1), (table, lo, hi)
    offsets = {
        v[-6:] if v[-1] != "Z" else "Z" for (v,) in history.execute("select occurred_at from raw.web_events").fetchall()
    }
    assert len(offsets) >= 5  # people's own offsets: Z, -04:00, +01:00, +09:00, +05:30, ...
    days = history.execute("select distinct spend_date from raw.ad_spend").fetchall()
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for (d,) in days)


def test_identifiers_link_the_tables(history):
    # every click id a conversion saw is in the click log, and every landed click's id is in a page URL
    orphans = history.execute("""
        select count(*) from raw.conversions
        where click_id is not null and click_id not in (select click_id from raw.ad_clicks)
    """).fetchone()[0]
    assert orphans == 0
    landed = history.execute("""
        select count(distinct w.event_id) from raw.web_events as w
        inner join raw.ad_clicks as c on w.page_url = c.landing_page_url
    """).fetchone()[0]
    assert landed > 500
    # a deal's contact exists, server conversions carry identifiers the web also saw
    assert history.execute(
        "select count(*) from raw.crm_deals where contact_id not in (select contact_id from raw.crm_contacts)"
    ).fetchone() == (0,)
    linked = history.execute("""
        select count(*) from raw.conversions as c
        where c.collector = 'server' and (
            c.user_id in (select user_id from raw.web_events)
            or c.email in (select lower(email) from raw.web_events))
    """).fetchone()[0]
    assert linked > 0


def test_deterministic_for_a_seed(tmp_path, history):
    first = make(tmp_path / "a.duckdb")
    second = make(tmp_path / "b.duckdb")
    other = make(tmp_path / "c.duckdb", seed=SEED + 1)
    try:
        assert checksums(first) == checksums(second) == checksums(history)
        assert checksums(other)["web_events"] != checksums(first)["web_events"]
    finally:
        for con in (first, second, other):
            con.close()


def test_micro_batch_adds_new_rows_one_late_row_and_one_retry(tmp_path):
    con = make(tmp_path / "m.duckdb")
    con.execute("set TimeZone = 'UTC'")
    before = max_event_time(con)
    con.execute("create temp table before_web as select * from raw.web_events")
    counts = benchmark_history.table_rows(con)
    batch = benchmark_history.append_micro_batch(con, batch_events=40, minutes=15)
    after = benchmark_history.table_rows(con)
    assert after["web_events"] == counts["web_events"] + 42  # 40 new, 1 late, 1 retry
    assert after["ad_clicks"] > counts["ad_clicks"]
    assert after["conversions"] > counts["conversions"]
    for table in ("crm_contacts", "crm_deals", "crm_deal_stage_history", "ad_spend"):
        assert after[table] == counts[table]
    new_times = [
        t
        for (t,) in con.execute("""
            select try_cast(occurred_at as timestamptz) from (
                select * from raw.web_events except all select * from before_web)
        """).fetchall()
    ]
    assert len(new_times) == 42  # except all keeps the retry's second copy
    after_max = [t for t in new_times if before < t <= before + dt.timedelta(minutes=15)]
    late = [t for t in new_times if t <= before - dt.timedelta(days=29)]
    # the retry is a copy of a history row: within the 7 days of history, not a month back
    retry = [t for t in new_times if START_UTC <= t <= before]
    assert (len(after_max), len(late), len(retry)) == (40, 1, 1)
    # one exact copy: rows minus distinct rows is 1, and that copy's event id is on two identical rows
    assert con.execute("select count(*) - count(distinct t) from raw.web_events as t").fetchone() == (1,)
    assert con.execute(
        "select count(*), count(distinct t) from raw.web_events as t where event_id = ?", [batch["retried_event_id"]]
    ).fetchone() == (2, 1)
    for table, col in (("ad_clicks", "clicked_at"), ("conversions", "occurred_at"), ("message_events", "occurred_at")):
        new_rows = con.execute(
            f"select count(*) from raw.{table} where try_cast({col} as timestamptz) > ?", [before]
        ).fetchone()[0]
        assert new_rows == after[table] - counts[table], table
    con.close()
