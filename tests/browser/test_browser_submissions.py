"""报送 Submissions in headless Chromium: late units counted against the nearest notice's deadline."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import assert_no_exception, open_page, screenshot

pytestmark = pytest.mark.browser


def test_submissions_show_late_units(secretariat_url, page) -> None:
    open_page(page, f"{secretariat_url}/submissions", "应报省级单位")
    assert_no_exception(page)
    # the metrics row may still be streaming in after the heading text appears
    page.locator('[data-testid="stMetricValue"]').nth(3).wait_for()
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics[3] == "3"  # 陕西, 南京市, 玄武区 late in 2024
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30_000)
    screenshot(page, "submissions_zh")
