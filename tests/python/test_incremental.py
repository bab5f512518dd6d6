"""Incremental builds equal a full refresh (issue 7, equivalence).

Demo data (30 days) is replayed into an empty warehouse in daily batches, the
way it would arrive in production:
- every raw row arrives on its own UTC date, one in ten one or two days late;
- rows without a usable timestamp (unreadable, year 1900 or 2099) arrive on a
  day picked from the row, so the undated partition changes between runs;
- retried duplicates: one in thirty event rows arrives a second time, a day
  after the first copy;
- retries with a new clock: a few web events are sent again ten days later
  with the same event id and a new timestamp, so the copy lands in the
  late-data window while the original sits in a partition the window no
  longer covers (the key-group path of macros/incremental);
- a retry with a clock running behind: the copy is dated two days before the
  original, which was the only web event of its day, so that day's stg
  partition becomes empty (the pre-hook that clears the rebuilt partitions).

An incremental `dbt build` runs after each batch, with a late-data window of
4 days (every late row above is inside it). At the end, every public relation
(marts, exports, audit) and every incremental staging model equals the same
relation of a single full build over all the data: row for row, text, keys,
timestamps and integers identical, floats to a relative 1e-9.

Then rows dated weeks before the window arrive (a new event, and an
earlier-dated copy of an event staged in another old partition): the next
incremental build rebuilds their partitions, reconciles, and still equals a
full build.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import generate, run_dbt
from raw_contract import RAW_TABLES
from warehouse_tools import (
    BUILD_ARGS,
    FLOAT_TYPES,
    PUBLIC_SCHEMAS,
    columns,
    connect,
    float_mismatches,
    relation_checksum,
    relations,
)

SCALE = 0.1
SEED = 11
START = dt.date(2026, 8, 1)
DAYS = 30
WINDOW_DAYS = 4
# Days replayed one batch at a time after the initial load (the rest arrives in the first batch).
DAILY_BATCHES = 5
FLOAT_TOLERANCE = 1e-9
VARS = ["--vars", f"{{mta_late_data_window_days: {WINDOW_DAYS}}}"]

TIMESTAMP_COLUMNS = {
    "web_events": "occurred_at",
    "ad_clicks": "clicked_at",
    "ad_spend": "spend_date",
    "message_events": "occurred_at",
    "crm_contacts": "created_at",
    "crm_deals": "created_at",
    "crm_deal_stage_history": "entered_at",
    "conversions": "occurred_at",
    "lift_tests": "start_date",
}
EVENT_TABLES = ("web_events", "ad_clicks", "message_events", "conversions")
INCREMENTAL_MODELS = (
    "staging.base_web__events",
    "staging.stg_web__events",
    "staging.base_ads__clicks",
    "staging.stg_ads__clicks",
    "staging.base_messaging__events",
    "staging.stg_messaging__events",
    "staging.base_collectors__conversions",
    "staging.stg_collectors__conversions",
)


def _plan_arrivals(con) -> None:
    """Table plan.<raw table>: every raw row to load, with its arrival_day."""
    end = START + dt.timedelta(days=DAYS - 1)
    con.execute("create schema plan")
    for table, ts in TIMESTAMP_COLUMNS.items():
        cols = ", ".join(f'"{c}"' for c in RAW_TABLES[table])
        row_hash = f"hash('{table}', rowid)"
        event_day = f"cast(try_cast(trim(cast({ts} as varchar)) as timestamptz) at time zone 'UTC' as date)"
        usable_day = (
            f"case when {event_day} between date '{START}' and date '{end}' then {event_day} "
            f"else date '{START}' + cast({row_hash} % {DAYS} as integer) end"
        )
        late_days = f"case when {row_hash} % 10 = 0 then 1 + cast({row_hash} % 2 as integer) else 0 end"
        con.execute(f"""
            create table plan.{table} as
            select {cols}, {usable_day} + {late_days} as arrival_day
            from raw.{table}""")
        if table in EVENT_TABLES:
            # Retried duplicates: an exact copy one day after the first.
            con.execute(f"""
                insert into plan.{table}
                select {cols}, arrival_day + 1 from plan.{table}
                where hash('retry', {cols}) % 30 = 0""")
    # Retries with a new clock: same event id, timestamp ten days later, arriving that day.
    con.execute(f"""
        insert into plan.web_events
        select * replace (
            strftime(cast(try_cast(occurred_at as timestamptz) at time zone 'UTC' as timestamp)
                + interval 10 day, '%Y-%m-%dT%H:%M:%SZ') as occurred_at,
            cast(try_cast(occurred_at as timestamptz) at time zone 'UTC' as date) + 10 as arrival_day
        )
        from plan.web_events
        where try_cast(occurred_at as timestamptz) is not null
            and cast(try_cast(occurred_at as timestamptz) at time zone 'UTC' as date)
                between date '{end}' - 14 and date '{end}' - 12
            and arrival_day = cast(try_cast(occurred_at as timestamptz) at time zone 'UTC' as date)
        order by event_id
        limit 5""")
    # A retry with a clock running behind: the original is the only web event of its day
    # (dated after the generated range), the copy arrives a day later dated two days
    # earlier, so the copy wins and the original's day has no staged web event left.
    behind = "web_events.event_type = 'page_view' and try_cast(occurred_at as timestamptz) is not null"
    con.execute(f"""
        insert into plan.web_events
        select * replace (
            'retry-behind-1' as event_id,
            '{end + dt.timedelta(days=2)}T12:00:00Z' as occurred_at,
            date '{end}' + 1 as arrival_day)
        from (select * from plan.web_events where {behind} order by event_id limit 1) as web_events
        union all
        select * replace (
            'retry-behind-1' as event_id,
            '{end}T12:00:00Z' as occurred_at,
            date '{end}' + 2 as arrival_day)
        from (select * from plan.web_events where {behind} order by event_id limit 1) as web_events""")


def _load(con, day_filter: str) -> int:
    """Insert the planned rows whose arrival_day matches day_filter into raw; returns the row count."""
    loaded = 0
    for table in TIMESTAMP_COLUMNS:
        cols = ", ".join(f'"{c}"' for c in RAW_TABLES[table])
        loaded += con.execute(f"insert into raw.{table} select {cols} from plan.{table} where {day_filter}").fetchone()[
            0
        ]
    return loaded


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    """(incremental warehouse, full-build warehouse, work dir of the incremental one)."""
    work = tmp_path_factory.mktemp("incremental")
    full_db = work / "full" / "attribution.duckdb"
    incr_db = work / "incremental" / "attribution.duckdb"
    full_db.parent.mkdir()
    incr_db.parent.mkdir()

    generate(full_db, SCALE, SEED, ["--start-date", START.isoformat(), "--days", str(DAYS)])
    con = connect(full_db, read_only=False)
    _plan_arrivals(con)
    last_arrival = con.execute(
        " union all ".join(f"select max(arrival_day) from plan.{t}" for t in TIMESTAMP_COLUMNS).join(
            ["select max(m) from (", ") as t(m)"]
        )
    ).fetchone()[0]
    con.close()

    # The incremental warehouse: empty raw tables, then the batches.
    con = connect(incr_db, read_only=False)
    con.execute(f"attach '{full_db}' as source (read_only)")
    con.execute("create schema raw")
    con.execute("create schema plan")
    for table in TIMESTAMP_COLUMNS:
        con.execute(f"create table raw.{table} as select * from source.raw.{table} limit 0")
        con.execute(f"create table plan.{table} as select * from source.plan.{table}")
    con.execute("detach source")
    first_daily = last_arrival - dt.timedelta(days=DAILY_BATCHES)
    batches = [f"arrival_day < date '{first_daily}'"] + [
        f"arrival_day = date '{first_daily + dt.timedelta(days=i)}'" for i in range(DAILY_BATCHES + 1)
    ]
    con.close()
    loaded = []
    for batch in batches:
        con = connect(incr_db, read_only=False)
        loaded.append(_load(con, batch))
        con.close()
        run_dbt(BUILD_ARGS + VARS, incr_db, work / "incremental")
    assert all(n > 0 for n in loaded), f"every batch must bring rows, got {loaded}"

    # The reference: one full build over all rows (raw = every planned row).
    con = connect(full_db, read_only=False)
    for table in TIMESTAMP_COLUMNS:
        cols = ", ".join(f'"{c}"' for c in RAW_TABLES[table])
        con.execute(f"delete from raw.{table}")
        con.execute(f"insert into raw.{table} select {cols} from plan.{table}")
    con.close()
    run_dbt(BUILD_ARGS + VARS, full_db, work / "full")
    return incr_db, full_db, work / "incremental"


def test_replay_exercises_late_rows_duplicates_and_old_partitions(replayed):
    """The replay really contains what the equivalence claims to cover."""
    incr_db, full_db, _ = replayed
    con = connect(full_db)
    late = con.execute("""select count(*) from plan.web_events
        where arrival_day > cast(try_cast(occurred_at as timestamptz) at time zone 'UTC' as date)""").fetchone()[0]
    retried = con.execute("""select count(*) from staging.base_web__events
        where quarantine_reason = 'duplicate_event'""").fetchone()[0]
    undated = con.execute("""select count(*) from staging.base_web__events
        where partition_date = date '1900-01-01'""").fetchone()[0]
    reclocked = con.execute(f"""select count(*) from staging.base_web__events as copy
        inner join staging.base_web__events as original
            on copy.event_id = original.event_id
            and original.quarantine_reason is null
            and copy.quarantine_reason = 'duplicate_event'
        where copy.partition_date - original.partition_date > {WINDOW_DAYS}""").fetchone()[0]
    con.close()
    assert late > 100 and retried > 50 and undated > 0
    assert reclocked >= 3  # bot or invalid originals carry their own reason


def _differences(incr_db, full_db, compared) -> tuple[list[str], list[str]]:
    """(relations whose non-float columns differ, relations whose floats drift beyond the tolerance)."""
    incr, full = connect(incr_db), connect(full_db)
    different, float_drift = [], []
    for relation in compared:
        if relation_checksum(incr, relation, skip_floats=True) != relation_checksum(full, relation, skip_floats=True):
            different.append(relation)
        elif any(t.upper() in FLOAT_TYPES for _, t in columns(full, relation)):
            rows, paired, mismatched = float_mismatches(incr_db, full_db, relation, FLOAT_TOLERANCE)
            if paired != rows or mismatched:
                float_drift.append(f"{relation}: {rows} rows, {paired} paired, {mismatched} beyond 1e-9")
    incr.close()
    full.close()
    return different, float_drift


@pytest.mark.parametrize("schemas", ["public", "incremental staging"])
def test_incremental_builds_equal_a_full_build(replayed, schemas):
    incr_db, full_db, _ = replayed
    incr, full = connect(incr_db), connect(full_db)
    compared = relations(full, PUBLIC_SCHEMAS) if schemas == "public" else list(INCREMENTAL_MODELS)
    assert compared, "nothing to compare"
    assert relations(incr, PUBLIC_SCHEMAS) == relations(full, PUBLIC_SCHEMAS)
    incr.close()
    full.close()
    different, float_drift = _differences(incr_db, full_db, compared)
    assert not different, f"relations differing from the full build (non-float columns): {different}"
    assert not float_drift, f"floats beyond {FLOAT_TOLERANCE}: {float_drift}"


def test_rows_older_than_the_window_are_read_by_the_next_incremental_build(replayed):
    """Runs last in this module: it adds rows to both warehouses.

    Two web events arrive dated weeks before the late-data window: a new
    event, and an earlier-dated copy of an event already staged in another
    old partition, which takes its place (the original becomes a
    duplicate_event, so that partition is rebuilt too). The next incremental
    build stages them, reconciles, and equals a full build over the same rows.
    """
    incr_db, full_db, work = replayed
    cols = ", ".join(f'"{c}"' for c in RAW_TABLES["web_events"])
    earlier_copy_of = START + dt.timedelta(days=8)
    late_rows = f"""
        (select * replace ('late-beyond-window-1' as event_id,
                           '{START + dt.timedelta(days=1)}T12:00:00Z' as occurred_at)
         from raw.web_events where event_type = 'page_view' order by event_id limit 1)
        union all
        (select * replace ('{START + dt.timedelta(days=2)}T12:00:00Z' as occurred_at)
         from raw.web_events
         where event_type = 'page_view'
             and cast(try_cast(occurred_at as timestamptz) at time zone 'UTC' as date) = date '{earlier_copy_of}'
         order by event_id limit 1)"""
    for db in (incr_db, full_db):
        con = connect(db, read_only=False)
        con.execute(f"create temp table late_rows as {late_rows}")
        copied = con.execute("select event_id from late_rows where event_id <> 'late-beyond-window-1'").fetchone()[0]
        con.execute(f"insert into raw.web_events ({cols}) select {cols} from late_rows")
        con.close()

    run_dbt(BUILD_ARGS + VARS, incr_db, work)
    run_dbt(BUILD_ARGS + VARS + ["--full-refresh"], full_db, work.parent / "full")

    con = connect(incr_db)
    recon = con.execute("""select raw_rows, staged_rows + quarantined_rows, unread_raw_rows
        from audit.audit_raw_reconciliation where table_name = 'web_events'""").fetchone()
    staged = con.execute(
        """select event_id, cast(occurred_at as date) from staging.stg_web__events
        where event_id in ('late-beyond-window-1', ?) order by event_id""",
        [copied],
    ).fetchall()
    con.close()
    assert recon[0] == recon[1] and recon[2] == 0, recon
    assert sorted(staged) == sorted(
        [("late-beyond-window-1", START + dt.timedelta(days=1)), (copied, START + dt.timedelta(days=2))]
    )

    full = connect(full_db)
    compared = relations(full, PUBLIC_SCHEMAS) + list(INCREMENTAL_MODELS)
    full.close()
    different, float_drift = _differences(incr_db, full_db, compared)
    assert not different, f"relations differing from the full build (non-float columns): {different}"
    assert not float_drift, f"floats beyond {FLOAT_TOLERANCE}: {float_drift}"


def test_edits_deletions_and_restatements_are_read_by_the_next_incremental_build(replayed):
    """Runs last in this module: it changes rows in both warehouses.

    Raw rows change in place, disappear or are restated in partitions the
    late-data window no longer covers, the way a CRM sync, a GDPR deletion or a
    backfill changes a warehouse:
    - an in-place edit: an old conversion's revenue becomes ten times larger
      (the case that used to leave every mart on the old value);
    - a partition's last rows deleted: every click of an old day;
    - the kept copy of a duplicated event deleted, so its retry, ten days
      later in another partition, must take its place;
    - a restated conversion without a load timestamp (a second copy of one
      event with another revenue), and restated rows with one: raw.conversions
      and raw.ad_spend gain a `_loaded_at` column, and a later load restates a
      conversion's revenue and a day's spend.
    The next incremental build must equal a full build over the same rows, and
    its drift test (raw_partitions_match) must pass.
    """
    incr_db, full_db, work = replayed
    old_day = START + dt.timedelta(days=3)
    con = connect(incr_db)
    # two staged conversions with revenue, in partitions older than the late-data window
    old_conversions = con.execute(f"""
        select conversion_event_id, collector from staging.base_collectors__conversions
        where quarantine_reason is null and revenue > 0
            and partition_date between date '{START + dt.timedelta(days=2)}' and date '{START + dt.timedelta(days=12)}'
        order by partition_date, conversion_event_id limit 2""").fetchall()
    edited, restated = (old_conversions + [None, None])[:2]
    promoted = con.execute(f"""
        select original.event_id, strftime(original.occurred_at, '%Y-%m-%dT%H:%M:%S.%g')
        from staging.base_web__events as original
        inner join staging.base_web__events as copy
            on original.event_id = copy.event_id and copy.quarantine_reason = 'duplicate_event'
        where original.quarantine_reason is null and copy.partition_date - original.partition_date > {WINDOW_DAYS}
        order by original.event_id limit 1""").fetchone()
    clicks_of_old_day = con.execute(
        f"select count(*) from staging.base_ads__clicks where partition_date = date '{old_day}'"
    ).fetchone()[0]
    con.close()
    assert edited and restated and promoted and clicks_of_old_day > 0

    conversion_cols = ", ".join(f'"{c}"' for c in RAW_TABLES["conversions"])
    for db in (incr_db, full_db):
        con = connect(db, read_only=False)
        con.execute(
            "update raw.conversions set revenue = revenue * 10 where conversion_event_id = ? and collector = ?",
            list(edited),
        )
        con.execute(f"""delete from raw.ad_clicks
            where cast(try_cast(clicked_at as timestamptz) at time zone 'UTC' as date) = date '{old_day}'""")
        con.execute(
            """delete from raw.web_events where event_id = ?
            and strftime(cast(try_cast(occurred_at as timestamptz) at time zone 'UTC' as timestamp),
                         '%Y-%m-%dT%H:%M:%S.%g') = ?""",
            list(promoted),
        )
        con.execute(
            f"""insert into raw.conversions ({conversion_cols})
            select {conversion_cols.replace('"revenue"', "revenue + 1")} from raw.conversions
            where conversion_event_id = ? and collector = ? limit 1""",
            list(restated),
        )
        for table in ("conversions", "ad_spend"):
            con.execute(f"alter table raw.{table} add column _loaded_at timestamp")
            con.execute(f"update raw.{table} set _loaded_at = timestamp '{START + dt.timedelta(days=DAYS)}'")
        con.execute(
            f"""insert into raw.conversions ({conversion_cols}, _loaded_at)
            select {conversion_cols.replace('"revenue"', "revenue + 2")},
                timestamp '{START + dt.timedelta(days=DAYS + 1)}'
            from raw.conversions where conversion_event_id = ? and collector = ? limit 1""",
            list(restated),
        )
        spend_cols = ", ".join(f'"{c}"' for c in RAW_TABLES["ad_spend"])
        con.execute(f"""insert into raw.ad_spend ({spend_cols}, _loaded_at)
            select {spend_cols.replace('"spend"', "spend + 3")}, timestamp '{START + dt.timedelta(days=DAYS + 1)}'
            from raw.ad_spend where spend > 0 order by spend_date, campaign_id limit 1""")
        con.close()

    run_dbt(BUILD_ARGS + VARS, incr_db, work)
    run_dbt(BUILD_ARGS + VARS + ["--full-refresh"], full_db, work.parent / "full")

    con = connect(incr_db)
    assert (
        con.execute(
            f"select count(*) from staging.base_ads__clicks where partition_date = date '{old_day}'"
        ).fetchone()[0]
        == 0
    )
    assert (
        con.execute("select count(*) from staging.stg_web__events where event_id = ?", [promoted[0]]).fetchone()[0] == 1
    )
    con.close()
    full = connect(full_db)
    compared = relations(full, PUBLIC_SCHEMAS) + list(INCREMENTAL_MODELS)
    full.close()
    different, float_drift = _differences(incr_db, full_db, compared)
    assert not different, f"relations differing from the full build (non-float columns): {different}"
    assert not float_drift, f"floats beyond {FLOAT_TOLERANCE}: {float_drift}"
