"""Nothing in the daily build depends on the raw tables' physical types.

The raw contract says "decimal": a warehouse loaded by another tool holds
DECIMAL(18,4), DECIMAL(38,9), REAL or INTEGER where the generator writes
DOUBLE and BIGINT. The same demo data is built twice with the documented
daily command (`dbt build --exclude-resource-type unit_test`): once as the
generator types it, once with every numeric raw column DECIMAL(38,9). Every
public relation must be equal (text, keys, decimals and integers identical;
floats to 1e-9 relative). DECIMAL cannot hold NaN or infinity, so both copies
first replace the few non-finite amounts the generator plants with null.
(Other types and shapes: test_alien_warehouse.py.)
"""

from __future__ import annotations

import warnings

from conftest import generate, run_dbt
from warehouse_tools import (
    BUILD_ARGS,
    TRUST_SCALE,
    TRUST_SEED,
    connect,
    public_relation_differences,
    session_warehouse,
)

NUMERIC_TYPES = ("DOUBLE", "FLOAT", "REAL", "BIGINT", "INTEGER", "HUGEINT", "SMALLINT")


def numeric_raw_columns(con) -> list[tuple[str, str, str]]:
    return con.execute(f"""
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'raw' and data_type in {NUMERIC_TYPES}
        order by table_name, column_name
    """).fetchall()


def build_typed(work_dir, numeric_type: str | None):
    db_path = work_dir / "attribution.duckdb"
    generate(db_path, TRUST_SCALE, TRUST_SEED)
    con = connect(db_path, read_only=False)
    for table, column, data_type in numeric_raw_columns(con):
        if data_type in ("DOUBLE", "FLOAT", "REAL"):
            con.execute(f"update raw.{table} set {column} = null where isnan({column}) or isinf({column})")
        if numeric_type:
            con.execute(f"alter table raw.{table} alter column {column} type {numeric_type}")
    if numeric_type:
        assert {t for _, _, t in numeric_raw_columns(con)} == set(), "a numeric raw column kept its type"
    con.close()
    run_dbt(BUILD_ARGS, db_path, work_dir)
    return db_path


def test_decimal_and_double_raw_columns_give_equal_public_relations(tmp_path_factory):
    as_generated = session_warehouse("typed_double", tmp_path_factory, lambda d: build_typed(d, None))
    as_decimal = session_warehouse("typed_decimal", tmp_path_factory, lambda d: build_typed(d, "decimal(38,9)"))
    con = connect(as_generated)
    numeric_columns = len(numeric_raw_columns(con))
    con.close()
    con = connect(as_decimal)
    decimal_columns = con.execute("""
        select count(*) from information_schema.columns
        where table_schema = 'raw' and data_type = 'DECIMAL(38,9)'
    """).fetchone()[0]
    con.close()
    # every money and count column of the contract (cost, amount, revenue, spend, impressions, ...)
    assert numeric_columns >= 8 and decimal_columns == numeric_columns, (numeric_columns, decimal_columns)
    differences, noise = public_relation_differences(as_generated, as_decimal)
    assert not differences, "public relations differ between DOUBLE and DECIMAL raw columns:\n" + "\n".join(differences)
    if noise:
        warnings.warn(f"floats differ below 1e-9 in: {', '.join(noise)}", stacklevel=1)
