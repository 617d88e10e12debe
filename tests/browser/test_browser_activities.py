"""优秀活动 Activities in headless Chromium: the one-search user story, charts drawn, no contacts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.app.activities_fixture import CONTACT_PHONE, add_activity_rows
from tests.app.fixture_db import make_fixture_db
from tests.browser.conftest import (
    ROOT,
    _free_port,
    _wait_healthy,
    assert_no_exception,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def activities_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served over the fixture database plus the activity rows."""
    tmp = tmp_path_factory.mktemp("activities_browser")
    db = add_activity_rows(make_fixture_db(tmp / "campaigns.duckdb"))
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


def test_activities_page_search_and_charts(activities_url, page) -> None:
    page.goto(f"{activities_url}/activities")
    wait_for_app(page, "活动模块分布")
    assert_no_exception(page)
    page.locator(".js-plotly-plot").nth(1).wait_for()
    assert page.locator(".js-plotly-plot").count() == 2
    assert page.get_by_text("活动列表（9 项）").count() == 1
    screenshot(page, "activities_zh")

    box = page.get_by_placeholder("例如：2024 四川 科技小院")
    box.fill("2024 四川 科技小院")
    box.press("Enter")
    wait_for_app(page, "活动列表（1 项）")
    page.wait_for_function("() => location.search.includes('q=')")
    assert_no_exception(page)
    assert page.get_by_text("2024 · 四川省 · “科技小院”").count() == 1
    assert CONTACT_PHONE not in page.content()
    screenshot(page, "activities_search_zh")


def test_activities_page_in_english(activities_url, page) -> None:
    page.goto(f"{activities_url}/activities?lang=en")
    wait_for_app(page, "Modules of the 2021 activity plans")
    assert_no_exception(page)
    page.locator(".js-plotly-plot").nth(1).wait_for()
    screenshot(page, "activities_en")
