"""Copy a warehouse's raw contract tables into this project's landing database.

The integration project reads its raw tables where a loader of its own would
have put them: another DuckDB file (attached as database `landing` in
profiles.yml), schema `mta_input`, tables `src_<table>` (the vars in
dbt_project.yml). This copies them from a file the demo generator (or
scripts/load_raw.py) wrote, schema `raw`:

    python load_landing.py --from ../attribution.duckdb --to landing.duckdb

tests/python/test_package.py uses the same function.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

RAW_TABLES = (
    "web_events",
    "ad_clicks",
    "message_events",
    "crm_contacts",
    "crm_deals",
    "crm_deal_stage_history",
    "conversions",
    "ad_spend",
    "lift_tests",
)


def load_landing(source: Path, landing: Path, source_schema: str = "raw") -> list[str]:
    """Replace schema mta_input of `landing` with a copy of the raw contract tables of
    `source` (schema `source_schema`), renamed src_<table>. Returns the tables copied."""
    con = duckdb.connect(str(landing))
    try:
        con.execute(f"attach '{source}' as source_warehouse (read_only)")
        present = {
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables "
                "where table_catalog = 'source_warehouse' and table_schema = ?",
                [source_schema],
            ).fetchall()
        }
        if "conversions" not in present:
            raise SystemExit(f"{source}: no table {source_schema}.conversions (the one required raw table)")
        copied = sorted(present & set(RAW_TABLES))
        con.execute("drop schema if exists mta_input cascade")
        con.execute("create schema mta_input")
        for table in copied:
            con.execute(
                f'create table mta_input."src_{table}" as select * from source_warehouse."{source_schema}"."{table}"'
            )
        return copied
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source", type=Path, required=True, help="DuckDB file with schema raw")
    parser.add_argument("--to", dest="landing", type=Path, default=Path("landing.duckdb"), help="landing DuckDB file")
    args = parser.parse_args()
    copied = load_landing(args.source, args.landing)
    print(f"{args.landing}: mta_input.src_<table> for {', '.join(copied)}")


if __name__ == "__main__":
    main()
