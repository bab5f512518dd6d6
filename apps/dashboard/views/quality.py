"""The data-quality checks: each check's latest result, and how often it warned."""

from __future__ import annotations

import common
import pandas as pd
import streamlit as st
from readcopy import Reader

# One row per check: its latest day's result, and over all its days how many warned.
CHECKS_SQL = """
    with ranked as (
        select
            *,
            row_number() over (partition by check_name order by check_date desc, check_id) as recency,
        from marts.rpt_data_quality
    ),

    history as (
        select
            check_name,
            count(*) as days_checked,
            count(*) filter (where status = 'warn') as days_warned,
        from marts.rpt_data_quality
        group by check_name
    )

    select
        ranked.check_name,
        ranked.check_date,
        ranked.value,
        ranked.threshold,
        ranked.status,
        ranked.details,
        history.days_checked,
        history.days_warned,
    from ranked
    inner join history on ranked.check_name = history.check_name
    where ranked.recency = 1
    order by ranked.status = 'warn' desc, history.days_warned desc, ranked.check_name
"""

WARNINGS_SQL = """
    select check_date, check_name, value, threshold, details
    from marts.rpt_data_quality
    where status = 'warn'
    order by check_date desc, check_name, check_id
    limit 25
"""


def number(value) -> str:
    """Check values are counts, shares, ratios or bits: whole numbers as they are, others to four
    decimals without trailing zeros, and a tiny non-zero value (a rounding gap) in scientific notation."""
    if common.is_missing(value):
        return common.DASH
    if float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) < 0.001:
        return f"{value:.2e}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def render(reader: Reader, filters: common.Filters) -> None:
    st.title("Data quality")
    st.caption(
        "marts.rpt_data_quality: one row per check and day (the sidebar's filters do not apply). "
        "A check warns when its value is above its threshold (dbt vars mta_dq_<check>_threshold); "
        "warnings never stop the build."
    )
    checks = reader.df(CHECKS_SQL)
    if checks.empty:
        st.info("No data-quality rows in the read copy.")
        return
    warning = int((checks["status"] == "warn").sum())
    columns = st.columns(3)
    with columns[0]:
        common.metric("metric-checks", "Checks", f"{len(checks):,}")
    with columns[1]:
        common.metric("metric-warning", "Warning on their latest day", f"{warning:,}")
    with columns[2]:
        common.metric("metric-passing", "Passing on their latest day", f"{len(checks) - warning:,}")

    table = pd.DataFrame(
        {
            "Check": checks["check_name"],
            "Status": checks["status"].map(lambda s: "⚠️ warn" if s == "warn" else "✅ pass"),
            "Latest day": checks["check_date"].map(lambda d: f"{d:%Y-%m-%d}"),
            "Value": checks["value"].map(number),
            "Threshold": checks["threshold"].map(number),
            "Days warned": [f"{w:,} of {n:,}" for w, n in zip(checks["days_warned"], checks["days_checked"])],
            "Details": checks["details"].fillna(""),
        }
    )
    common.show_table("table-checks", table, text=("Status", "Details"))

    st.subheader("Latest warnings")
    warnings = reader.df(WARNINGS_SQL)
    common.show_table(
        "table-warnings",
        pd.DataFrame(
            {
                "Day": warnings["check_date"].map(lambda d: f"{d:%Y-%m-%d}"),
                "Check": warnings["check_name"],
                "Value": warnings["value"].map(number),
                "Threshold": warnings["threshold"].map(number),
                "Details": warnings["details"].fillna(""),
            }
        ),
        caption="The 25 most recent warning rows, newest first.",
        text=("Check", "Details"),
    )
