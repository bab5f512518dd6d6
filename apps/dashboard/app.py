"""The attribution dashboard: the marts of the published read copy, read-only.

Start it with `bash scripts/dashboard.sh` (it builds the demo warehouse first
when no read copy exists). It reads the read copy (MTA_READ_PATH, else
`<warehouse stem>.read.duckdb` beside DBT_DUCKDB_PATH) and never the warehouse
itself, so it never blocks a build; after a build publishes a new read copy,
the next page load or click shows it.

The sidebar's models, conversion type and date range apply to every page
that has those dimensions; the URL can set their first values:
`?models=linear,markov&type=purchase&start=2026-09-01&end=2026-09-30`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
from readcopy import ReadCopy, ReadCopyMissing, ReadCopyRefused, Reader, resolve_read_path  # noqa: E402
from views import channels, claims, paths, quality, revenue  # noqa: E402

st.set_page_config(page_title="Attribution", layout="wide")
# Less empty space above the title than Streamlit's default.
st.markdown("<style>[data-testid='stMainBlockContainer'] {padding-top: 2.5rem;}</style>", unsafe_allow_html=True)


@st.cache_resource
def read_copy() -> ReadCopy:
    """One ReadCopy per server process; it reopens the file when a build publishes a new one."""
    return ReadCopy(resolve_read_path())


def query_param_date(name: str, default: dt.date, low: dt.date, high: dt.date) -> dt.date:
    try:
        value = dt.date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return default
    return min(max(value, low), high)


def sidebar(reader: Reader) -> common.Filters:
    """The filters, from the sidebar's widgets (first values from the URL)."""
    choices = reader.df("""
        select
            list(distinct attribution_model) as models,
            list(distinct conversion_type) filter (where is_primary_conversion_type) as primary_types,
            list(distinct conversion_type) filter (where not is_primary_conversion_type) as other_types,
            min(report_date) as first_date,
            max(report_date) as last_date,
        from marts.rpt_channel_performance
    """).iloc[0]
    if choices["first_date"] is None or str(choices["first_date"]) == "NaT":
        st.warning("The read copy has no rows in marts.rpt_channel_performance yet: load data and build.")
        st.stop()
    models = common.ordered_models(choices["models"])
    primary = sorted(choices["primary_types"] if choices["primary_types"] is not None else [])
    others = sorted(choices["other_types"] if choices["other_types"] is not None else [])
    first_date, last_date = choices["first_date"].date(), choices["last_date"].date()

    wanted = [m for m in st.query_params.get("models", "").split(",") if m in models]
    chosen_models = st.sidebar.multiselect(
        "Models",
        models,
        default=wanted or models,
        format_func=common.model_label,
        help="Each model is a column of the tables, side by side.",
    )
    primary_label = "+".join(primary) + " (primary)" if primary else None
    type_options = ([primary_label] if primary_label else []) + others
    wanted_type = st.query_params.get("type", "")
    type_index = next(
        (
            i
            for i, option in enumerate(type_options)
            if option == wanted_type or (option == primary_label and wanted_type == "+".join(primary))
        ),
        0,
    )
    chosen_type = st.sidebar.selectbox(
        "Conversion type",
        type_options,
        index=type_index,
        help="Headline CPA and ROAS count the primary types (dbt var mta_primary_conversion_types); "
        "other types are never added to them.",
    )
    picked = st.sidebar.date_input(
        "Report dates",
        value=(
            query_param_date("start", first_date, first_date, last_date),
            query_param_date("end", last_date, first_date, last_date),
        ),
        min_value=first_date,
        max_value=last_date,
        help="Conversion date for credit (UTC), spend date for spend; both ends included.",
    )
    start, end = (picked[0], picked[-1]) if isinstance(picked, (tuple, list)) and picked else (first_date, last_date)
    is_primary = chosen_type == primary_label
    return common.Filters(
        models=tuple(m for m in models if m in chosen_models) or tuple(models),  # always in the README's order
        conversion_types=tuple(primary) if is_primary else (chosen_type,),
        conversion_type_label=chosen_type,
        is_primary=is_primary,
        start=start,
        end=end,
    )


def snapshot_note(reader: Reader) -> None:
    published = dt.datetime.fromtimestamp(reader.snapshot.modified_ns / 1e9, dt.UTC)
    st.sidebar.caption(
        f"Read copy `{reader.path.name}`, published {published:%Y-%m-%d %H:%M:%S} UTC "
        f"({reader.snapshot.size / 1e6:,.1f} MB), opened read-only. "
        "A newer build shows on the next page load or click."
    )


def main() -> None:
    try:
        reader = read_copy().reader()
    except (ReadCopyMissing, ReadCopyRefused) as error:
        st.title("Attribution")
        st.error(str(error))
        st.stop()
    filters = sidebar(reader)
    snapshot_note(reader)
    pages = [
        st.Page(
            lambda: channels.render(reader, filters), title="Channel performance", url_path="channels", default=True
        ),
        st.Page(lambda: claims.render(reader, filters), title="Platform claims", url_path="claims"),
        st.Page(lambda: revenue.render(reader, filters), title="Observed vs modeled revenue", url_path="revenue"),
        st.Page(lambda: paths.render(reader, filters), title="Top paths", url_path="paths"),
        st.Page(lambda: quality.render(reader, filters), title="Data quality", url_path="quality"),
    ]
    st.navigation(pages, position="top").run()


main()
