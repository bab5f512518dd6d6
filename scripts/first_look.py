#!/usr/bin/env python3
"""A first look at a built warehouse: where did the last 28 days' purchase revenue come from?

Usage: python scripts/first_look.py [--db attribution.read.duckdb] [--days 28]

Reads the read copy (MTA_READ_PATH, default attribution.read.duckdb; else the
warehouse) read-only and prints, per channel, the purchase revenue credited
under last touch, position based, Markov and Shapley, and what the channel
cost, ordered by Shapley revenue. Then the query to run yourself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from warehouse_files import read_copy_path, warehouse_path  # noqa: E402

MODELS = ("last_touch", "position_based", "markov", "shapley")

QUERY = """
with last_day as (
    select max(cast(converted_at as date)) as day from marts.fct_conversions where conversion_type = 'purchase'
),
credits as (
    select credits.channel, credits.attribution_model, sum(credits.attributed_revenue) as revenue
    from marts.fct_attribution_credits as credits, last_day
    where credits.conversion_type = 'purchase'
        and cast(credits.converted_at as date) > last_day.day - {days}
    group by all
),
spend as (
    select performance.channel, sum(performance.spend) as spend
    from marts.rpt_channel_performance as performance, last_day
    where performance.attribution_model = 'shapley'
        and performance.report_date > last_day.day - {days}
    group by all
)
select
    coalesce(credits.channel, spend.channel) as channel,
    {model_columns},
    coalesce(spend.spend, 0) as spend
from credits
full outer join spend on credits.channel = spend.channel
group by all
order by shapley desc nulls last, channel
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the DuckDB file to read (default: the read copy)")
    parser.add_argument("--days", type=int, default=28)
    args = parser.parse_args()
    db = args.db or (read_copy_path() if read_copy_path().exists() else warehouse_path())
    model_columns = ",\n    ".join(
        f"coalesce(sum(case when credits.attribution_model = '{m}' then credits.revenue end), 0) as {m}" for m in MODELS
    )
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(QUERY.format(days=args.days, model_columns=model_columns)).fetchall()
    except duckdb.Error as error:
        print(f"first_look: {db} has no built marts yet ({str(error).splitlines()[0]})", file=sys.stderr)
        return 1
    finally:
        con.close()
    header = ("channel", *MODELS, "spend")
    print(f"\nWhere did the last {args.days} days' purchase revenue come from? ({db.name}, USD)\n")
    widths = [max(len(h), 14) for h in header]
    print("  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(header, widths))))
    for row in rows:
        cells = [row[0] or "(none)"] + [f"{v:,.2f}" for v in row[1:]]
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))))
    print("\nLast touch credits the closer; Markov and Shapley spread credit by each channel's measured effect")
    print("on conversion (docs/attribution-semantics.md). Next: marts.rpt_channel_performance (ROAS, CPA per")
    print(
        f"model), marts.rpt_platform_claims_vs_reality, and the README. Read-only: duckdb.connect('{db}', read_only=True)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
