"""Secretariat pages in headless Chromium: the map of China drawn offline, every page in zh and en."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.app.fixture_db import make_fixture_db
from tests.app.secretariat_fixture import add_secretariat_rows
from tests.browser.conftest import (
    ROOT,
    _free_port,
    _wait_healthy,
    assert_no_exception,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser
FILLS_JS = "() => Array.from(document.querySelectorAll('.geo .choroplethlocation')).map(p => getComputedStyle(p).fill)"


@pytest.fixture(scope="module")
def secretariat_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served over the fixture database plus the secretariat rows."""
    tmp = tmp_path_factory.mktemp("secretariat_browser")
    db = add_secretariat_rows(make_fixture_db(tmp / "campaigns.duckdb"))
    port = _free_port()
    log = tmp / "streamlit.log"
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard" / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with log.open("w") as fh:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, "CAMPAIGN_DB": str(db)}, stdout=fh, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_for_map(page) -> None:
    page.wait_for_function(
        "() => document.querySelectorAll('.geo .choroplethlocation').length >= 34 + 5", timeout=30_000
    )


def test_map_is_drawn_offline_with_every_province(secretariat_url, page) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{secretariat_url}/compare?years=2024")
    wait_for_app(page, "各省份分布图")
    wait_for_map(page)
    assert_no_exception(page)
    main = page.locator(".geo").first
    # every province exactly once: 8 coloured (with figures; 兵团 has none on the map) + 26 grey
    assert main.locator(".choroplethlocation").count() == 34
    # the inset draws only the provinces in its view (海南, 广东, 台湾, 香港, 澳门 among them)
    assert 5 <= page.locator(".geo").nth(1).locator(".choroplethlocation").count() < 34
    # filled as provinces, not the whole globe: every area's box is smaller than the map's
    boxes = page.evaluate(
        "() => { const g = document.querySelector('.geo .bglayer rect') || document.querySelector('.geo');"
        " const m = g.getBoundingClientRect();"
        " return Array.from(document.querySelectorAll('.geo .choroplethlocation')).map(p => {"
        " const b = p.getBoundingClientRect(); return [b.width * b.height, m.width * m.height]; }); }"
    )
    assert all(area < 0.5 * whole for area, whole in boxes)
    assert page.locator(".geo").count() == 2  # the mainland and the 南海诸岛 inset
    assert page.get_by_text("南海诸岛", exact=True).count() >= 1
    assert page.locator(".geo .scatterlayer path.js-line").count() >= 2  # maritime line on both
    outside = [u for u in requests if not (u.startswith(secretariat_url) or u.startswith("data:"))]
    assert outside == []
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    screenshot(page, "compare_map_zh")
    page.locator(".js-plotly-plot").first.screenshot(
        path=str(ROOT / "test-output" / "screenshots" / "compare_map_only.png")
    )

    before = page.evaluate(FILLS_JS)
    page.get_by_text("按每万常住人口", exact=True).click()
    wait_for_app(page)
    wait_for_map(page)
    page.wait_for_function(
        "() => document.querySelector('.geo') && "
        "document.querySelector('.js-plotly-plot').innerHTML.includes('每万人')"
    )
    after = page.evaluate(FILLS_JS)
    assert sorted(set(after)) != sorted(set(before)), (
        set(before),
        set(after),
    )  # per-capita changes the colours
    assert_no_exception(page)
    screenshot(page, "compare_map_per_capita_zh")


def test_drilldown_explains_double_count_rule(secretariat_url, page) -> None:
    page.goto(f"{secretariat_url}/compare?years=2024")
    wait_for_app(page, "省内报送明细")
    page.get_by_text("江苏省", exact=True).first.wait_for(state="attached")
    assert page.get_by_text("不重复计数规则", exact=False).count() == 1
    assert_no_exception(page)


def test_submissions_show_late_units(secretariat_url, page) -> None:
    page.goto(f"{secretariat_url}/submissions")
    wait_for_app(page, "应报省级单位")
    assert_no_exception(page)
    # the metrics row may still be streaming in after the heading text appears
    page.locator('[data-testid="stMetricValue"]').nth(3).wait_for()
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics[3] == "3"  # 陕西, 南京市, 玄武区 late in 2024
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30_000)
    screenshot(page, "submissions_zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["compare", "submissions", "notices", "quality"])
def test_page_opens(secretariat_url, page, name, lang) -> None:
    page.goto(f"{secretariat_url}/{name}?lang={lang}")
    wait_for_app(page)
    page.locator("h1").first.wait_for()
    if name == "compare":
        wait_for_map(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30_000)
    page.wait_for_timeout(500)
    assert_no_exception(page)
    screenshot(page, f"{name}_{lang}")
