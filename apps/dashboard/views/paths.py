"""The top paths: which exact channel sequences convert, and how often they do."""

from __future__ import annotations

import altair as alt
import common
import pandas as pd
import streamlit as st
from readcopy import Reader

TOTALS_SQL = """
    select
        count(*) as paths,
        sum(converting_journeys) as converting_journeys,
        sum(non_converting_journeys) as non_converting_journeys,
    from marts.rpt_conversion_paths
"""

TOP_SQL = """
    select *
    from marts.rpt_conversion_paths
    where path_rank <= ?
    order by path_rank
"""


def render(reader: Reader, filters: common.Filters) -> None:
    st.title("Top paths")
    st.caption(
        "Exact channel paths of journeys (oldest touch first), converting and not, over all dates and "
        "conversion types (marts.rpt_conversion_paths; the sidebar's filters do not apply). Rank: most "
        "converting journeys, then revenue."
    )
    paths, converting, non_converting = reader.df(TOTALS_SQL).iloc[0]
    top = int(st.number_input("Paths to show", min_value=5, max_value=200, value=20, step=5, key="paths-top"))
    rows = reader.df(TOP_SQL, [top])
    columns = st.columns(4)
    with columns[0]:
        common.metric("metric-paths", "Distinct paths", f"{paths:,.0f}")
    with columns[1]:
        common.metric("metric-converting", "Converting journeys", f"{converting:,.0f}")
    with columns[2]:
        common.metric("metric-non-converting", "Journeys without a conversion", f"{non_converting:,.0f}")
    with columns[3]:
        common.metric(
            "metric-top-share",
            f"Top {top} paths' share of conversions",
            common.percent(rows["share_of_conversions"].sum()),
        )

    chart = (
        alt.Chart(rows.head(15))
        .mark_bar()
        .encode(
            y=alt.Y(
                "channel_path:N", sort=list(rows["channel_path"].head(15)), title=None, axis=alt.Axis(labelLimit=420)
            ),
            x=alt.X("converting_journeys:Q", title="converting journeys"),
            tooltip=["channel_path", "converting_journeys", alt.Tooltip("conversion_rate:Q", format=".1%")],
        )
        .properties(height=24 * min(len(rows), 15) + 40)
    )
    st.altair_chart(chart, width="stretch")
    table = pd.DataFrame(
        {
            "Rank": rows["path_rank"].map(str),
            "Path": rows["channel_path"],
            "Conversions": rows["converting_journeys"].map(lambda v: f"{v:,.0f}"),
            "Without conversion": rows["non_converting_journeys"].map(lambda v: f"{v:,.0f}"),
            "Conversion rate": rows["conversion_rate"].map(common.percent),
            "Revenue": rows["revenue"].map(common.money),
            "Share of conversions": rows["share_of_conversions"].map(common.percent),
            "Touches": rows["avg_converting_touchpoints"].map(common.count),
        }
    )
    common.show_table("table-paths", table, text=("Path",))
