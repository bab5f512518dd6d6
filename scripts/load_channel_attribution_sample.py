#!/usr/bin/env python3
"""Load a path-count file into a DuckDB table the data-driven models can read.

The input is the format of the ChannelAttribution sample (the 10,000-path
`data.csv.gz` that the MIT-licensed PyPI package `mta` ships, copied to
tests/fixtures/data_driven/channel_attribution_sample.csv.gz): one row per
distinct path with columns `path` (channels joined by ' > '),
`total_conversions`, `total_null` and optionally `total_conversion_value`.

The output table has one row per path x touch, in the shape that
int_data_driven_paths accepts through var mta_data_driven_paths_relation:
journey_id, touch_position, channel, conversions, non_conversions,
conversion_value (the path's weights repeated on each of its touches). The
split is set-based SQL inside DuckDB.

Usage:
  scripts/load_channel_attribution_sample.py --db /tmp/x/paths.duckdb
  dbt build --select +rpt_markov_removal_effects +rpt_shapley_channel_values \
      --vars '{mta_data_driven_paths_relation: main.channel_attribution_paths}'
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import duckdb_storage  # noqa: E402

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = PROJECT_DIR / "tests" / "fixtures" / "data_driven" / "channel_attribution_sample.csv.gz"


def package_sample() -> Path:
    """The sample inside an installed `mta` package, if there is one."""
    import importlib.util

    spec = importlib.util.find_spec("mta")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("package `mta` is not installed; use --source")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "data.csv.gz"


def load(db: Path, source: Path, table: str, separator: str = " > ") -> int:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?", table):
        raise SystemExit(f"invalid table name: {table}")
    con = duckdb_storage.connect(db)
    try:
        if "." in table:
            con.execute(f"create schema if not exists {table.split('.')[0]}")
        columns = {row[0] for row in con.execute("select * from read_csv_auto(?) limit 0", [str(source)]).description}
        value = "total_conversion_value" if "total_conversion_value" in columns else "0"
        con.execute(
            f"""
            create or replace table {table} as
            with source_paths as (
                select
                    cast(row_number() over () as varchar) as journey_id,
                    string_split(path, ?) as channels,
                    cast(coalesce(total_conversions, 0) as double) as conversions,
                    cast(coalesce(total_null, 0) as double) as non_conversions,
                    cast(coalesce({value}, 0) as double) as conversion_value
                from read_csv_auto(?)
            ),
            touches as (
                select
                    journey_id,
                    generate_subscripts(channels, 1) as touch_position,
                    trim(unnest(channels)) as channel,
                    conversions,
                    non_conversions,
                    conversion_value
                from source_paths
            )
            select * from touches
            where channel <> ''
            order by journey_id, touch_position
            """,
            [separator, str(source)],
        )
        return con.execute(f"select count(distinct journey_id) from {table}").fetchone()[0]
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, type=Path, help="DuckDB file to write")
    parser.add_argument("--table", default="main.channel_attribution_paths", help="[schema.]table to create")
    parser.add_argument("--source", type=Path, default=None, help=f"path-count CSV (default: {DEFAULT_SOURCE})")
    parser.add_argument("--from-package", action="store_true", help="read the sample from an installed `mta` package")
    parser.add_argument("--separator", default=" > ", help="channel separator inside `path`")
    args = parser.parse_args()
    source = package_sample() if args.from_package else (args.source or DEFAULT_SOURCE)
    journeys = load(args.db, source, args.table, args.separator)
    print(f"loaded {journeys} paths from {source} into {args.db}:{args.table}")


if __name__ == "__main__":
    main()
