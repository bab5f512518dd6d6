"""consent_marketing = false: no identity link, no export.

The hostile warehouse carries the consent scenario of
warehouse_tools.consent_rows():
- pairs 1, 5, 7: a cookie (page views) and a CRM contact with an email are two
  people until an identify event carries both; that event has consent false
  (pair 1), null (pair 5, "null is not a refusal") or true (pair 7). Pair 1
  must stay two people; pairs 5 and 7 are the controls that do merge, which
  proves the scenario would link without the consent rule;
- persons 3 and 4: a Google click lands (web event with the gclid), then a
  purchase by the same cookie with an email. Person 3's landing event refused
  consent, person 4's did not: person 4's purchase is in the Google Ads and
  Meta exports (control), nothing of person 3 is in any export relation.
"""

from __future__ import annotations

import hashlib

import pytest

from warehouse_tools import (
    CONSENT_EMAILS,
    connect,
    hostile_warehouse,
    quote,
    relations,
    text_columns,
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = connect(hostile_warehouse(tmp_path_factory))
    yield connection
    connection.close()


def person_of(con, identifier: str) -> str | None:
    rows = con.execute(
        "select person_id from intermediate.int_identifiers_resolved where identifier = ?", [identifier]
    ).fetchall()
    assert len(rows) == 1, f"identifier {identifier} should be resolved exactly once, got {rows}"
    return rows[0][0]


@pytest.mark.parametrize(
    ("pair", "linked"),
    [(1, False), (5, True), (7, True)],
    ids=["consent_false_no_link", "consent_null_links", "consent_true_links"],
)
def test_consent_refusal_creates_no_identity_link(con, pair, linked):
    cookie = person_of(con, f"anon:hx-cs-anon-{pair}")
    email = person_of(con, f"email:{sha(CONSENT_EMAILS[pair])}")
    contact = person_of(con, f"contact:hx-cs-contact-{pair}")
    assert cookie is not None and email is not None
    assert email == contact, "the contact row links its own email"
    assert (cookie == email) is linked
    persons = {cookie, email}
    n_persons = con.execute(
        f"select count(*) from marts.dim_persons where person_id in ({', '.join('?' * len(persons))})", sorted(persons)
    ).fetchone()[0]
    assert n_persons == (1 if linked else 2)


@pytest.fixture(scope="module")
def export_relations(con) -> list[str]:
    found = relations(con, ["exports"])
    if not found:
        pytest.skip("no export relation is built yet (models/exports/)")
    return found


def test_consent_control_is_exported(con, export_relations):
    """Person 4 (consent true) is exported: the scenario reaches the exports when consent allows it."""
    google = con.execute(
        "select count(*) from exports.export_google_ads_offline_conversions where google_click_id = 'hx-cs-gclid-4'"
    ).fetchone()[0]
    meta = con.execute(
        "select count(*) from exports.export_meta_capi_events where em = ?", [sha(CONSENT_EMAILS[4])]
    ).fetchone()[0]
    assert (google, meta) == (1, 1)


def test_consent_refusal_appears_in_no_export(con, export_relations):
    refused_person = person_of(con, "anon:hx-cs-anon-3")
    conversion_ids = [
        c
        for (c,) in con.execute(
            "select conversion_id from marts.fct_conversions where person_id = ?", [refused_person]
        ).fetchall()
    ]
    assert conversion_ids, "person 3's purchase is a conversion (it is only kept out of the exports)"
    # every value that names person 3 or its refused event
    needles = {
        "hx-cs-gclid-3",
        "hx-cs-anon-3",
        "hx-cs-conv-3",
        "hx-cs-order-3",
        "hx-cs-web-3",
        sha(CONSENT_EMAILS[3]),
        CONSENT_EMAILS[3],
        refused_person,
        *conversion_ids,
    }
    leaks = []
    for relation in export_relations:
        for column in text_columns(con, relation):
            col = quote(column)
            hits = con.execute(
                f"""select distinct {col} from {relation}, unnest(cast(? as varchar[])) as needle(value)
                    where contains({col}, needle.value)""",
                [sorted(needles)],
            ).fetchall()
            leaks += [(relation, column, v) for (v,) in hits]
    assert not leaks, leaks


def test_consent_refusal_appears_in_no_export_file(con, export_relations, tmp_path):
    """The files scripts/export.py writes: person 4's purchase is in the Google click file (control),
    nothing that names person 3 is in any file."""
    import subprocess
    import sys
    from pathlib import Path

    project = Path(__file__).resolve().parents[2]
    (db_path,) = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            str(project / "scripts" / "export.py"),
            "--db",
            db_path,
            "--out",
            str(out),
            "--ledger-db",
            str(tmp_path / "ledger.duckdb"),
            "--as-of",
            "2026-09-13T00:00:00Z",
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    files = {p.name: p.read_text(encoding="utf-8") for p in (out / "run-0001").iterdir()}
    assert "hx-cs-gclid-4" in files["google_ads_click_conversions.csv"]
    refused_person = person_of(con, "anon:hx-cs-anon-3")
    conversion_ids = [
        c
        for (c,) in con.execute(
            "select conversion_id from marts.fct_conversions where person_id = ?", [refused_person]
        ).fetchall()
    ]
    needles = {
        "hx-cs-gclid-3",
        "hx-cs-anon-3",
        "hx-cs-conv-3",
        "hx-cs-order-3",
        "hx-cs-web-3",
        sha(CONSENT_EMAILS[3]),
        CONSENT_EMAILS[3],
        refused_person,
        *conversion_ids,
    }
    leaks = [(name, needle) for name, text in files.items() for needle in needles if needle in text]
    assert not leaks, leaks
