"""Sessions, touchpoints and journeys, checked against an independent Python
implementation of the rules in attribution-semantics.md (Touchpoints and
Journeys) on the built warehouse.

The Python side reads only staging relations, the identity map, the lookback
seed and (for the path checks) fct_touchpoints / int_conversions_matched; it
re-implements sessionization, click/session and message/session dedup, the
lookback window and the direct rule imperatively, row by row, without the SQL's
window-function formulation. The warehouse is built with the default vars
(30-minute session timeout and message merge, 30-day default lookback, direct
dropped from mixed paths, no reset, no cap).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

import pytest

SESSION_TIMEOUT = timedelta(minutes=30)
MESSAGE_MERGE = timedelta(minutes=30)
DEFAULT_LOOKBACK_DAYS = 30
SAMPLE_SIZE = 400


def rows(db, sql: str) -> list[dict]:
    cur = db.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


@pytest.fixture(scope="module")
def identity(db) -> dict[str, str]:
    return {
        r["identifier"]: r["person_id"]
        for r in rows(db, "select identifier, person_id from intermediate.int_identifiers_resolved")
    }


@pytest.fixture(scope="module")
def python_sessions(db) -> list[dict]:
    """Sessionize stg_web__events imperatively: per visitor (the cookie, else the
    user id: events without a usable cookie belong to their user), in
    (time, event_id) order; a gap > 30 min starts a session; a page view with
    campaign evidence different from the session's evidence (the evidence of
    the page view that started it, or none) starts a session."""
    events = rows(
        db,
        """
        select event_id, event_type, occurred_at, anonymous_id, user_id, utm_source, utm_medium, utm_campaign,
               utm_content, utm_term, click_id, channel
        from staging.stg_web__events
        where anonymous_id is not null or user_id is not null
    """,
    )
    for e in events:
        e["visitor"] = "anon:" + e["anonymous_id"] if e["anonymous_id"] is not None else "user:" + e["user_id"]
    events.sort(key=lambda e: (e["visitor"], e["occurred_at"], e["event_id"]))
    sessions: list[dict] = []
    current = None
    for e in events:
        evidence = None
        if e["event_type"] == "page_view" and any(
            e[k] is not None
            for k in ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "click_id")
        ):
            evidence = tuple(
                e[k] for k in ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "click_id")
            )
        new = (
            current is None
            or current["visitor"] != e["visitor"]
            or e["occurred_at"] - current["last_at"] > SESSION_TIMEOUT
            or (evidence is not None and evidence != current["evidence"])
        )
        if new:
            current = {
                "visitor": e["visitor"],
                "anonymous_id": e["anonymous_id"],
                "started_at": e["occurred_at"],
                "last_at": e["occurred_at"],
                "evidence": evidence,
                "events": [],
            }
            sessions.append(current)
        current["events"].append(e)
        current["last_at"] = e["occurred_at"]
    for s in sessions:
        page_views = [e for e in s["events"] if e["event_type"] == "page_view"]
        landing = page_views[0] if page_views else s["events"][0]
        s["landing_event_id"] = landing["event_id"]
        s["start_event_id"] = s["events"][0]["event_id"]
        s["click_id"] = landing["click_id"]
        s["utm_medium"] = landing["utm_medium"]
        s["channel"] = landing["channel"] or "other"
        s["event_count"] = len(s["events"])
    return sessions


@pytest.fixture(scope="module")
def python_touches(db, identity, python_sessions) -> list[dict]:
    """Touches rebuilt from staging: clicks absorb their landing sessions, a
    message click absorbs the sessions of the same person and medium starting
    0-30 min after it (each session goes to the latest such message click)."""
    clicks = rows(db, "select click_id, clicked_at, channel from staging.stg_ads__clicks")
    click_ids = {c["click_id"] for c in clicks}
    for s in python_sessions:
        s["person_id"] = identity.get(s["visitor"])

    landings = defaultdict(list)
    for s in python_sessions:
        if s["click_id"] in click_ids:
            landings[s["click_id"]].append(s)
    touches = []
    for c in clicks:
        person = identity.get("click:" + c["click_id"])
        if person is None and landings[c["click_id"]]:
            first = min(landings[c["click_id"]], key=lambda s: s["started_at"])
            person = first["person_id"]
        touches.append(
            {
                "key": ("ad_click", c["click_id"]),
                "person_id": person,
                "touched_at": c["clicked_at"],
                "channel": c["channel"] or "other",
            }
        )

    messages = rows(
        db,
        """
        select message_event_id, channel, occurred_at, contact_id, user_id, email_hash, phone_hash
        from staging.stg_messaging__events where is_click
    """,
    )
    messages_by_person = defaultdict(list)
    for m in messages:
        person = None
        for prefix, col in (
            ("contact:", "contact_id"),
            ("user:", "user_id"),
            ("email:", "email_hash"),
            ("phone:", "phone_hash"),
        ):
            if m[col] is not None and (prefix + m[col]) in identity:
                person = identity[prefix + m[col]]
                break
        m["person_id"] = person
        touches.append(
            {
                "key": ("message_click", m["message_event_id"]),
                "person_id": person,
                "touched_at": m["occurred_at"],
                "channel": m["channel"] or "other",
            }
        )
        if person is not None:
            messages_by_person[person].append(m)

    for s in python_sessions:
        if s["click_id"] in click_ids:
            continue
        merged = False
        if s["person_id"] is not None:
            for m in messages_by_person[s["person_id"]]:
                if (
                    m["channel"] in (s["utm_medium"], s["channel"])
                    and timedelta(0) <= s["started_at"] - m["occurred_at"] <= MESSAGE_MERGE
                ):
                    merged = True
                    break
        if not merged:
            touches.append(
                {
                    "key": ("web_session", s["visitor"], s["start_event_id"]),
                    "person_id": s["person_id"],
                    "touched_at": s["started_at"],
                    "channel": s["channel"],
                }
            )
    return touches


@pytest.fixture(scope="module")
def lookbacks(db) -> dict[str, int]:
    # an empty seed value means the var's default (expected_window falls back to it)
    return {
        r["channel"]: r["lookback_days"]
        for r in rows(db, "select channel, lookback_days from reference.channel_lookback_windows")
        if r["lookback_days"] is not None
    }


@pytest.fixture(scope="module")
def warehouse_touches(db) -> list[dict]:
    return rows(db, "select touchpoint_id, person_id, touch_type, touched_at, channel from marts.fct_touchpoints")


@pytest.fixture(scope="module")
def person_conversions(db) -> list[dict]:
    return rows(
        db,
        """
        select conversion_id, person_id, converted_at, is_attributable
        from intermediate.int_conversions_matched
        where person_id is not null
    """,
    )


@pytest.fixture(scope="module")
def attributable_conversions(db) -> list[dict]:
    return rows(
        db,
        """
        select conversion_id, person_id, converted_at
        from intermediate.int_conversions_matched
        where is_attributable and person_id is not null
    """,
    )


def sample(items, k=SAMPLE_SIZE):
    items = sorted(items, key=lambda x: (x is None, x))
    return items if len(items) <= k else random.Random(7).sample(items, k)


def test_sessions_match_independent_sessionization(db, python_sessions):
    warehouse = rows(
        db,
        """
        select visitor_id, session_start_event_id, landing_event_id, event_count, channel
        from intermediate.int_web_sessions_sessionized
    """,
    )
    assert len(python_sessions) > 100, "demo data should have web sessions"
    expected = {
        (s["visitor"], s["start_event_id"], s["landing_event_id"], s["event_count"], s["channel"])
        for s in python_sessions
    }
    actual = {
        (r["visitor_id"], r["session_start_event_id"], r["landing_event_id"], r["event_count"], r["channel"])
        for r in warehouse
    }
    assert len(warehouse) == len(python_sessions)
    assert actual == expected


def test_touch_counts_per_person_match_independent_recomputation(python_touches, warehouse_touches):
    expected = defaultdict(lambda: defaultdict(int))
    for t in python_touches:
        expected[t["person_id"]][(t["key"][0], t["channel"])] += 1
    actual = defaultdict(lambda: defaultdict(int))
    for t in warehouse_touches:
        actual[t["person_id"]][(t["touch_type"], t["channel"])] += 1
    persons = sample([p for p in expected if p is not None])
    assert persons, "demo data should have persons with touches"
    mismatches = {p: (dict(expected[p]), dict(actual[p])) for p in persons if expected[p] != actual[p]}
    assert not mismatches, f"{len(mismatches)} of {len(persons)} persons differ, e.g. {list(mismatches.items())[:3]}"
    # the whole warehouse, including touches without a person
    assert len(warehouse_touches) == len(python_touches)
    assert sum(1 for t in warehouse_touches if t["person_id"] is None) == sum(
        1 for t in python_touches if t["person_id"] is None
    )


def test_click_and_message_dedup_happened(warehouse_touches, db):
    """The demo data has clicks with landing sessions and message clicks with
    sessions; neither may show up twice."""
    merged = rows(
        db,
        """
        select touch_sources, count(*) as n from marts.fct_touchpoints group by touch_sources
    """,
    )
    by_source = {r["touch_sources"]: r["n"] for r in merged}
    assert by_source.get("ad_click+web_session", 0) > 0
    assert by_source.get("message_click+web_session", 0) > 0
    # a click id found in the click log never stays a web_session touch
    leaked = db.execute("""
        select count(*) from marts.fct_touchpoints as t
        inner join staging.stg_ads__clicks as c on t.click_id = c.click_id
        where t.touch_type = 'web_session'
    """).fetchone()[0]
    assert leaked == 0
    # every session is in exactly one touch
    sessions = db.execute("select count(*) from intermediate.int_web_sessions_sessionized").fetchone()[0]
    in_touches = db.execute("select sum(merged_session_count) from marts.fct_touchpoints").fetchone()[0]
    assert sessions == in_touches


def expected_window(conversion, touches, lookbacks):
    t_conv = conversion["converted_at"]
    return [
        t
        for t in touches
        if t_conv - timedelta(days=lookbacks.get(t["channel"], DEFAULT_LOOKBACK_DAYS)) <= t["touched_at"] <= t_conv
    ]


def apply_direct_rule(touches):
    if any(t["channel"] != "direct" for t in touches):
        return [t for t in touches if t["channel"] != "direct"]
    return list(touches)


def test_conversion_paths_match_independent_recomputation(db, warehouse_touches, attributable_conversions, lookbacks):
    touches_by_person = defaultdict(list)
    for t in warehouse_touches:
        if t["person_id"] is not None:
            touches_by_person[t["person_id"]].append(t)
    paths = defaultdict(list)
    for r in rows(
        db, "select conversion_id, touchpoint_id, touch_position, path_length from intermediate.int_conversion_paths"
    ):
        paths[r["conversion_id"]].append(r)
    counts = {
        r["conversion_id"]: (r["touchpoint_count"], r["revenue_basis"])
        for r in rows(db, "select conversion_id, touchpoint_count, revenue_basis from marts.fct_conversions")
    }

    conversions = {c["conversion_id"]: c for c in attributable_conversions}
    checked = sample(list(conversions))
    assert checked, "demo data should have attributable conversions with a person"
    with_path = 0
    for cid in checked:
        conv = conversions[cid]
        expected = apply_direct_rule(expected_window(conv, touches_by_person[conv["person_id"]], lookbacks))
        expected_ids = [
            t["touchpoint_id"] for t in sorted(expected, key=lambda t: (t["touched_at"], t["touchpoint_id"]))
        ]
        got = sorted(paths.get(cid, []), key=lambda r: r["touch_position"])
        assert [r["touchpoint_id"] for r in got] == expected_ids, cid
        assert [r["touch_position"] for r in got] == list(range(1, len(got) + 1)), cid
        assert all(r["path_length"] == len(expected_ids) for r in got), cid
        assert counts[cid] == (len(expected_ids), "observed" if expected_ids else "modeled"), cid
        with_path += bool(expected_ids)
    assert with_path > 0
    # no path for anything else
    assert set(paths) <= set(conversions)


def test_journeys_partition_touches(db, warehouse_touches, person_conversions, lookbacks):
    """Per person: converting journeys are the paths (attributable
    conversions); the non-converting journey is the touches no conversion,
    attributable or not, followed within their lookback
    (direct rule applied); the two never share a touch, and the touches in no
    journey are exactly the direct touches the direct rule dropped."""
    journeys = rows(
        db,
        "select journey_id, person_id, conversion_id, is_converted, touchpoint_id, touch_position from intermediate.int_journey_touchpoints",
    )
    by_person = defaultdict(lambda: {"converting": set(), "non_converting": set(), "non_converting_ids": set()})
    for j in journeys:
        bucket = by_person[j["person_id"]]
        if j["is_converted"]:
            bucket["converting"].add(j["touchpoint_id"])
        else:
            bucket["non_converting"].add(j["touchpoint_id"])
            bucket["non_converting_ids"].add(j["journey_id"])

    touches_by_person = defaultdict(list)
    for t in warehouse_touches:
        if t["person_id"] is not None:
            touches_by_person[t["person_id"]].append(t)
    conversions_by_person = defaultdict(list)
    for c in person_conversions:
        conversions_by_person[c["person_id"]].append(c)

    persons = sample(list(touches_by_person))
    for person in persons:
        touches = touches_by_person[person]
        # any conversion follows a touch; only attributable ones have a path
        windows = [(c, expected_window(c, touches, lookbacks)) for c in conversions_by_person[person]]
        followed = {t["touchpoint_id"] for _, w in windows for t in w}
        in_paths = {t["touchpoint_id"] for c, w in windows if c["is_attributable"] for t in apply_direct_rule(w)}
        unfollowed = apply_direct_rule([t for t in touches if t["touchpoint_id"] not in followed])
        expected_non_converting = {t["touchpoint_id"] for t in unfollowed}

        got = by_person[person]
        assert got["converting"] == in_paths, person
        assert got["non_converting"] == expected_non_converting, person
        assert not (got["converting"] & got["non_converting"]), person
        assert len(got["non_converting_ids"]) <= 1, person
        in_no_journey = {t["touchpoint_id"] for t in touches} - got["converting"] - got["non_converting"]
        assert all(t["channel"] == "direct" for t in touches if t["touchpoint_id"] in in_no_journey), person

    # touches without a person are in no journey
    orphan = db.execute("""
        select count(*) from intermediate.int_journey_touchpoints as j
        inner join marts.fct_touchpoints as t on j.touchpoint_id = t.touchpoint_id
        where t.person_id is null or t.person_id <> j.person_id
    """).fetchone()[0]
    assert orphan == 0


def test_fct_journeys_channel_path(db):
    touches = defaultdict(list)
    for r in rows(
        db, "select journey_id, channel, touch_position, touched_at from intermediate.int_journey_touchpoints"
    ):
        touches[r["journey_id"]].append(r)
    facts = rows(
        db,
        "select journey_id, channel_path, touchpoint_count, first_touched_at, last_touched_at from marts.fct_journeys",
    )
    assert len(facts) == len(touches) > 0
    for f in facts:
        ordered = sorted(touches[f["journey_id"]], key=lambda r: r["touch_position"])
        assert f["channel_path"] == " > ".join(r["channel"] for r in ordered)
        assert f["touchpoint_count"] == len(ordered)
        assert f["first_touched_at"] == min(r["touched_at"] for r in ordered)
        assert f["last_touched_at"] == max(r["touched_at"] for r in ordered)
