"""优秀活动 Activities in headless Chromium: the one-search user story, charts drawn, no contacts."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import assert_no_exception, open_page, screenshot, wait_for_app
from tests.fixture_db_activities import CONTACT_PHONE

pytestmark = pytest.mark.browser


def test_activities_page_search_and_charts(activities_url, page) -> None:
    open_page(page, f"{activities_url}/activities", "活动模块分布")
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
    open_page(page, f"{activities_url}/activities?lang=en", "Modules of the 2021 activity plans")
    assert_no_exception(page)
    page.locator(".js-plotly-plot").nth(1).wait_for()
    screenshot(page, "activities_en")
