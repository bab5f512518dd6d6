"""Closed loop on the built warehouse, checked against independent Python."""

from __future__ import annotations

from collections import defaultdict

import pytest

MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based", "markov", "shapley"]


def test_observed_plus_modeled_is_attributable_revenue_to_the_cent(db):
    (expected,) = db.execute("select sum(revenue) from marts.fct_conversions where is_attributable").fetchone()
    totals = dict(
        db.execute(
            "select attribution_model, sum(observed_revenue + modeled_revenue) "
            "from marts.rpt_revenue_observed_vs_modeled group by 1"
        ).fetchall()
    )
    assert sorted(totals) == sorted(MODELS)
    for model in MODELS:
        assert round(float(totals[model]), 2) == round(float(expected), 2), model


def test_modeled_spread_matches_independent_computation(db):
    """Recompute the linear model's modeled revenue per channel in Python."""
    model = "linear"
    conversions = db.execute(
        "select conversion_id, conversion_type, date_trunc('week', converted_at)::date, revenue_basis, revenue "
        "from marts.fct_conversions where is_attributable"
    ).fetchall()
    info = {c[0]: c for c in conversions}
    credits = db.execute(
        "select conversion_id, channel, credit from marts.fct_attribution_credits where attribution_model = ?", [model]
    ).fetchall()
    mixes: dict[object, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    members: dict[object, set] = defaultdict(set)
    for conversion_id, channel, credit in credits:
        _, ctype, week, basis, _ = info[conversion_id]
        if basis != "observed" or channel == "direct" or credit <= 0:
            continue
        for key in (("tw", ctype, week), ("t", ctype), ("all",)):
            mixes[key][channel] += credit
            members[key].add(conversion_id)
    expected: dict[str, float] = defaultdict(float)
    for _, ctype, week, basis, revenue in conversions:
        if basis != "modeled":
            continue
        key = next((k for k in (("tw", ctype, week), ("t", ctype), ("all",)) if k in mixes), None)
        if key is None:
            expected["unattributed"] += float(revenue)
            continue
        total = sum(mixes[key].values())
        for channel, credit in mixes[key].items():
            expected[channel] += float(revenue) * credit / total
    actual = dict(
        db.execute(
            "select channel, modeled_revenue from marts.rpt_revenue_observed_vs_modeled "
            "where attribution_model = ? and modeled_revenue <> 0",
            [model],
        ).fetchall()
    )
    assert set(actual) == {c for c, v in expected.items() if abs(v) > 1e-9}
    # each cohort's revenue is shared out in whole cents (largest remainders): a channel's
    # modeled revenue is within a cent per cohort of the exact share
    cohorts = {(ctype, week) for _, ctype, week, basis, _ in conversions if basis == "modeled"}
    for channel, value in expected.items():
        assert float(actual.get(channel, 0.0)) == pytest.approx(value, abs=0.01 * len(cohorts) + 1e-6), channel
    assert "direct" not in actual


def test_modeled_revenue_is_never_given_to_direct(db):
    (direct,) = db.execute(
        "select coalesce(sum(modeled_revenue), 0) from marts.rpt_revenue_observed_vs_modeled where channel = 'direct'"
    ).fetchone()
    assert direct == 0


def test_ai_influenced_revenue_is_reported_beside_observed(db):
    rows = db.execute(
        "select channel, modeled_ai_influenced_revenue from marts.rpt_revenue_observed_vs_modeled "
        "where modeled_ai_influenced_revenue <> 0"
    ).fetchall()
    assert rows and {r[0] for r in rows} == {"ai_search"}
    # independent: attributable revenue of persons with an AI lead source and no ai_search touch in the path
    (expected,) = db.execute(
        """
        select coalesce(sum(c.revenue), 0)
        from marts.fct_conversions as c
        where c.is_attributable
          and c.person_id in (
              select r.person_id from staging.stg_crm__contacts as k
              inner join intermediate.int_identifiers_resolved as r on r.identifier = 'contact:' || k.contact_id
              where k.is_ai_lead_source)
          and c.conversion_id not in (
              select conversion_id from intermediate.int_conversion_paths where channel = 'ai_search')
        """
    ).fetchone()
    assert float(rows[0][1]) == pytest.approx(float(expected), abs=0.005)


def test_dim_contacts_first_touch_is_earliest_touch_of_person(db):
    touches = db.execute(
        "select person_id, touched_at, touchpoint_id from marts.fct_touchpoints where person_id is not null"
    ).fetchall()
    earliest: dict[str, tuple] = {}
    for person_id, touched_at, touchpoint_id in touches:
        if person_id not in earliest or (touched_at, touchpoint_id) < earliest[person_id]:
            earliest[person_id] = (touched_at, touchpoint_id)
    contacts = db.execute(
        "select contact_id, person_id, first_touchpoint_id, first_touched_at from marts.dim_contacts"
    ).fetchall()
    assert contacts
    checked = 0
    for _, person_id, first_id, first_at in contacts:
        if person_id in earliest:
            assert (first_at, first_id) == earliest[person_id]
            checked += 1
        else:
            assert first_id is None
    assert checked > 0
    # merged and deleted contacts have no row of their own
    (n_merged,) = db.execute(
        "select count(*) from marts.dim_contacts where contact_id in "
        "(select contact_id from staging.stg_crm__contacts where merged_into_contact_id is not null or is_deleted)"
    ).fetchone()
    assert n_merged == 0


def test_data_quality_flags_the_planted_dirt(db):
    planted = dict(db.execute("select dirt_kind, count(*) from truth.dirty_rows group by 1").fetchall())
    warned = {
        r[0]
        for r in db.execute("select distinct check_name from marts.rpt_data_quality where status = 'warn'").fetchall()
    }
    # The generator plants every one of these kinds; a renamed kind must fail
    # here rather than silently skip its assertion.
    expected = {
        "duplicate_contact_email_variant": {"duplicate_contacts"},
        "bot_user_agent": {"bot_share"},
        "utm_alias": {"utm_source_spellings", "utm_value_entropy"},
        "click_id_not_in_click_log": {"session_click_ids_not_in_click_log"},
        "retried_event": {"quarantined_rows"},
    }
    for dirt_kind, checks in expected.items():
        assert planted.get(dirt_kind, 0) > 0, f"the generator no longer plants {dirt_kind}"
        assert checks <= warned, (dirt_kind, checks - warned)
    # quarantine counts in the audit equal audit_quarantine
    (in_report,) = db.execute(
        "select sum(value) from marts.rpt_data_quality where check_name = 'quarantined_rows'"
    ).fetchone()
    (in_audit,) = db.execute("select count(*) from audit.audit_quarantine").fetchone()
    assert in_report == in_audit
