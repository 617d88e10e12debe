"""Every secretariat page (compare, submissions, notices, quality) opens in headless Chromium in zh and
en, finishes loading without an exception, and leaves a screenshot."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import DRAWN_JS, assert_no_exception, open_page, screenshot, wait_for_map

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["compare", "submissions", "notices", "quality"])
def test_page_opens(secretariat_url, page, name, lang) -> None:
    open_page(page, f"{secretariat_url}/{name}?lang={lang}")
    page.locator("h1").first.wait_for()
    if name == "compare":
        wait_for_map(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    page.wait_for_function(DRAWN_JS, )
    assert_no_exception(page)
    screenshot(page, f"{name}_{lang}")
