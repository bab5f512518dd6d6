"""Two `dbt build` runs in a row, with no new data, give identical public relations.

The first build is the hostile warehouse (demo data plus hostile rows, so ties
between duplicate rows and 100 KB strings are covered); the second build runs
on a copy of it. Every relation of the schemas marts, exports and audit is
fingerprinted before and after: columns and types, row count, and the xor and
the sum of the hashes of all rows (order independent; the sum also catches a
doubled row).

Non-float columns (text, ids, timestamps, integers, decimals such as exported
money) must be identical. Float columns are compared row by row with a
relative tolerance of 1e-9 (the tolerance issue 7 sets for the equivalence of
incremental and full builds): DuckDB's parallel float sums are not
bit-reproducible, and the Markov/Shapley credits differ in their last bits
(about 1e-15 relative) between two runs. Those relations are reported as a
warning; a float that moves by more than 1e-9 is a failure.
"""

from __future__ import annotations

import warnings

from conftest import run_dbt
from warehouse_tools import (
    BUILD_ARGS,
    PUBLIC_SCHEMAS,
    checksums,
    connect,
    copy_warehouse,
    float_mismatches,
    hostile_warehouse,
)

FLOAT_TOLERANCE = 1e-9


def test_second_build_gives_identical_public_relations(tmp_path_factory):
    first = hostile_warehouse(tmp_path_factory)
    work_dir = tmp_path_factory.mktemp("idempotency")
    second = copy_warehouse(first, work_dir)

    con = connect(first)
    before, before_exact = checksums(con, PUBLIC_SCHEMAS, skip_floats=True), checksums(con, PUBLIC_SCHEMAS)
    con.close()
    assert len(before) > 30 and {"marts", "exports", "audit"} <= {r.split(".")[0] for r in before}
    assert all(checksum[1] > 0 for r, checksum in before.items() if r.startswith("marts.fct_")), before

    run_dbt(BUILD_ARGS, second, work_dir)

    con = connect(second)
    after, after_exact = checksums(con, PUBLIC_SCHEMAS, skip_floats=True), checksums(con, PUBLIC_SCHEMAS)
    con.close()
    assert sorted(after) == sorted(before), "the set of public relations changed"
    changed = {r: (before[r][1:], after[r][1:]) for r in before if before[r] != after[r]}
    assert not changed, "non-float columns differ between two builds on the same data (count, xor, sum):\n" + "\n".join(
        f"{r}: {b} -> {a}" for r, (b, a) in sorted(changed.items())
    )

    float_noise, float_changes = [], []
    for relation in sorted(r for r in before if before_exact[r] != after_exact[r]):
        rows, paired, beyond_tolerance = float_mismatches(first, second, relation, FLOAT_TOLERANCE)
        assert paired == rows, f"{relation}: rows could not be paired ({paired} of {rows})"
        (float_changes if beyond_tolerance else float_noise).append((relation, beyond_tolerance))
    assert not float_changes, f"floats differ by more than {FLOAT_TOLERANCE} (relation, rows): {float_changes}"
    if float_noise:
        warnings.warn(
            f"floats differ below {FLOAT_TOLERANCE} between two builds in: {', '.join(r for r, _ in float_noise)}",
            stacklevel=1,
        )
