"""Governance of the dbt project, read from its parsed manifest (no warehouse needed).

- Every model belongs to a group with an owner; exactly the relations with an
  enforced contract are `access: public`.
- The exposures: the dashboard and every export file, each on public models.
- The docs site has an overview page.
- Public money columns say their currency, public ratio and share columns say
  they are ratios or shares.
- Semantic models read public models only.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import run_dbt

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
