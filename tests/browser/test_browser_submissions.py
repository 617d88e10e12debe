"""报送 Submissions in headless Chromium: late units counted against the nearest notice's deadline."""

from __future__ import annotations

import re

import pytest

from tests.browser.page_checks import assert_no_exception, open_page, screenshot

pytestmark = pytest.mark.browser


def test_submissions_show_late_units(secretariat_url, page) -> None:
    open_page(page, f"{secretariat_url}/submissions", "应报省级单位")
    assert_no_exception(page)
    # the cards may still be streaming in after the heading text appears: find the late card by its label
    late = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(r"^\s*逾期\s*$"))
    )
    late.first.wait_for()
    assert late.first.locator('[data-testid="stMetricValue"]').inner_text() == "3"  # 陕西, 南京市, 玄武区 late in 2024
    screenshot(page, "submissions_zh")
