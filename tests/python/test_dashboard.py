"""The dashboard (apps/dashboard/, `bash scripts/dashboard.sh`) in headless Chromium.

- The test copies the suite's built warehouse and publishes its read copy the
  way scripts/build.py does, starts the dashboard with the one documented
  command on a free port, and loads every page in Debian's Chromium, driven
  by Playwright (never Playwright's own browser download).
- On each page it reads the key numbers from the rendered HTML (st.table
  cells and st.metric values) and compares them with the same numbers
  computed here by SQL written independently of the app: credits from
  fct_attribution_credits rather than rpt_channel_performance, spend and
  platform claims from fct_ad_spend, paths from fct_journeys, totals of
  observed and modeled revenue from fct_conversions; the rest from the marts
  the pages show, queried another way. Each number must equal the SQL's to
  the precision the page shows.
- Each page's screenshot goes to the test's tmp dir, and with
  MTA_SCREENSHOT_DIR set, into that folder (docs/images/ for the README).
- Readers never block the build: while the dashboard runs, the test opens the
  warehouse for writing, changes a mart, publishes a new read copy, and the
  next page load shows the new number (the app follows the atomic rename).

The dashboard's requirements are optional. The test installs them with
`bash scripts/dashboard.sh --setup --test-tools` (pip into .venv, Debian's
chromium with apt-get when missing) and skips, saying why, only when that
fails; under CI (CI=true) that failure fails the test instead.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, SCRIPTS_DIR

sys.path.insert(0, str(SCRIPTS_DIR))
sys.path.insert(0, str(PROJECT_DIR / "apps" / "dashboard"))
from warehouse_files import publish_read_copy  # noqa: E402

CHROMIUM = os.environ.get("MTA_CHROMIUM", "/usr/bin/chromium")  # Debian's package
# What makes headless Chromium work on a machine with no network but the package registries.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MODEL_LABELS = {
    "first_touch": "First touch",
    "last_touch": "Last touch",
    "linear": "Linear",
    "time_decay": "Time decay",
    "position_based": "Position based",
    "markov": "Markov",
    "shapley": "Shapley",
}
MODELS = tuple(MODEL_LABELS)
TIMINGS: dict[str, float] = {}


# ---------------------------------------------------------------- set-up


@pytest.fixture(scope="module")
def browser_tools():
    """Install the dashboard's requirements, Playwright and Debian's Chromium (idempotent)."""
    started = time.perf_counter()
    proc = subprocess.run(
        ["bash", str(SCRIPTS_DIR / "dashboard.sh"), "--setup", "--test-tools"],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        check=False,
    )
    TIMINGS["install (dashboard.sh --setup --test-tools)"] = time.perf_counter() - started
    problem = None
    if proc.returncode != 0:
        problem = (
            f"`bash scripts/dashboard.sh --setup --test-tools` failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    elif not os.access(CHROMIUM, os.X_OK):
        problem = f"{CHROMIUM} is missing after setup"
    else:
        try:
            import playwright.sync_api  # noqa: F401
            import streamlit  # noqa: F401
        except ImportError as error:
            problem = f"the dashboard's requirements do not import in {sys.executable}: {error}"
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(problem)
        pytest.skip("dashboard requirements could not be installed: " + problem)


@pytest.fixture(scope="module")
def warehouse(built_warehouse, tmp_path_factory) -> Path:
    """A private copy of the suite's warehouse with its read copy published as scripts/build.py does."""
    work = tmp_path_factory.mktemp("dashboard")
    path = work / "attribution.duckdb"
    shutil.copyfile(built_warehouse, path)
    publish_read_copy(path, work / "attribution.read.duckdb")
    return path


@pytest.fixture(scope="module")
def marts(warehouse):
    """A read-only connection for the test's own SQL, to a copy: the last test opens the warehouse for
    writing, which a connection of this process to the same file would prevent."""
    snapshot = warehouse.with_name("expected.duckdb")
    shutil.copyfile(warehouse, snapshot)
    con = duckdb.connect(str(snapshot), read_only=True)
    yield con
    con.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard(browser_tools, warehouse):
    """The dashboard started by its one command, on a free port; yields (base URL, server process)."""
    port = free_port()
    env = dict(
        os.environ,
        DBT_DUCKDB_PATH=str(warehouse),
        MTA_READ_PATH=str(warehouse.with_name("attribution.read.duckdb")),
        MTA_DASHBOARD_PORT=str(port),
    )
    log = open(warehouse.with_name("dashboard.log"), "w")  # noqa: SIM115 (the server writes to it while the tests run)
    started = time.perf_counter()
    server = subprocess.Popen(
        ["bash", str(SCRIPTS_DIR / "dashboard.sh")],
        env=env,
        cwd=PROJECT_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if server.poll() is not None:
                raise AssertionError(
                    f"the dashboard exited with {server.returncode}:\n"
                    + warehouse.with_name("dashboard.log").read_text()[-5000:]
                )
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(
                    "the dashboard did not answer within 180 s:\n"
                    + warehouse.with_name("dashboard.log").read_text()[-5000:]
                )
            time.sleep(0.5)
        TIMINGS["start (bash scripts/dashboard.sh to health check)"] = time.perf_counter() - started
        yield url, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
        report_timings()


def report_timings() -> None:
    """What this module measured: printed (pytest -s shows it) and, with MTA_DASHBOARD_TIMINGS
    set, appended to that file (scripts/test.sh can print it at the end)."""
    lines = [f"dashboard {what}: {seconds:.1f} s" for what, seconds in TIMINGS.items()]
    print("\n" + "\n".join(lines))
    if os.environ.get("MTA_DASHBOARD_TIMINGS"):
        with open(os.environ["MTA_DASHBOARD_TIMINGS"], "a") as handle:
            handle.write("\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def browser(browser_tools):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


# ---------------------------------------------------------------- reading the page


def load(page, url: str, last_key: str) -> None:
    """Open a page and wait until its last table is drawn; no exception may show."""
    started = time.perf_counter()
    page.goto(url)
    page.locator(f".st-key-{last_key} table").first.wait_for(state="visible", timeout=90_000)
    TIMINGS[f"page load /{url.split('/', 3)[-1]}"] = time.perf_counter() - started
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()


def table(page, key: str) -> list[dict[str, str]]:
    """The rows of the st.table in container `key`, as {header: text}."""
    rows = page.locator(f".st-key-{key} table").first.evaluate(
        "t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))"
    )
    header, *body = rows
    return [dict(zip(header, row)) for row in body]


def metric(page, key: str) -> str:
    return page.locator(f".st-key-{key} [data-testid='stMetricValue']").first.inner_text().strip()


NUMBER = r"-?[\d,]+(?:\.\d+)?(?:e[-+]\d+)?"


def number(text: str) -> float | None:
    """'12,345.6' -> 12345.6, '9.5%' -> 0.095, '5.82e-11' -> 5.82e-11, '—' -> None."""
    text = text.strip()
    if text == "—":
        return None
    if text.endswith("%"):
        return float(text[:-1].replace(",", "")) / 100
    assert re.fullmatch(NUMBER, text), f"not a number: {text!r}"
    return float(text.replace(",", ""))


def shown_decimals(text: str) -> int:
    """Decimal places of a number as written: '0.306' -> 3, '19' -> 0, '5.82e-11' -> 13."""
    mantissa, _, exponent = text.rstrip("%").partition("e")
    return len(mantissa.partition(".")[2]) - int(exponent or 0)


def check(shown: str, expected, decimals: int | None, what: str) -> None:
    """The page's number equals the SQL's to the precision shown (half a unit of the last digit):
    `decimals` places, or as many as the text has when None."""
    value = number(shown)
    decimals = shown_decimals(shown) if decimals is None else decimals
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        assert value is None, f"{what}: page shows {shown!r}, expected nothing"
        return
    assert value is not None, f"{what}: page shows {shown!r}, expected {expected}"
    expected = float(expected)  # money columns are decimals
    scale = 100 if shown.endswith("%") else 1
    tolerance = 0.5 * 10**-decimals / scale + 1e-9 * abs(expected)
    assert abs(value - expected) <= tolerance, f"{what}: page shows {shown!r}, SQL gives {expected!r}"


def check_interval(shown: str, expected: tuple, decimals: int, what: str) -> None:
    value, lower, upper = expected
    match = re.fullmatch(rf"({NUMBER}) \(({NUMBER})–({NUMBER})\)", shown)
    assert match, f"{what}: {shown!r} is not 'value (lower–upper)'"
    for text, want, part in zip(match.groups(), (value, lower, upper), ("value", "lower", "upper")):
        check(text, want, decimals, f"{what} {part}")


def screenshot(page, name: str, tmp_path: Path) -> None:
    """The whole page into the test's tmp dir and, with MTA_SCREENSHOT_DIR, into that folder
    (dashboard-<name>.png; the channel page's top as dashboard.png for the README)."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 8000)})
    page.wait_for_timeout(500)
    shot = tmp_path / f"dashboard-{name}.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    folder = os.environ.get("MTA_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(folder) / shot.name)
        if name == "channels":
            page.set_viewport_size({"width": 1400, "height": 1190})
            page.wait_for_timeout(500)
            page.screenshot(path=str(Path(folder) / "dashboard.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


# ---------------------------------------------------------------- expected numbers, by the test's own SQL


def primary_types(marts) -> list[str]:
    rows = marts.execute("""
        select distinct conversion_type from marts.rpt_attribution_intervals where is_primary_conversion_type
    """).fetchall()
    return sorted(row[0] for row in rows)


def data_dates(marts) -> tuple[dt.date, dt.date]:
    """First and last day of spend or conversions with credit."""
    return marts.execute("""
        select min(day), max(day) from (
            select spend_date as day from marts.fct_ad_spend
            union all
            select cast(converted_at as date) from marts.fct_attribution_credits
        )
    """).fetchone()


def channel_expectations(marts, models, start, end) -> dict[str, dict]:
    """Per channel with spend, touches or credit in the range: spend and clicks (fct_ad_spend by spend
    date), and per model the primary types' credit and revenue (fct_attribution_credits by the
    conversion's UTC date). A channel with touches (fct_touchpoints by UTC date) and nothing else is
    shown with zeros."""
    types = primary_types(marts)
    channels: dict[str, dict] = {
        channel: {"spend": 0.0, "clicks": 0}
        for (channel,) in marts.execute(
            """
        select distinct channel from marts.fct_touchpoints
        where cast(touched_at as date) >= ? and cast(touched_at as date) <= ?
    """,
            [start, end],
        ).fetchall()
    }
    for channel, spend, clicks in marts.execute(
        """
        select channel, sum(spend), sum(clicks) from marts.fct_ad_spend
        where spend_date >= ? and spend_date <= ? group by channel
    """,
        [start, end],
    ).fetchall():
        channels[channel] = {"spend": float(spend), "clicks": clicks}
    for channel, model, credit, revenue in marts.execute(
        """
        select channel, attribution_model, sum(credit), sum(attributed_revenue)
        from marts.fct_attribution_credits
        where conversion_type in (select unnest(?)) and attribution_model in (select unnest(?))
            and cast(converted_at as date) >= ? and cast(converted_at as date) <= ?
        group by channel, attribution_model
    """,
        [types, list(models), start, end],
    ).fetchall():
        entry = channels.setdefault(channel, {"spend": 0.0, "clicks": 0})
        entry[model] = (credit, float(revenue))
    return channels


# ---------------------------------------------------------------- the pages


def test_channel_performance(page, dashboard, marts, tmp_path):
    url, _ = dashboard
    load(page, url + "/", "table-roas-intervals")
    start, end = data_dates(marts)
    expected = channel_expectations(marts, MODELS, start, end)

    revenue = table(page, "table-revenue")
    assert list(revenue[0]) == ["Channel", "Spend", *MODEL_LABELS.values()]
    assert {row["Channel"] for row in revenue[:-1]} == set(expected)
    assert revenue[-1]["Channel"] == "Total"
    for row in revenue[:-1]:
        want = expected[row["Channel"]]
        check(row["Spend"], want["spend"], 0, f"spend of {row['Channel']}")
        for model, label in MODEL_LABELS.items():
            check(row[label], want.get(model, (0.0, 0.0))[1], 0, f"{model} revenue of {row['Channel']}")
    total_spend = sum(entry["spend"] for entry in expected.values())
    check(revenue[-1]["Spend"], total_spend, 0, "total spend")
    for model, label in MODEL_LABELS.items():
        check(revenue[-1][label], sum(e.get(model, (0, 0))[1] for e in expected.values()), 0, f"{model} total")

    roas = table(page, "table-roas")
    assert [row["Channel"] for row in roas[:-1]] == [
        r["Channel"] for r in revenue[:-1] if expected[r["Channel"]]["spend"] > 0
    ]
    for row in roas[:-1]:
        want = expected[row["Channel"]]
        for model, label in MODEL_LABELS.items():
            check(row[label], want.get(model, (0.0, 0.0))[1] / want["spend"], 2, f"{model} ROAS of {row['Channel']}")

    conversions = table(page, "table-conversions")
    for row in conversions[:-1]:
        want = expected[row["Channel"]]
        check(row["Clicks"], want["clicks"], 0, f"clicks of {row['Channel']}")
        for model, label in MODEL_LABELS.items():
            check(row[label], want.get(model, (0.0, 0.0))[0], 1, f"{model} conversions of {row['Channel']}")

    # Headline: conversions and revenue counted per conversion, not per credit row.
    types = primary_types(marts)
    conversion_count, conversion_revenue = marts.execute(
        """
        select count(*), sum(revenue) from marts.fct_conversions
        where revenue_basis = 'observed' and conversion_type in (select unnest(?))
    """,
        [types],
    ).fetchone()
    claimed = marts.execute("select sum(platform_conversions) from marts.fct_ad_spend").fetchone()[0]
    check(metric(page, "metric-spend"), total_spend, 0, "spend metric")
    check(metric(page, "metric-conversions"), conversion_count, 1, "conversions metric")
    check(metric(page, "metric-revenue"), float(conversion_revenue), 0, "revenue metric")
    check(metric(page, "metric-roas"), float(conversion_revenue) / total_spend, 2, "ROAS metric")
    check(metric(page, "metric-platform-conversions"), claimed, 1, "platform claims metric")

    # Intervals: the headline rows of rpt_attribution_intervals, channel grain.
    intervals = {
        (channel, model): values
        for channel, model, *values in marts.execute("""
        select channel, attribution_model, sample_conversions,
            attributed_revenue, attributed_revenue_lower, attributed_revenue_upper, spend, roas, roas_lower, roas_upper
        from marts.rpt_attribution_intervals
        where interval_grain = 'channel' and is_headline
    """).fetchall()
    }
    shown = table(page, "table-revenue-intervals")
    assert {row["Channel"] for row in shown} == {channel for channel, _ in intervals}
    for row in shown:
        for model, label in MODEL_LABELS.items():
            sample, value, lower, upper, *_ = intervals[(row["Channel"], model)]
            check(row["Conversions in sample"], sample, 0, f"sample of {row['Channel']}")
            check_interval(row[label], (value, lower, upper), 0, f"{model} revenue interval of {row['Channel']}")
    shown = table(page, "table-roas-intervals")
    assert {row["Channel"] for row in shown} == {c for (c, _), v in intervals.items() if (v[4] or 0) > 0}
    for row in shown:
        for model, label in MODEL_LABELS.items():
            *_, spend, value, lower, upper = intervals[(row["Channel"], model)]
            check(row["Spend"], spend, 0, f"interval spend of {row['Channel']}")
            check_interval(row[label], (value, lower, upper), 2, f"{model} ROAS interval of {row['Channel']}")
    screenshot(page, "channels", tmp_path)


def test_channel_performance_filtered(page, dashboard, marts):
    """Two models and two weeks, chosen in the URL: only those columns, only those days."""
    url, _ = dashboard
    first, _ = data_dates(marts)
    start, end = first + dt.timedelta(days=20), first + dt.timedelta(days=33)
    load(page, f"{url}/?models=shapley,markov&start={start}&end={end}", "table-roas-intervals")
    expected = channel_expectations(marts, ("markov", "shapley"), start, end)
    revenue = table(page, "table-revenue")
    assert list(revenue[0]) == ["Channel", "Spend", "Markov", "Shapley"]
    assert {row["Channel"] for row in revenue[:-1]} == set(expected)
    for row in revenue:
        want = (
            expected[row["Channel"]]
            if row["Channel"] != "Total"
            else {
                "spend": sum(e["spend"] for e in expected.values()),
                **{m: (0, sum(e.get(m, (0, 0))[1] for e in expected.values())) for m in ("markov", "shapley")},
            }
        )
        check(row["Spend"], want["spend"], 0, f"spend of {row['Channel']}")
        check(row["Markov"], want.get("markov", (0, 0))[1], 0, f"markov revenue of {row['Channel']}")
        check(row["Shapley"], want.get("shapley", (0, 0))[1], 0, f"shapley revenue of {row['Channel']}")


def test_platform_claims(page, dashboard, marts, tmp_path):
    url, _ = dashboard
    load(page, url + "/claims", "table-claims-weekly")
    weeks = marts.execute("""
        select distinct week_start, all_platforms_claimed_conversions, deduplicated_platform_conversions,
            observed_conversions
        from marts.rpt_platform_claims_vs_reality
        order by week_start
    """).fetchall()
    assert len({week[0] for week in weeks}) == len(weeks), "week-level columns differ within a week"
    claimed = marts.execute("select sum(platform_conversions) from marts.fct_ad_spend").fetchone()[0]
    observed = marts.execute(
        """
        select count(*) from marts.fct_conversions
        where revenue_basis = 'observed' and conversion_type in (select unnest(?))
    """,
        [primary_types(marts)],
    ).fetchone()[0]
    real = sum(week[2] for week in weeks)
    check(metric(page, "metric-claimed"), claimed, 0, "claimed conversions")
    check(metric(page, "metric-deduplicated"), real, 0, "deduplicated conversions")
    check(metric(page, "metric-observed"), observed, 0, "observed conversions")
    check(metric(page, "metric-claims-ratio"), claimed / real, 2, "claimed / real")

    shown = table(page, "table-claims-weekly")
    assert [row["Week of"] for row in shown] == [f"{week[0]:%Y-%m-%d}" for week in weeks]
    for row, (_, week_claimed, week_real, week_observed) in zip(shown, weeks):
        check(row["Platforms claim"], week_claimed, 0, f"claims in week {row['Week of']}")
        check(row["Real, with a platform touch"], week_real, 0, f"real in week {row['Week of']}")
        check(row["Observed conversions"], week_observed, 0, f"observed in week {row['Week of']}")

    spend = {
        source: values
        for source, *values in marts.execute("""
        select source, sum(spend), sum(platform_conversions), sum(platform_conversion_value)
        from marts.fct_ad_spend group by source
    """).fetchall()
    }
    credited = {
        (platform, model): values
        for platform, model, *values in marts.execute("""
        select platform, attribution_model, sum(attributed_conversions), sum(claimed_conversions),
            sum(platform_touched_conversions)
        from marts.rpt_platform_claims_vs_reality group by all
    """).fetchall()
    }
    claims, ratios = table(page, "table-claims"), table(page, "table-over-claim")
    assert {row["Platform"] for row in claims} == set(spend)
    assert [row["Platform"] for row in ratios] == [row["Platform"] for row in claims]
    for row, ratio_row in zip(claims, ratios):
        platform = row["Platform"]
        platform_spend, platform_claims, platform_value = spend[platform]
        check(row["Spend"], platform_spend, 0, f"spend of {platform}")
        check(row["Claimed conversions"], platform_claims, 0, f"claims of {platform}")
        check(row["Claimed value"], platform_value, 0, f"claimed value of {platform}")
        check(row["Conversions touched"], credited[(platform, "linear")][2], 0, f"touched conversions of {platform}")
        for model, label in MODEL_LABELS.items():
            attributed = credited[(platform, model)][0]
            check(row[label], attributed, 1, f"{model} credit of {platform}")
            check(
                ratio_row[label],
                platform_claims / attributed if attributed else None,
                2,
                f"{model} over-claim ratio of {platform}",
            )
    screenshot(page, "claims", tmp_path)


def test_revenue_observed_vs_modeled(page, dashboard, marts, tmp_path):
    url, _ = dashboard
    load(page, url + "/revenue", "table-revenue-channels")
    observed, modeled = (
        float(v)
        for v in marts.execute("""
        select
            sum(revenue) filter (where revenue_basis = 'observed'),
            sum(revenue) filter (where revenue_basis = 'modeled')
        from marts.fct_conversions
    """).fetchone()
    )
    check(metric(page, "metric-observed-revenue"), observed, 0, "observed revenue")
    check(metric(page, "metric-modeled-revenue"), modeled, 0, "modeled revenue")
    check(metric(page, "metric-modeled-share"), modeled / (observed + modeled), 1, "modeled share")
    per_model = table(page, "table-revenue-models")
    assert [row["Model"] for row in per_model] == list(MODEL_LABELS.values())
    for row in per_model:
        check(row["Observed"], observed, 0, f"observed revenue under {row['Model']}")
        check(row["Modeled"], modeled, 0, f"modeled revenue under {row['Model']}")
        check(row["Total"], observed + modeled, 0, f"total revenue under {row['Model']}")

    # The channel table shows the first model: observed credit straight from fct_attribution_credits,
    # modeled allocations and confidence from the mart.
    credit = dict(
        marts.execute("""
        select channel, sum(attributed_revenue) from marts.fct_attribution_credits
        where attribution_model = 'first_touch' group by channel
    """).fetchall()
    )
    mart = {
        channel: values
        for channel, *values in marts.execute("""
        select channel, modeled_revenue, confidence, modeled_ai_influenced_revenue
        from marts.rpt_revenue_observed_vs_modeled where attribution_model = 'first_touch'
    """).fetchall()
    }
    shown = table(page, "table-revenue-channels")
    assert {row["Channel"] for row in shown} == set(mart)
    for row in shown:
        channel = row["Channel"]
        modeled_revenue, confidence, ai_influenced = mart[channel]
        check(row["Observed"], credit.get(channel, 0.0), 0, f"observed revenue of {channel}")
        check(row["Modeled"], modeled_revenue, 0, f"modeled revenue of {channel}")
        check(row["Total"], credit.get(channel, 0.0) + modeled_revenue, 0, f"total revenue of {channel}")
        check(row["AI-influenced"], ai_influenced, 0, f"AI-influenced revenue of {channel}")
        assert row["Confidence"] == (confidence or "—"), channel
    screenshot(page, "revenue", tmp_path)


def test_top_paths(page, dashboard, marts, tmp_path):
    url, _ = dashboard
    load(page, url + "/paths", "table-paths")
    # From the journeys themselves: converting and non-converting journeys per exact path.
    paths = marts.execute("""
        with journeys as (
            select journeys.channel_path, journeys.conversion_id, conversions.revenue
            from marts.fct_journeys as journeys
            left join marts.fct_conversions as conversions on journeys.conversion_id = conversions.conversion_id
        )
        select channel_path, count(conversion_id), count(*) - count(conversion_id), sum(revenue)
        from journeys group by channel_path
    """).fetchall()
    converting_total = sum(p[1] for p in paths)
    check(metric(page, "metric-paths"), len(paths), 0, "distinct paths")
    check(metric(page, "metric-converting"), converting_total, 0, "converting journeys")
    check(metric(page, "metric-non-converting"), sum(p[2] for p in paths), 0, "journeys without a conversion")
    top = sorted(paths, key=lambda p: (-p[1], -float(p[3] or 0), p[0]))[:20]
    shown = table(page, "table-paths")
    assert [row["Path"] for row in shown] == [p[0] for p in top]
    for rank, (row, (path, converting, non_converting, revenue)) in enumerate(zip(shown, top), start=1):
        assert row["Rank"] == str(rank)
        check(row["Conversions"], converting, 0, f"conversions of {path}")
        check(row["Without conversion"], non_converting, 0, f"journeys without conversion of {path}")
        check(row["Conversion rate"], converting / (converting + non_converting), 1, f"rate of {path}")
        check(row["Revenue"], float(revenue or 0), 0, f"revenue of {path}")
        check(row["Share of conversions"], converting / converting_total, 1, f"share of {path}")
    check(metric(page, "metric-top-share"), sum(p[1] for p in top) / converting_total, 1, "top 20 share")
    screenshot(page, "paths", tmp_path)


def test_data_quality(page, dashboard, marts, tmp_path):
    url, _ = dashboard
    load(page, url + "/quality", "table-warnings")
    latest = {
        name: values
        for name, *values in marts.execute("""
        select check_name,
            max(check_date),
            arg_max(value, check_date),
            arg_max(threshold, check_date),
            arg_max(status, check_date),
            count(*) filter (where status = 'warn'),
            count(*)
        from marts.rpt_data_quality
        group by check_name
    """).fetchall()
    }
    shown = table(page, "table-checks")
    assert {row["Check"] for row in shown} == set(latest)
    for row in shown:
        day, value, threshold, status, warned, checked = latest[row["Check"]]
        assert row["Latest day"] == f"{day:%Y-%m-%d}", row
        assert row["Status"].split()[-1] == status, row
        check(row["Value"], value, None, f"value of {row['Check']}")
        check(row["Threshold"], threshold, None, f"threshold of {row['Check']}")
        assert row["Days warned"] == f"{warned:,} of {checked:,}", row
    warning = sum(1 for values in latest.values() if values[3] == "warn")
    check(metric(page, "metric-checks"), len(latest), 0, "checks")
    check(metric(page, "metric-warning"), warning, 0, "checks warning")
    check(metric(page, "metric-passing"), len(latest) - warning, 0, "checks passing")
    screenshot(page, "quality", tmp_path)


def test_follows_a_new_read_copy_and_never_blocks_the_build(page, dashboard, warehouse, marts):
    """With the dashboard running and showing a page, a writer opens the warehouse (the build's first
    step would fail if any reader held it), changes a mart, and publishes the read copy by atomic
    rename: the next page load shows the new number. Runs last in this module."""
    url, server = dashboard
    load(page, url + "/paths", "table-paths")
    before = table(page, "table-paths")[0]
    open_files = [os.readlink(f"/proc/{server.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{server.pid}/fd")]
    assert str(warehouse) not in open_files, "the dashboard has the warehouse itself open"

    writer = duckdb.connect(str(warehouse))  # fails with a lock error if anyone else holds it
    writer.execute(
        "update marts.rpt_conversion_paths set converting_journeys = converting_journeys + 1000 where path_rank = 1"
    )
    writer.close()
    publish_read_copy(warehouse, warehouse.with_name("attribution.read.duckdb"))

    load(page, url + "/paths", "table-paths")
    after = table(page, "table-paths")[0]
    assert after["Path"] == before["Path"]
    assert number(after["Conversions"]) == number(before["Conversions"]) + 1000


def test_read_copy_follows_publishes_and_refuses_the_warehouse(tmp_path, monkeypatch):
    """ReadCopy, without a browser: a reader opened on the old snapshot keeps it; the next reader gets the
    new file even while the old one is still in use (DuckDB's instance cache would hand back the old one
    to a second duckdb.connect of the same path); the warehouse path itself is refused."""
    from readcopy import ReadCopy, ReadCopyMissing, ReadCopyRefused, resolve_read_path

    def database(path: Path, value: int) -> Path:
        con = duckdb.connect(str(path))
        con.execute(f"create schema marts; create table marts.answer as select {value} as value")
        con.close()
        return path

    read_path = tmp_path / "attribution.read.duckdb"
    copy = ReadCopy(read_path)
    with pytest.raises(ReadCopyMissing, match="no read copy"):
        copy.reader()
    publish_read_copy(database(tmp_path / "one.duckdb", 1), read_path)
    old = copy.reader()
    assert old.one("select value from marts.answer") == (1,)
    publish_read_copy(database(tmp_path / "two.duckdb", 2), read_path)
    new = copy.reader()
    assert new.one("select value from marts.answer") == (2,)
    assert old.one("select value from marts.answer") == (1,)  # a render in flight keeps its snapshot
    assert copy.reader().one("select value from marts.answer") == (2,)
    assert copy.opened == 2
    with pytest.raises(duckdb.Error, match="read-only"):
        new.one("create table marts.written as select 1")

    monkeypatch.setenv("DBT_DUCKDB_PATH", str(tmp_path / "attribution.duckdb"))
    monkeypatch.setenv("MTA_READ_PATH", str(tmp_path / "attribution.duckdb"))
    with pytest.raises(ReadCopyRefused, match="never blocks a build"):
        resolve_read_path()
    monkeypatch.delenv("MTA_READ_PATH")
    assert resolve_read_path() == read_path
