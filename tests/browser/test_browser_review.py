"""Found in the demo-data review: links people will write by hand must open the page they name."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser


def test_overview_by_its_own_name_opens_without_page_not_found(dashboard_url, page) -> None:
    page.goto(f"{dashboard_url}/overview?lang=en")
    wait_for_app(page, "Headline figures")
    assert_no_exception(page)
    assert page.get_by_text("Page not found", exact=False).count() == 0
    assert "lang=en" in page.url  # the filters in the link are kept
