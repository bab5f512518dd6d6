"""The generation pipeline: one step per concern, in dependency order."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from tqdm import tqdm

from . import conversions, crm, dirt, experiments, journeys, messaging, people, spend, truth, web, writer
from .context import new_context

STEPS = [
    ("people and devices", people.build),
    ("journeys and causal model", journeys.build),
    ("identity events", web.plan_identity),
    ("conversions", conversions.build),
    ("crm", crm.build),
    ("web events", web.build_events),
    ("ad clicks", web.build_clicks),
    ("message events", messaging.build),
    ("ad spend", spend.build),
    ("truth", truth.build),
    ("lift tests", experiments.build),
    ("dirt", dirt.build),
    ("identifiers", truth.build_identifiers),
]


def run(db: str, scale: float, seed: int, start: dt.date, days: int, raw_schema: str, progress: bool) -> dict[str, int]:
    # A scratch database file beside the target: DuckDB spills there instead of
    # holding tens of millions of rows in memory. Removed at the end.
    target_dir = Path(db).resolve().parent
    target_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".mta-generate-", dir=target_dir) as scratch:
        ctx = new_context(
            seed=seed,
            scale=scale,
            start=start,
            days=days,
            progress=progress,
            workspace=scratch,
            memory_limit=os.environ.get("MTA_GENERATOR_MEMORY_LIMIT", "4GB"),
        )
        try:
            return _run(ctx, db, raw_schema, progress)
        finally:
            ctx.con.close()


def _run(ctx, db: str, raw_schema: str, progress: bool) -> dict[str, int]:
    with tqdm(total=len(STEPS), desc="generate", unit="step", disable=not progress) as bar:
        for name, step in STEPS:
            bar.set_postfix_str(name)
            step(ctx)
            bar.update(1)
    n_tables = len(writer.RAW_TABLES) + len(writer.TRUTH_TABLES)
    with tqdm(total=n_tables, desc="write", unit="table", disable=not progress) as bar:

        def done(name: str, rows: int) -> None:
            bar.set_postfix_str(f"{name} {rows:,}")
            bar.update(1)

        return writer.write(ctx, db, raw_schema, done)
