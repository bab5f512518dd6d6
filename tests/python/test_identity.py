"""Identity resolution against the generator's truth.

Three figures, printed with `pytest -s`:
- pairwise precision and recall of identity links: pairs of identifiers in
  the same resolved person vs pairs in the same true person (computed exactly
  from the contingency table, no sampling);
- the observable-recall ceiling: an independent union-find in Python over the
  raw rows, using the linking rules (attribution-semantics.md, Identity, plus
  the documented conversion-copy links), scored the same way; the warehouse's
  recall must reach it;
- the share of conversions matched to the right person (truth.conversions
  person_key per conversion_event_id).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]

TRUTH_PREFIX = {
    "anonymous_id": "anon",
    "user_id": "user",
    "email": "email",
    "phone": "phone",
    "contact_id": "contact",
    "click_id": "click",
}
CLICK_PARAMS = ["gclid", "gbraid", "wbraid", "fbclid", "msclkid", "ttclid", "li_fat_id", "clickid"]


def _vars() -> dict:
    return yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]


JUNK = {str(v).strip().lower() for v in _vars()["mta_junk_identifiers"]}


def sha(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def clean(value):
    if value is None:
        return None
    value = str(value)
    if value.strip().lower() in JUNK:
        return None
    return value.strip()


def email_node(value):
    value = clean(value)
    return None if value is None else "email:" + sha(value.strip().lower())


def phone_node(value):
    value = clean(value)
    if value is None:
        return None
    digits = re.sub(r"\D", "", value)
    return None if not digits else "phone:" + sha(digits)


def node(prefix, value):
    value = clean(value)
    return None if value is None else f"{prefix}:{value}"


def truth_node(identifier_type: str, value: str) -> str:
    prefix = TRUTH_PREFIX[identifier_type]
    if prefix == "email":
        return f"{prefix}:{sha(value)}"
    if prefix == "phone":
        # The truth stores E.164 ('+<digits>'); the warehouse hashes the digits.
        return f"{prefix}:{sha(value.lstrip('+'))}"
    return f"{prefix}:{value}"


class UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def add(self, x):
        self.parent.setdefault(x, x)

    def find(self, x):
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def link_row(self, nodes, linkable=True):
        nodes = [n for n in nodes if n is not None]
        for n in nodes:
            self.add(n)
        if linkable:
            for n in nodes[1:]:
                self.union(nodes[0], n)


def landing_click_id(url):
    if not url:
        return None
    params = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    for name in CLICK_PARAMS:
        if params.get(name):
            return params[name]
    return None


def reference_clusters(db) -> dict[str, str]:
    """Independent union-find over the raw rows with the linking rules."""
    uf = UnionFind()
    web = db.execute(
        "select distinct anonymous_id, user_id, email, page_url, consent_marketing from raw.web_events"
    ).fetchall()
    for anon, user, email, url, consent in web:
        uf.link_row(
            [node("anon", anon), node("user", user), email_node(email), node("click", landing_click_id(url))],
            linkable=consent is not False,
        )
    conversions = db.execute(
        "select conversion_event_id, order_id, anonymous_id, user_id, email, phone, click_id from raw.conversions"
    ).fetchall()
    groups: dict[str, list[str]] = defaultdict(list)
    for event_id, order_id, anon, user, email, phone, click in conversions:
        nodes = [
            n
            for n in (
                node("user", user),
                email_node(email),
                phone_node(phone),
                node("anon", anon),
                node("click", click),
            )
            if n is not None
        ]
        uf.link_row(nodes)
        if nodes:
            if clean(event_id) is not None:
                groups["event:" + event_id].append(nodes[0])
            if clean(order_id) is not None:
                groups["order:" + order_id].append(nodes[0])
    for members in groups.values():
        uf.link_row(members)
    contacts = db.execute(
        "select contact_id, email, phone, anonymous_id, gclid, merged_into_contact_id from raw.crm_contacts"
    ).fetchall()
    for contact, email, phone, anon, gclid, merged_into in contacts:
        uf.link_row(
            [
                node("contact", contact),
                email_node(email),
                phone_node(phone),
                node("anon", anon),
                node("click", gclid),
                node("contact", merged_into),
            ]
        )
    messages = db.execute("select distinct contact_id, user_id, email, phone from raw.message_events").fetchall()
    for contact, user, email, phone in messages:
        uf.link_row([node("contact", contact), node("user", user), email_node(email), phone_node(phone)])
    for (click,) in db.execute("select click_id from raw.ad_clicks").fetchall():
        uf.link_row([node("click", click)])
    deals = db.execute("select contact_id from raw.crm_deals").fetchall()
    for (contact,) in deals:
        uf.link_row([node("contact", contact)])
    return {n: uf.find(n) for n in uf.parent}


def pair_scores(predicted: dict[str, str], truth: dict[str, str]) -> tuple[float, float, int, int, int]:
    """Exact pairwise precision and recall over the identifiers both know."""
    common = predicted.keys() & truth.keys()
    cells = Counter((predicted[i], truth[i]) for i in common)
    pred_sizes = Counter(predicted[i] for i in common)
    true_sizes = Counter(truth[i] for i in common)

    def pairs(counter):
        return sum(n * (n - 1) // 2 for n in counter.values())

    both, pred_pairs, true_pairs = pairs(cells), pairs(pred_sizes), pairs(true_sizes)
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall, both, pred_pairs, true_pairs


@pytest.fixture(scope="module")
def truth_persons(db) -> dict[str, str]:
    rows = db.execute("select identifier_type, identifier_value, person_key from truth.identifiers").fetchall()
    return {truth_node(t, v): p for t, v, p in rows}


@pytest.fixture(scope="module")
def resolved(db) -> dict[str, str]:
    rows = db.execute("select identifier, person_id from intermediate.int_identifiers_resolved").fetchall()
    return dict(rows)


def test_identity_pairwise_precision_and_recall_reach_the_ceiling(db, truth_persons, resolved):
    precision, recall, both, pred_pairs, true_pairs = pair_scores(resolved, truth_persons)
    reference = reference_clusters(db)
    ref_precision, ceiling, *_ = pair_scores(reference, truth_persons)
    covered = len(resolved.keys() & truth_persons.keys())
    print(
        f"\nidentity: {covered} of {len(truth_persons)} true identifiers resolved "
        f"({len(resolved) - covered} resolved identifiers unknown to the truth); "
        f"{len(set(resolved.values()))} persons vs {len(set(truth_persons.values()))} true persons"
    )
    print(
        f"identity: pairwise precision {precision:.4f}, recall {recall:.4f} "
        f"({both} correct pairs of {pred_pairs} predicted, {true_pairs} true)"
    )
    print(
        f"identity: observable-recall ceiling (independent union-find over raw rows) {ceiling:.4f} "
        f"(its precision {ref_precision:.4f})"
    )
    assert covered >= 0.95 * len(truth_persons)
    assert precision >= 0.99
    assert recall >= ceiling - 0.02


def test_identity_no_junk_node_and_deterministic_ids(db):
    junk_like = db.execute(
        """
        select count(*) from intermediate.int_identifiers_resolved
        where lower(trim(identifier_value)) in ({})
        """.format(", ".join("'" + j.replace("'", "''") + "'" for j in JUNK))
    ).fetchone()[0]
    assert junk_like == 0
    rows = db.execute("select person_key, person_id from intermediate.int_identifiers_resolved").fetchall()
    for person_key, person_id in rows[:2000]:
        assert person_id == "p_" + sha(person_key)[:16]


def test_conversions_matched_to_the_right_person(db, truth_persons, resolved):
    # the true person of each resolved person: the majority of its identifiers' true persons
    votes: dict[str, Counter] = defaultdict(Counter)
    for identifier, person_id in resolved.items():
        if identifier in truth_persons:
            votes[person_id][truth_persons[identifier]] += 1
    majority = {p: c.most_common(1)[0][0] for p, c in votes.items()}
    rows = db.execute(
        """
        select truth_conversions.conversion_event_id, truth_conversions.person_key, matched.person_id,
               matched.match_method
        from truth.conversions as truth_conversions
        left join (
            select distinct conversion_event_id, conversion_id
            from intermediate.int_conversion_rows_keyed
        ) as keyed
            on truth_conversions.conversion_event_id = keyed.conversion_event_id
        left join intermediate.int_conversions_matched as matched
            on keyed.conversion_id = matched.conversion_id
        """
    ).fetchall()
    total = len(rows)
    found = sum(1 for r in rows if r[2] is not None or r[3] is not None)
    right = sum(1 for _, true_person, person_id, _ in rows if person_id and majority.get(person_id) == true_person)
    unmatched = sum(1 for r in rows if r[3] == "unmatched")
    methods = Counter(r[3] for r in rows)
    print(
        f"\nconversions: {total} true conversions, {found} found, {unmatched} unmatched; "
        f"matched to the right person {right / total:.4f}; methods {dict(methods)}"
    )
    assert found == total
    assert right / total >= 0.9
