"""Money in the public relations is a decimal rounded to the cent.

Every column of the schemas marts, exports and audit whose name says it
holds money (revenue, spend, cost, amounts, claimed values; not ratios,
shares, percentages or standard errors) is DECIMAL(18,2), so no public value
reads 58.529999999999994. Credits shared out in cents add up exactly: under
every model, a conversion's attributed revenue is its revenue to the cent,
with no tolerance.
"""

from __future__ import annotations

import re

MONEY = re.compile(r"(^|_)(revenue|spend|cost|amount|value)(_|$)")
# not money: ratios and shares, and the figure of a data-quality check (rpt_data_quality.value and
# the check views' check_value), which is in the check's own unit (a count, a share, bits, a gap)
NOT_MONEY = re.compile(r"(ratio|share|pct|standard_error|^value$|^check_value$)")


def test_money_columns_are_decimals_to_the_cent(db):
    columns = db.execute("""
        select table_schema || '.' || table_name, column_name, data_type
        from information_schema.columns
        where table_schema in ('marts', 'exports', 'audit')
    """).fetchall()
    # numbers with a fraction, named as money (ids, dates, labels and counts are not amounts)
    money = [
        (r, c, t)
        for r, c, t in columns
        if MONEY.search(c) and not NOT_MONEY.search(c) and t.split("(")[0] in ("DOUBLE", "FLOAT", "REAL", "DECIMAL")
    ]
    assert len(money) > 60, f"expected many money columns, found {len(money)}"
    wrong = [(r, c, t) for r, c, t in money if t != "DECIMAL(18,2)"]
    assert not wrong, f"money columns that are not DECIMAL(18,2): {wrong}"


def test_attributed_revenue_adds_up_to_the_conversion_to_the_cent(db):
    off = db.execute("""
        select attribution_model, count(*)
        from (
            select conversion_id, attribution_model, path_transform,
                sum(attributed_revenue) as attributed, max(conversion_revenue) as revenue
            from marts.fct_attribution_credits
            group by all
        )
        where attributed <> revenue
        group by all
    """).fetchall()
    assert not off, f"conversions whose attributed revenue is not their revenue to the cent: {off}"
    conversions = db.execute("""
        select count(*) from marts.fct_conversions as c
        inner join (select distinct conversion_id, conversion_revenue from marts.fct_attribution_credits) as a
            on c.conversion_id = a.conversion_id
        where c.revenue <> a.conversion_revenue
    """).fetchone()[0]
    assert conversions == 0
