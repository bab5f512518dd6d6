"""Channel performance: every model side by side, spend at its own grain, and the 90% intervals."""

from __future__ import annotations

import altair as alt
import common
import pandas as pd
import streamlit as st
from readcopy import Reader

# Credit of the chosen conversion types per channel and model, in the date range.
# rpt_channel_performance repeats spend on every model's and type's row, so spend
# is never read from it here: it comes from fct_ad_spend, at its own grain.
CREDIT_SQL = """
    select
        channel,
        attribution_model,
        sum(attributed_conversions) as attributed_conversions,
        sum(attributed_revenue) as attributed_revenue,
    from marts.rpt_channel_performance
    where list_contains(?, conversion_type)
        and list_contains(?, attribution_model)
        and report_date between ? and ?
    group by channel, attribution_model
"""

SPEND_SQL = """
    select
        channel,
        sum(spend) as spend,
        sum(clicks) as clicks,
        sum(impressions) as impressions,
        sum(platform_conversions) as platform_conversions,
    from marts.fct_ad_spend
    where spend_date between ? and ?
    group by channel
"""

INTERVAL_SQL = """
    select
        channel,
        attribution_model,
        window_start,
        window_end,
        sample_conversions,
        attributed_conversions,
        attributed_conversions_lower,
        attributed_conversions_upper,
        attributed_revenue,
        attributed_revenue_lower,
        attributed_revenue_upper,
        spend,
        roas,
        roas_lower,
        roas_upper,
        interval_level,
    from marts.rpt_attribution_intervals
    where interval_grain = 'channel'
        and list_contains(?, attribution_model)
        and (case when ? then is_headline else conversion_type = ? end)
"""


def pivot(credit: pd.DataFrame, spend: pd.DataFrame, models: tuple[str, ...]) -> pd.DataFrame:
    """One row per channel (with spend or credit): spend, then each model's conversions and revenue."""
    channels = sorted(set(credit["channel"]) | set(spend["channel"]))
    frame = pd.DataFrame({"channel": channels}).merge(spend, on="channel", how="left")
    for model in models:
        mine = credit[credit["attribution_model"] == model][["channel", "attributed_conversions", "attributed_revenue"]]
        mine = mine.rename(
            columns={"attributed_conversions": f"conversions:{model}", "attributed_revenue": f"revenue:{model}"}
        )
        frame = frame.merge(mine, on="channel", how="left")
    value_columns = [c for c in frame.columns if c != "channel"]
    frame[value_columns] = frame[value_columns].fillna(0.0)
    order_by = f"revenue:{models[0]}" if models else "spend"
    return frame.sort_values(["spend", order_by, "channel"], ascending=[False, False, True]).reset_index(drop=True)


def with_total(frame: pd.DataFrame) -> pd.DataFrame:
    total = frame.drop(columns="channel").sum().to_frame().T
    total.insert(0, "channel", "Total")
    return pd.concat([frame, total], ignore_index=True)


def render(reader: Reader, filters: common.Filters) -> None:
    st.title("Channel performance")
    st.caption(
        f"{filters.describe()}. Amounts in the reporting currency. Credit counts conversions by their UTC "
        "date; spend by the platform's spend date (fct_ad_spend, at its own grain, so it is never summed "
        "across models)."
    )
    types, models = list(filters.conversion_types), list(filters.models)
    credit = reader.df(CREDIT_SQL, [types, models, filters.start, filters.end])
    spend = reader.df(SPEND_SQL, [filters.start, filters.end])
    table = with_total(pivot(credit, spend, filters.models))
    total = table.iloc[-1]

    first = filters.models[0]
    columns = st.columns(5)
    with columns[0]:
        common.metric(
            "metric-spend",
            "Spend",
            common.money(total["spend"]),
            help="fct_ad_spend in the date range (reporting currency).",
        )
    with columns[1]:
        common.metric(
            "metric-conversions",
            "Attributed conversions",
            common.count(total[f"conversions:{first}"]),
            help="Every model credits each conversion once in all, so the total is the same under "
            f"every model; shown under {common.model_label(first)}.",
        )
    with columns[2]:
        common.metric("metric-revenue", "Attributed revenue", common.money(total[f"revenue:{first}"]))
    with columns[3]:
        common.metric(
            "metric-roas",
            "ROAS",
            common.ratio(common.safe_divide(total[f"revenue:{first}"], total["spend"])),
            help="Attributed revenue of every channel / all spend.",
        )
    with columns[4]:
        common.metric(
            "metric-platform-conversions",
            "Platforms claim",
            common.count(total["platform_conversions"]),
            help="Conversions the ad platforms' own dashboards claim (see Platform claims).",
        )

    st.subheader("Attributed revenue by channel and model")
    chart_data = credit.assign(model=credit["attribution_model"].map(common.model_label))
    chart = (
        alt.Chart(chart_data)
        .mark_bar()
        .encode(
            x=alt.X("channel:N", sort="-y", title=None),
            y=alt.Y("sum(attributed_revenue):Q", title="attributed revenue"),
            color=alt.Color("model:N", sort=[common.model_label(m) for m in models], title="model"),
            xOffset=alt.XOffset("model:N", sort=[common.model_label(m) for m in models]),
            tooltip=["channel", "model", alt.Tooltip("sum(attributed_revenue):Q", format=",.0f")],
        )
        .properties(height=280)
    )
    st.altair_chart(chart, width="stretch")

    revenue = pd.DataFrame({"Channel": table["channel"], "Spend": table["spend"].map(common.money)})
    for model in models:
        revenue[common.model_label(model)] = table[f"revenue:{model}"].map(common.money)
    common.show_table("table-revenue", revenue)

    st.subheader("ROAS by channel and model")
    roas = pd.DataFrame({"Channel": table["channel"], "Spend": table["spend"].map(common.money)})
    for model in models:
        roas[common.model_label(model)] = [
            common.ratio(common.safe_divide(r, s)) for r, s in zip(table[f"revenue:{model}"], table["spend"])
        ]
    common.show_table(
        "table-roas", roas[table["spend"] > 0], caption="Attributed revenue / spend, for channels with spend."
    )

    st.subheader("Attributed conversions by channel and model")
    conversions = pd.DataFrame({"Channel": table["channel"], "Clicks": table["clicks"].map(lambda v: f"{v:,.0f}")})
    for model in models:
        conversions[common.model_label(model)] = table[f"conversions:{model}"].map(common.count)
    common.show_table(
        "table-conversions",
        conversions,
        caption="Fractional: a conversion's credit is split over the touches of its path.",
    )

    intervals(reader, filters)


def intervals(reader: Reader, filters: common.Filters) -> None:
    rows = reader.df(INTERVAL_SQL, [list(filters.models), filters.is_primary, filters.conversion_types[0]])
    st.subheader("How sure: intervals over the latest weeks")
    if rows.empty:
        st.info("No intervals for this conversion type (marts.rpt_attribution_intervals).")
        return
    level = rows["interval_level"].iloc[0]
    window = f"{rows['window_start'].min():%Y-%m-%d} to {rows['window_end'].max():%Y-%m-%d}"
    st.caption(
        f"{level:.0%} intervals from a bootstrap of conversions, over the mart's own window ({window}; "
        "the sidebar's dates do not apply). Read a channel's number as anywhere in its interval; "
        "a channel resting on few conversions has a wide one."
    )
    channels = (
        rows.groupby("channel", as_index=False)
        .agg(sample_conversions=("sample_conversions", "max"), spend=("spend", "max"))
        .sort_values(["spend", "sample_conversions", "channel"], ascending=[False, False, True])
    )
    revenue = pd.DataFrame(
        {
            "Channel": channels["channel"],
            "Conversions in sample": channels["sample_conversions"].map(lambda v: f"{v:,.0f}"),
        }
    )
    roas = pd.DataFrame({"Channel": channels["channel"], "Spend": channels["spend"].map(common.money)})
    for model in filters.models:
        mine = channels[["channel"]].merge(rows[rows["attribution_model"] == model], on="channel", how="left")
        revenue[common.model_label(model)] = [
            common.with_interval(v, lo, hi, common.money)
            for v, lo, hi in zip(
                mine["attributed_revenue"], mine["attributed_revenue_lower"], mine["attributed_revenue_upper"]
            )
        ]
        roas[common.model_label(model)] = [
            common.with_interval(v, lo, hi, common.ratio)
            for v, lo, hi in zip(mine["roas"], mine["roas_lower"], mine["roas_upper"])
        ]
    common.show_table(
        "table-revenue-intervals", revenue.reset_index(drop=True), caption="Attributed revenue (interval)."
    )
    common.show_table(
        "table-roas-intervals",
        roas[channels["spend"].fillna(0).to_numpy() > 0].reset_index(drop=True),
        caption="ROAS (interval), for channels with spend in the window.",
    )
