"""总览 Overview in real headless Chromium: renders, filters from the sidebar, switches language, opens by
its own name."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import assert_no_exception, open_page, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_overview_renders_in_chinese(dashboard_url, page) -> None:
    open_page(page, f"{dashboard_url}/", "核心指标")
    assert_no_exception(page)
    assert page.get_by_text("演示数据", exact=False).count() > 0
    assert page.locator('[data-testid="stMetric"]').count() == 4
    # trend grid + province bars, each drawn with data (not an empty plot)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .trace').length >= 5")
    screenshot(page, "overview_zh")


def test_overview_filter_from_sidebar_changes_figures(dashboard_url, page) -> None:
    open_page(page, f"{dashboard_url}/", "核心指标")
    before = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    sb = page.locator('[data-testid="stSidebar"]')
    sb.get_by_text("农技协", exact=True).click()
    wait_for_app(page)
    page.wait_for_function("() => location.search.includes('channel')")
    after = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert after != before
    assert_no_exception(page)
    # the view is in the URL: reopening it gives the same figures
    url = page.url
    open_page(page, url, "核心指标")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stMetricValue]').length == 4")
    assert page.locator('[data-testid="stMetricValue"]').all_inner_texts() == after
    screenshot(page, "overview_zh_nongjixie")


def test_overview_in_english(dashboard_url, page) -> None:
    open_page(page, f"{dashboard_url}/?lang=en", "Headline figures")
    assert_no_exception(page)
    assert page.get_by_text("总览", exact=True).count() == 0
    screenshot(page, "overview_en")
    page.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()
    wait_for_app(page, "核心指标")
    assert_no_exception(page)


def test_overview_by_its_own_name_opens_without_page_not_found(dashboard_url, page) -> None:
    """Found in the demo-data review: links people will write by hand must open the page they name."""
    open_page(page, f"{dashboard_url}/overview?lang=en", "Headline figures")
    assert_no_exception(page)
    assert page.get_by_text("Page not found", exact=False).count() == 0
    assert "lang=en" in page.url  # the filters in the link are kept
