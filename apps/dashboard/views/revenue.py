"""Observed against modeled revenue: conversions we can see a path for, and those we cannot."""

from __future__ import annotations

import altair as alt
import common
import pandas as pd
import streamlit as st
from readcopy import Reader

SQL = """
    select
        attribution_model,
        channel,
        observed_revenue,
        modeled_revenue,
        total_revenue,
        modeled_ai_influenced_revenue,
        observed_conversions,
        modeled_conversions,
        confidence,
    from marts.rpt_revenue_observed_vs_modeled
    where list_contains(?, attribution_model)
"""


def render(reader: Reader, filters: common.Filters) -> None:
    st.title("Observed against modeled revenue")
    st.caption(
        "All dates and attributable conversion types, as the mart keeps them (the sidebar's models apply). "
        "Observed: conversions with a path, credited by the model. Modeled: conversions without one, spread "
        "over channels by the model's mix of observed conversions of the same type and week (never to "
        "direct). AI-influenced: conversions whose contact named an AI assistant and whose path has no "
        "ai_search touch; already counted in observed or modeled under another channel, never added."
    )
    rows = reader.df(SQL, [list(filters.models)])
    if rows.empty:
        st.info("No rows in marts.rpt_revenue_observed_vs_modeled.")
        return

    totals = rows.groupby("attribution_model")[
        ["observed_revenue", "modeled_revenue", "total_revenue", "modeled_ai_influenced_revenue"]
    ].sum()
    totals = totals.loc[[m for m in filters.models if m in totals.index]]
    first = totals.iloc[0]
    columns = st.columns(4)
    with columns[0]:
        common.metric("metric-observed-revenue", "Observed revenue", common.money(first["observed_revenue"]))
    with columns[1]:
        common.metric("metric-modeled-revenue", "Modeled revenue", common.money(first["modeled_revenue"]))
    with columns[2]:
        common.metric(
            "metric-modeled-share",
            "Modeled share",
            common.percent(common.safe_divide(first["modeled_revenue"], first["total_revenue"])),
        )
    with columns[3]:
        common.metric(
            "metric-ai-influenced", "AI-influenced (modeled)", common.money(first["modeled_ai_influenced_revenue"])
        )

    st.subheader("Per model")
    per_model = pd.DataFrame(
        {
            "Model": [common.model_label(m) for m in totals.index],
            "Observed": totals["observed_revenue"].map(common.money).to_numpy(),
            "Modeled": totals["modeled_revenue"].map(common.money).to_numpy(),
            "Total": totals["total_revenue"].map(common.money).to_numpy(),
            "AI-influenced": totals["modeled_ai_influenced_revenue"].map(common.money).to_numpy(),
        }
    )
    common.show_table(
        "table-revenue-models",
        per_model,
        caption="Every model splits the same revenue: totals differ only in the channel mix.",
    )

    st.subheader("Per channel")
    model = st.selectbox("Model", list(totals.index), format_func=common.model_label, key="revenue-model")
    mine = rows[rows["attribution_model"] == model].sort_values(["total_revenue", "channel"], ascending=[False, True])
    long = pd.concat(
        [
            mine.assign(basis="observed", revenue=mine["observed_revenue"]),
            mine.assign(basis="modeled", revenue=mine["modeled_revenue"]),
        ]
    )[["channel", "basis", "revenue"]]
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("channel:N", sort=list(mine["channel"]), title=None),
            y=alt.Y("revenue:Q", stack=True, title="revenue"),
            color=alt.Color("basis:N", sort=["observed", "modeled"], title=None),
            tooltip=["channel", "basis", alt.Tooltip("revenue:Q", format=",.0f")],
        )
        .properties(height=280)
    )
    st.altair_chart(chart, width="stretch")
    channels = pd.DataFrame(
        {
            "Channel": mine["channel"],
            "Observed": mine["observed_revenue"].map(common.money),
            "Modeled": mine["modeled_revenue"].map(common.money),
            "Total": mine["total_revenue"].map(common.money),
            "Modeled share": [
                common.percent(common.safe_divide(m, t)) for m, t in zip(mine["modeled_revenue"], mine["total_revenue"])
            ],
            "Confidence": mine["confidence"].map(lambda v: common.DASH if common.is_missing(v) else v),
            "AI-influenced": mine["modeled_ai_influenced_revenue"].map(common.money),
        }
    )
    common.show_table(
        "table-revenue-channels",
        channels.reset_index(drop=True),
        caption=f"{common.model_label(model)}. Confidence: how many observed conversions the modeled "
        "cohorts' mix rests on (by default high >= 30, medium >= 10, else low).",
    )
