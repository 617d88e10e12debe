"""Every secretariat page (compare, submissions, notices, quality) opens in headless Chromium in zh and
en, finishes loading without an exception, and leaves a screenshot."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import (
    CUT_JS,
    DRAWN_JS,
    SIZES,
    assert_no_exception,
    open_page,
    screenshot,
    screenshot_all,
    wait_for_map,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["compare", "submissions", "notices", "quality"])
def test_page_opens(secretariat_url, page, name, lang) -> None:
    open_page(page, f"{secretariat_url}/{name}?lang={lang}")
    page.locator("h1").first.wait_for()
    if name == "compare":
        wait_for_map(page)
    # every one of these pages has a table: a data grid, or a small static one (widgets.small_table, HTML)
    page.locator('[data-testid="stDataFrame"], [data-testid="stHtml"] table').first.wait_for()
    page.wait_for_function(DRAWN_JS)
    assert_no_exception(page)
    screenshot(page, f"{name}_{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", ["notices", "activities"])
def test_charts_hold_at_every_size(secretariat_url, activities_url, page, name, size, lang) -> None:
    """The pages with charts other than the overview and compare (their own tests check those): every
    title, axis title and tick label inside its figure and clear of the others (CUT_JS)."""
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
    url = secretariat_url if name == "notices" else activities_url
    open_page(page, f"{url}/{name}?lang={lang}")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .gtitle').length >= 2")
    assert_no_exception(page)
    assert page.evaluate(CUT_JS) == []
    screenshot_all(page, f"{name}_{lang}_{size}")
