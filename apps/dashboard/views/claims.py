"""Platform claims against reality: what each ad platform says it drove, and what the warehouse can see."""

from __future__ import annotations

import altair as alt
import common
import pandas as pd
import streamlit as st
from readcopy import Reader

# ISO weeks that overlap the date range. Week-level columns repeat on every
# platform's and model's row of the week: take them once per week.
WEEKS_SQL = """
    select
        week_start,
        max(all_platforms_claimed_conversions) as claimed,
        max(deduplicated_platform_conversions) as deduplicated,
        max(observed_conversions) as observed,
        max(conversion_type) as conversion_type,
    from marts.rpt_platform_claims_vs_reality
    where week_start <= ? and week_start + 6 >= ?
    group by week_start
    order by week_start
"""

# Per platform: claims and touched conversions do not depend on the model; take them from one model's rows.
PLATFORMS_SQL = """
    select
        platform,
        attribution_model,
        sum(spend) as spend,
        sum(claimed_conversions) as claimed_conversions,
        sum(claimed_conversion_value) as claimed_conversion_value,
        sum(platform_touched_conversions) as touched_conversions,
        sum(attributed_conversions) as attributed_conversions,
        sum(attributed_revenue) as attributed_revenue,
    from marts.rpt_platform_claims_vs_reality
    where week_start <= ? and week_start + 6 >= ?
        and list_contains(?, attribution_model)
    group by platform, attribution_model
"""


def render(reader: Reader, filters: common.Filters) -> None:
    st.title("Platform claims against reality")
    weeks = reader.df(WEEKS_SQL, [filters.end, filters.start])
    if weeks.empty:
        st.info("No platform claims in these weeks (marts.rpt_platform_claims_vs_reality).")
        return
    types = weeks["conversion_type"].iloc[0]
    plural = "s" if len(weeks) != 1 else ""
    st.caption(
        f"ISO weeks overlapping {filters.start:%Y-%m-%d} to {filters.end:%Y-%m-%d} ({len(weeks)} week{plural}). "
        f"Like with like: the warehouse's side counts the primary conversion types ({types}), "
        "whatever the sidebar's conversion type. Claims are each platform's own numbers from ad spend."
    )
    claimed, real = weeks["claimed"].sum(), weeks["deduplicated"].sum()
    columns = st.columns(4)
    with columns[0]:
        common.metric(
            "metric-claimed",
            "Platforms claim",
            common.count(claimed, 0),
            help="Sum of every platform's claimed conversions.",
        )
    with columns[1]:
        common.metric(
            "metric-deduplicated",
            "Real, with a platform touch",
            common.count(real, 0),
            help="Distinct observed conversions with a touch of any platform: the most they could claim together.",
        )
    with columns[2]:
        common.metric(
            "metric-observed",
            "Observed conversions",
            common.count(weeks["observed"].sum(), 0),
            help="Every observed conversion of the primary types, whatever touched it.",
        )
    with columns[3]:
        common.metric("metric-claims-ratio", "Claimed ÷ real", common.ratio(common.safe_divide(claimed, real)))

    rows = reader.df(PLATFORMS_SQL, [filters.end, filters.start, list(filters.models)])
    first = filters.models[0]
    base = rows[rows["attribution_model"] == first].sort_values(
        ["claimed_conversions", "platform"], ascending=[False, True]
    )
    st.subheader("Claimed against credited, per platform")
    long = pd.concat(
        [
            base.assign(measure="claimed by the platform", value=base["claimed_conversions"])[
                ["platform", "measure", "value"]
            ],
            *[
                rows[rows["attribution_model"] == m].assign(
                    measure=f"credited: {common.model_label(m)}", value=lambda d: d["attributed_conversions"]
                )[["platform", "measure", "value"]]
                for m in filters.models
            ],
        ]
    )
    order = ["claimed by the platform"] + [f"credited: {common.model_label(m)}" for m in filters.models]
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("platform:N", sort=list(base["platform"]), title=None),
            y=alt.Y("value:Q", title="conversions"),
            color=alt.Color("measure:N", sort=order, title=None),
            xOffset=alt.XOffset("measure:N", sort=order),
            tooltip=["platform", "measure", alt.Tooltip("value:Q", format=",.1f")],
        )
        .properties(height=280)
    )
    st.altair_chart(chart, width="stretch")

    claims = pd.DataFrame(
        {
            "Platform": base["platform"],
            "Spend": base["spend"].map(common.money),
            "Claimed conversions": base["claimed_conversions"].map(lambda v: common.count(v, 0)),
            "Claimed value": base["claimed_conversion_value"].map(common.money),
            "Conversions touched": base["touched_conversions"].map(lambda v: common.count(v, 0)),
        }
    )
    ratios = pd.DataFrame({"Platform": base["platform"]})
    for model in filters.models:
        mine = base[["platform"]].merge(rows[rows["attribution_model"] == model], on="platform", how="left")
        claims[common.model_label(model)] = mine["attributed_conversions"].map(common.count).to_numpy()
        ratios[common.model_label(model)] = [
            common.ratio(common.safe_divide(c, a))
            for c, a in zip(mine["claimed_conversions"], mine["attributed_conversions"])
        ]
    common.show_table(
        "table-claims",
        claims.reset_index(drop=True),
        caption="Conversions touched: distinct observed conversions with one of the platform's "
        "touches in the path. Each model's column: the credit it gives the platform's touches.",
    )
    st.subheader("Over-claim ratio (claimed ÷ credited)")
    common.show_table(
        "table-over-claim",
        ratios.reset_index(drop=True),
        caption="1 means the platform claims what the model credits it; 3 means three times as much.",
    )

    st.subheader("Per week")
    weekly = pd.DataFrame(
        {
            "Week of": weeks["week_start"].map(lambda d: f"{d:%Y-%m-%d}"),
            "Platforms claim": weeks["claimed"].map(lambda v: common.count(v, 0)),
            "Real, with a platform touch": weeks["deduplicated"].map(lambda v: common.count(v, 0)),
            "Observed conversions": weeks["observed"].map(lambda v: common.count(v, 0)),
            "Claimed ÷ real": [
                common.ratio(common.safe_divide(c, r)) for c, r in zip(weeks["claimed"], weeks["deduplicated"])
            ],
        }
    )
    common.show_table("table-claims-weekly", weekly)
