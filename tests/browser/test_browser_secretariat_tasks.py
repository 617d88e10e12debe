"""The secretariat's task in headless Chromium (issue 14): who has not sent, who came late, what to tell
each sender, at a laptop and a phone width, zh and en; and the upload page when it is off."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import WAIT_MS, assert_no_exception, open_page, screenshot

pytestmark = pytest.mark.browser

OFF = {"zh": "上传功能未开启，请联系管理员", "en": "Upload is not enabled. Please contact the administrator."}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_upload_page_when_off_says_so_in_the_readers_language(secretariat_url, page, lang) -> None:
    open_page(page, f"{secretariat_url}/upload?lang={lang}", OFF[lang])
    body = page.locator("body").inner_text()
    assert "Page not found" not in body and "Running the app's main page" not in body
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (390, 844)])
def test_secretariat_task_pages(secretariat_url, chromium, size, lang) -> None:
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    try:
        heading = {"zh": "催报名单", "en": "Reminder list"}[lang]
        open_page(pg, f"{secretariat_url}/submissions?lang={lang}", heading)
        assert_no_exception(pg)
        screenshot(pg, f"secretariat_submissions_{lang}_{size[0]}")
        todo = {"zh": "给报送单位的修改清单", "en": "What to tell each sender"}[lang]
        open_page(pg, f"{secretariat_url}/quality?lang={lang}", todo)
        assert_no_exception(pg)
        assert pg.get_by_text({"zh": "下载清单（.xlsx）", "en": "Download list (.xlsx)"}[lang]).count() == 1
        screenshot(pg, f"secretariat_quality_{lang}_{size[0]}")
    finally:
        context.close()
