"""Governance of the dbt project, read from its parsed manifest (no warehouse needed).

- Every model belongs to a group with an owner; exactly the relations with an
  enforced contract are `access: public`.
- The exposures: the dashboard and every export file, each on public models.
- The docs site has an overview page.
- Public money columns say their currency, public ratio and share columns say
  they are ratios or shares.
- Semantic models read public models only.
- The layers tell the truth (the checks dbt-project-evaluator makes, read
  from the manifest): no intermediate model reads a mart or a report, only
  facts and dimensions sit in models/marts, no intermediate model has more
  than six children (one known exception, asserted exactly), and every
  model is described and tested.
- The layer map of docs/architecture.md is what scripts/architecture.py
  draws from the manifest.
"""

from __future__ import annotations

import json
import re

import pytest
from architecture import BEGIN, END, layer_map

from conftest import PROJECT_DIR, run_dbt

DASHBOARD_MODELS = {
    "fct_attribution_credits",
    "rpt_channel_performance",
    "rpt_platform_claims_vs_reality",
    "rpt_revenue_observed_vs_modeled",
    "rpt_conversion_paths",
    "rpt_data_quality",
    "rpt_attribution_intervals",
}
EXPORT_FILES = {  # exposure -> export models behind the file scripts/export.py writes
    "google_ads_click_conversions_file": {"export_google_ads_offline_conversions"},
    "google_ads_enhanced_conversions_file": {"export_google_ads_enhanced_conversions"},
    "google_ads_adjustments_file": {"export_google_ads_offline_conversions", "export_google_ads_enhanced_conversions"},
    "meta_capi_events_files": {"export_meta_capi_events"},
    "crm_contact_writeback_file": {"export_crm_contact_writeback"},
}
NUMERIC = re.compile(r"double|decimal|numeric|float|real")
MONEY = re.compile(r"(^|_)(revenue|spend|cost|amount|value|cpa|epc)(_|$)")
RATIO = re.compile(r"(^|_)(roas|ratio|rate|share|pct|probability|factor)(_|$)")
RATIO_WORDS = re.compile(r"a ratio|a share|in \[0, 1\]|a probability")
# columns whose unit is not one currency or one ratio, each said in its description
UNIT_EXCEPTIONS = {("rpt_data_quality", "value")}  # in the check's own unit


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("governance")
    run_dbt(["parse"], work / "unused.duckdb", work)
    return json.loads((work / "target" / "manifest.json").read_text())


def models(manifest) -> list[dict]:
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]


MAX_INTERMEDIATE_CHILDREN = 6
# The intermediate model with more children than that today, and its count:
# the resolved identifiers, which identity, the touch rules, conversions, consent,
# exports and two reports join (CHANGELOG).
# Asserted exactly: a new one fails, and so does a fixed one left listed.
WIDE_INTERMEDIATE_MODELS = {"int_identifiers_resolved": 10}


def layer(node: dict) -> str:
    """The folder under models/ a model lives in: staging, intermediate, marts, ..."""
    parts = node["original_file_path"].split("/")
    return parts[1] if parts[0] == "models" and len(parts) > 2 else "root"


def layer_findings(manifest: dict) -> dict[str, list]:
    """What the evaluator-style layer checks find in a manifest."""
    nodes = {k: n for k, n in manifest["nodes"].items() if n["resource_type"] == "model"}
    children: dict[str, set[str]] = {k: set() for k in nodes}
    tested: set[str] = set()
    for key, node in manifest["nodes"].items():
        for parent in node["depends_on"].get("nodes", []):
            if parent not in nodes:
                continue
            if node["resource_type"] == "model":
                children[parent].add(key)
            elif node["resource_type"] == "test":
                tested.add(parent)
    findings: dict[str, list] = {
        "reads_downstream": [],
        "not_a_mart": [],
        "wide": [],
        "undescribed": [],
        "untested": [],
    }
    for key, node in nodes.items():
        name, here = node["name"], layer(node)
        if here == "intermediate":
            for parent in node["depends_on"]["nodes"]:
                if parent in nodes and layer(nodes[parent]) in ("marts", "reports", "exports", "audit"):
                    findings["reads_downstream"].append((name, nodes[parent]["name"]))
            if len(children[key]) > MAX_INTERMEDIATE_CHILDREN:
                findings["wide"].append((name, len(children[key])))
        if here == "marts" and not name.startswith(("fct_", "dim_")):
            findings["not_a_mart"].append(name)
        if not (node.get("description") or "").strip():
            findings["undescribed"].append(name)
        if key not in tested:
            findings["untested"].append(name)
    return {k: sorted(v) for k, v in findings.items()}


def test_every_model_has_a_group_with_an_owner(manifest):
    groups = {g["name"]: g for g in manifest["groups"].values()}
    assert len(groups) >= 8
    for group in groups.values():
        assert group["owner"].get("name") and "@" in (group["owner"].get("email") or ""), group["name"]
    ungrouped = sorted(n["name"] for n in models(manifest) if n["group"] not in groups)
    assert not ungrouped, f"models without a group: {ungrouped}"


def test_exactly_the_contracted_models_are_public(manifest):
    wrong = sorted(
        (n["name"], n["access"], n["config"]["contract"]["enforced"])
        for n in models(manifest)
        if (n["access"] == "public") != n["config"]["contract"]["enforced"]
    )
    assert not wrong, f"public without a contract, or contracted but not public: {wrong}"
    assert not [n["name"] for n in models(manifest) if n["access"] == "private"]


def test_exposures_cover_the_dashboard_and_every_export_file(manifest):
    nodes = manifest["nodes"]
    exposures = {e["name"]: e for e in manifest["exposures"].values()}

    def depends(exposure) -> set[str]:
        return {nodes[u]["name"] for u in exposure["depends_on"]["nodes"]}

    dashboard = exposures["attribution_dashboard"]
    assert dashboard["type"] == "dashboard" and dashboard["url"] == "apps/dashboard/"
    assert depends(dashboard) == DASHBOARD_MODELS
    for name, export_models in EXPORT_FILES.items():
        assert exposures[name]["type"] == "application", name
        assert depends(exposures[name]) == export_models, name
    export_models = {n["name"] for n in models(manifest) if n["name"].startswith("export_")}
    assert export_models == set().union(*EXPORT_FILES.values()), "an export model no exposure reads"
    for exposure in exposures.values():
        assert exposure["owner"].get("email"), exposure["name"]
        assert all(nodes[u]["access"] == "public" for u in exposure["depends_on"]["nodes"]), exposure["name"]


def test_the_docs_site_has_an_overview(manifest):
    overview = manifest["docs"]["doc.mta.__overview__"]["block_contents"]
    for word in [
        "staging",
        "intermediate",
        "marts",
        "reports",
        "audit",
        "exports",
        "semantic",
        "quarantine",
        "mta_reporting_currency",
        "rpt_channel_performance",
        "fct_ad_spend",
    ]:
        assert word in overview, word


def test_public_money_and_ratio_columns_say_their_unit(manifest):
    missing = []
    for node in models(manifest):
        if node["access"] != "public":
            continue
        for column in node["columns"].values():
            name, text = column["name"], column.get("description") or ""
            if not NUMERIC.search((column.get("data_type") or "").lower()) or (node["name"], name) in UNIT_EXCEPTIONS:
                continue
            if RATIO.search(name):
                if not RATIO_WORDS.search(text):
                    missing.append(f"{node['name']}.{name} (ratio or share): {text}")
            elif MONEY.search(name) and "reporting currency" not in text:
                missing.append(f"{node['name']}.{name} (money): {text}")
    assert not missing, "\n".join(missing)


def test_semantic_models_read_public_models(manifest):
    nodes = manifest["nodes"]
    semantic_models = list(manifest["semantic_models"].values())
    assert len(semantic_models) >= 6
    for semantic_model in semantic_models:
        (model,) = semantic_model["depends_on"]["nodes"]
        assert nodes[model]["access"] == "public", semantic_model["name"]


def test_the_layers_tell_the_truth(manifest):
    findings = layer_findings(manifest)
    assert findings["reads_downstream"] == [], "intermediate models reading marts or reports"
    assert findings["not_a_mart"] == [], "models/marts holds only fct_ and dim_ models"
    assert dict(findings["wide"]) == WIDE_INTERMEDIATE_MODELS
    assert findings["undescribed"] == []
    assert findings["untested"] == []
    assert {layer(n) for n in models(manifest)} == {
        "staging",
        "intermediate",
        "marts",
        "reports",
        "audit",
        "exports",
        "semantic",
    }


def test_the_layer_checks_find_what_they_look_for(manifest):
    """Each check fails on a manifest that breaks its rule (made from the real one)."""
    broken = json.loads(json.dumps(manifest))
    nodes = broken["nodes"]
    by_name = {n["name"]: k for k, n in nodes.items() if n["resource_type"] == "model"}
    # an intermediate model that reads a mart, and a report filed under marts/
    nodes[by_name["int_person_touch_bounds"]]["depends_on"]["nodes"].append(by_name["fct_touchpoints"])
    report = nodes[by_name["rpt_channel_performance"]]
    report["original_file_path"] = "models/marts/attribution/rpt_channel_performance.sql"
    # a seventh child of int_conversions_matched, and a model without a description
    nodes[by_name["fct_journeys"]]["depends_on"]["nodes"].append(by_name["int_conversions_matched"])
    nodes[by_name["fct_ad_spend"]]["description"] = " "
    # a model whose tests are gone
    tests = [
        k
        for k, n in nodes.items()
        if n["resource_type"] == "test" and by_name["dim_persons"] in n["depends_on"]["nodes"]
    ]
    for key in tests:
        del nodes[key]
    findings = layer_findings(broken)
    assert findings["reads_downstream"] == [("int_person_touch_bounds", "fct_touchpoints")]
    assert findings["not_a_mart"] == ["rpt_channel_performance"]
    assert ("int_conversions_matched", 7) in findings["wide"]
    assert findings["undescribed"] == ["fct_ad_spend"]
    assert findings["untested"] == ["dim_persons"]


def attribution_model_names() -> list[str]:
    """The models macros/attribution/attribution_model_names.sql lists, read from the file."""
    text = (PROJECT_DIR / "macros/attribution/attribution_model_names.sql").read_text()
    return re.findall(r"'(\w+)'", text.split("return(", 1)[1])


def model_view_findings(manifest: dict) -> list[str]:
    """What is wrong with the per-model views: each attribution model has one view
    rpt_attribution_<model> over rpt_channel_performance, filtered on its own name."""
    views = {n["name"]: n for n in models(manifest) if n["name"].startswith("rpt_attribution_")}
    findings = []
    for name in attribution_model_names():
        view = views.get(f"rpt_attribution_{name}")
        if view is None:
            findings.append(f"rpt_attribution_{name}: missing")
            continue
        filters = re.findall(r"where attribution_model = '(\w+)'", view["raw_code"])
        if filters != [name]:
            findings.append(f"rpt_attribution_{name}: filters {filters}")
        parents = [p.rsplit(".", 1)[-1] for p in view["depends_on"]["nodes"]]
        if parents != ["rpt_channel_performance"] or view["config"]["materialized"] != "view":
            findings.append(f"rpt_attribution_{name}: not a view of rpt_channel_performance")
    return findings


def test_one_view_per_attribution_model(manifest):
    assert len(attribution_model_names()) == 7
    assert model_view_findings(manifest) == []
    broken = json.loads(json.dumps(manifest))
    for node in broken["nodes"].values():
        if node["name"] == "rpt_attribution_markov":
            node["raw_code"] = node["raw_code"].replace("= 'markov'", "= 'shapley'")
        if node["name"] == "rpt_attribution_linear":
            node["config"]["materialized"] = "table"
    assert model_view_findings(broken) == [
        "rpt_attribution_linear: not a view of rpt_channel_performance",
        "rpt_attribution_markov: filters ['shapley']",
    ]


def test_the_architecture_page_shows_the_manifest(manifest):
    page = (PROJECT_DIR / "docs" / "architecture.md").read_text()
    drawn = page[page.index(BEGIN) + len(BEGIN) : page.index(END)].strip()
    assert drawn == layer_map(manifest).strip(), (
        "docs/architecture.md is out of date: dbt parse && python scripts/architecture.py --write docs/architecture.md"
    )
    assert '"marts/core"' in drawn and "intermediate__journeys --> marts__core" in drawn


def test_every_macro_is_described_beside_it(manifest):
    """Every macro but an engine's implementation of a dispatched one has a
    description in the YAML of its own folder; generic tests live in
    macros/generic_tests/."""
    engine_prefixes = ("default__", "duckdb__", "postgres__", "spark__", "materialization_")
    macros = [m for m in manifest["macros"].values() if m["package_name"] == "mta"]
    assert len(macros) > 100
    undescribed = sorted(
        m["name"] for m in macros if not m["description"] and not m["name"].startswith(engine_prefixes)
    )
    assert not undescribed, f"macros without a description: {undescribed}"
    elsewhere = sorted(
        m["name"]
        for m in macros
        if m.get("patch_path")
        and m["patch_path"].split("://", 1)[1].rsplit("/", 1)[0] != m["original_file_path"].rsplit("/", 1)[0]
    )
    assert not elsewhere, f"macros described in another folder's YAML: {elsewhere}"
    misplaced = sorted(
        m["name"]
        for m in macros
        if m["name"].startswith("test_") and not m["original_file_path"].startswith("macros/generic_tests/")
    )
    assert not misplaced, f"generic tests outside macros/generic_tests/: {misplaced}"


def test_vars_have_one_default_and_ruled_vars_are_read_checked():
    """The defaults live in dbt_project.yml only: no var() call in the SQL
    restates one (two fallbacks of one var once disagreed). A var with a rule
    (macros/settings/var_rules.sql) is read through mta.setting, which checks it.
    Exceptions: mta_package_tests (its default is an expression, not a value)
    and mta_schema_layout (read by generate_schema_name, which a host project
    may call without this package's vars)."""
    rules = set(re.findall(r"'(mta_\w+)':", (PROJECT_DIR / "macros/settings/var_rules.sql").read_text()))
    assert len(rules) > 40
    restated, unchecked = [], []
    for folder in ("models", "macros", "analyses", "tests/data_tests"):
        for path in sorted((PROJECT_DIR / folder).rglob("*.sql")):
            text = path.read_text()
            for name in re.findall(r"(?<![\w.])var\(\s*['\"](mta_\w+)['\"]\s*,", text):
                if name not in ("mta_package_tests", "mta_schema_layout"):
                    restated.append(f"{path.relative_to(PROJECT_DIR)}: {name}")
            if path.parent.name != "settings":
                for name in re.findall(r"(?<![\w.])var\(\s*['\"](mta_\w+)['\"]\s*\)", text):
                    if name in rules:
                        unchecked.append(f"{path.relative_to(PROJECT_DIR)}: {name}")
    assert not restated, f"var() calls restating a default: {restated}"
    assert not unchecked, f"ruled vars read without mta.setting: {unchecked}"


def test_one_public_macro_per_file_named_after_it(manifest):
    """A macro file holds one public macro (with its engines' implementations
    and private `_` helpers), and the file is named after it; a generic test
    `test_x` lives in macros/generic_tests/x.sql."""
    engine_prefixes = ("default__", "duckdb__", "postgres__", "spark__")
    by_file: dict[str, set[str]] = {}
    for macro in manifest["macros"].values():
        if macro["package_name"] != "mta":
            continue
        name = macro["name"]
        for prefix in engine_prefixes:
            name = name.removeprefix(prefix)
        if name.startswith("_"):
            continue
        if name.startswith("materialization_"):
            # dbt names materialization X of adapter A `materialization_X_A`
            name = name.removeprefix("materialization_").rsplit("_", 1)[0]
        if macro["original_file_path"].startswith("macros/generic_tests/"):
            name = name.removeprefix("test_")
        by_file.setdefault(macro["original_file_path"], set()).add(name)
    assert len(by_file) > 100
    wrong = sorted(
        f"{path}: {sorted(names)}"
        for path, names in by_file.items()
        if names != {path.rsplit("/", 1)[1].removesuffix(".sql")}
    )
    assert not wrong, "\n".join(wrong)


def test_unit_test_names_fit_postgres(manifest):
    """dbt names a unit test's relation after the test: PostgreSQL refuses
    identifiers longer than 63 characters."""
    long_names = sorted(t["name"] for t in manifest["unit_tests"].values() if len(t["name"]) > 63)
    assert not long_names, long_names
