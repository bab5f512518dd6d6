"""What every page shares: the sidebar's filters, number formats and tables the browser test can read.

Numbers the test reads are in st.table (plain HTML tables) inside containers
with a key, which Streamlit renders as the CSS class `st-key-<key>`, and in
st.metric elements; never in st.dataframe, which draws on a canvas.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from dataclasses import dataclass

import pandas as pd
import streamlit as st

# The models in the order the README lists them; a model the marts add later is shown after these.
MODEL_ORDER = ("first_touch", "last_touch", "linear", "time_decay", "position_based", "markov", "shapley")
MODEL_LABELS = {
    "first_touch": "First touch",
    "last_touch": "Last touch",
    "linear": "Linear",
    "time_decay": "Time decay",
    "position_based": "Position based",
    "markov": "Markov",
    "shapley": "Shapley",
}
DASH = "—"


def model_label(model: str) -> str:
    return MODEL_LABELS.get(model, model.replace("_", " ").capitalize())


def ordered_models(models) -> list[str]:
    known = [m for m in MODEL_ORDER if m in set(models)]
    return known + sorted(set(models) - set(MODEL_ORDER))


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices. conversion_types are the types the numbers count (the primary
    types together, or one type); start and end bound report dates, both included."""

    models: tuple[str, ...]
    conversion_types: tuple[str, ...]
    conversion_type_label: str
    is_primary: bool
    start: dt.date
    end: dt.date

    def describe(self) -> str:
        return (
            f"{self.conversion_type_label} conversions, {self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}, "
            f"{len(self.models)} model{'s' if len(self.models) != 1 else ''}"
        )


# ---- number formats: one place, so the page and the test agree on what is shown


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def money(value) -> str:
    """Amounts in the reporting currency, whole units."""
    return DASH if is_missing(value) else f"{value:,.0f}"


def count(value, digits: int = 1) -> str:
    """Conversions are fractional under most models: one decimal."""
    return DASH if is_missing(value) else f"{value:,.{digits}f}"


def ratio(value) -> str:
    """ROAS and over-claim ratios: two decimals."""
    return DASH if is_missing(value) or math.isinf(value) else f"{value:,.2f}"


def percent(value, digits: int = 1) -> str:
    return DASH if is_missing(value) else f"{100 * value:,.{digits}f}%"


def with_interval(value, lower, upper, fmt) -> str:
    """`value (lower–upper)`; the value alone when there is no interval."""
    if is_missing(value):
        return DASH
    if is_missing(lower) or is_missing(upper):
        return fmt(value)
    return f"{fmt(value)} ({fmt(lower)}–{fmt(upper)})"


def safe_divide(numerator, denominator):
    if is_missing(numerator) or is_missing(denominator) or denominator == 0:
        return float("nan")
    return numerator / denominator


_MARKDOWN_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def plain(text) -> str:
    """st.table renders every cell as Markdown: escape the punctuation (CommonMark allows it
    before any ASCII punctuation) so names, paths and details show exactly as stored."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", str(text))


def show_table(key: str, frame: pd.DataFrame, caption: str | None = None, text: tuple[str, ...] = ()) -> None:
    """A static table of already formatted text, in a container the test finds by `.st-key-<key>`.
    The first column and the `text` columns are left-aligned, the others (numbers) right-aligned."""
    with st.container(key=key):
        if caption:
            st.caption(caption)
        if frame.empty:
            st.info("No rows for these filters.")
            return
        shown = frame.map(plain).rename(columns=plain)
        numbers = [plain(c) for c in frame.columns[1:] if c not in text]
        styler = shown.style.set_properties(subset=numbers, **{"text-align": "right !important"})
        st.table(styler, hide_index=True)


def metric(key: str, label: str, value: str, help: str | None = None) -> None:
    with st.container(key=key):
        st.metric(label, value, help=help)
