"""Every control in the URL, in real Chromium: change each control of the compare, submissions and quality
pages, open the address in a fresh browser context (a colleague's browser), and find the same view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.page_checks import (
    WAIT_MS,
    assert_no_exception,
    choose,
    open_page,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

MAIN = '[data-testid="stMain"]'


def _pick(page: Page, kind: str, label: str, option: str | None, nth: int = 0) -> None:
    """Choose `option` (None: the first) in the `nth` selectbox / multiselect labelled `label` (-1: the last)."""
    choose(page, page.locator(f'{MAIN} [data-testid="{kind}"]').filter(has_text=label).nth(nth), option)


def _toggle(page: Page, label: str) -> None:
    page.locator(f'{MAIN} [data-testid="stCheckbox"]').filter(has_text=label).first.locator("label").click()
    wait_for_app(page)


def _view(page: Page) -> dict[str, object]:
    """What a reader sees of the controls and the sentences they shape."""
    main = page.locator(MAIN)
    return {
        "selects": main.locator('[data-testid="stSelectbox"]').all_inner_texts(),
        "multis": main.locator('[data-testid="stMultiSelect"]').all_inner_texts(),
        "switches": [c.is_checked() for c in main.locator('[data-testid="stCheckbox"] input').all()],
        "captions": main.locator('[data-testid="stCaptionContainer"]').all_inner_texts(),
        "metrics": main.locator('[data-testid="stMetricValue"]').all_inner_texts(),
    }


def _same_view_in_a_fresh_browser(chromium: Browser, page: Page, name: str) -> None:
    url = page.url
    before = _view(page)
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    try:
        fresh = context.new_page()
        fresh.set_default_timeout(WAIT_MS)
        open_page(fresh, url)
        assert_no_exception(fresh)
        screenshot(fresh, f"url_state_{name}_reopened")
        assert fresh.url == url
        assert _view(fresh) == before
    finally:
        context.close()


def test_compare_view_reopens_from_its_link(secretariat_url, page, chromium) -> None:
    open_page(page, f"{secretariat_url}/compare", "省份并排对比")
    _pick(page, "stSelectbox", "年份", "2022")
    _toggle(page, "常住人口")
    _pick(page, "stMultiSelect", "选择", None)
    _pick(page, "stSelectbox", "省份", "江苏省")
    assert_no_exception(page)
    for key in ("cmp_year=2022", "per_capita=1", "side=", "drill="):
        assert key in page.url, page.url
    _same_view_in_a_fresh_browser(chromium, page, "compare")


def test_submissions_view_reopens_from_its_link(secretariat_url, page, chromium) -> None:
    open_page(page, f"{secretariat_url}/submissions", "应报省级单位")
    _pick(page, "stSelectbox", "年份", "2023")
    _toggle(page, "逾期")
    assert "sub_year=2023" in page.url and "only_late=1" in page.url, page.url
    _same_view_in_a_fresh_browser(chromium, page, "submissions")


def test_quality_view_reopens_from_its_link(secretariat_url, page, chromium) -> None:
    open_page(page, f"{secretariat_url}/quality", "数据质量")
    _pick(page, "stMultiSelect", "年份", "2024")
    _pick(page, "stMultiSelect", "严重", "错误")
    _pick(page, "stMultiSelect", "文件", None)
    _pick(page, "stMultiSelect", "问题类型", None)
    _pick(page, "stSelectbox", "年份", "2023", nth=-1)  # the file picker's year (the to-do list's comes first)
    for key in ("q_year=2024", "q_severity=error", "q_file=", "q_code=", "q_pick_year=2023"):
        assert key in page.url, page.url
    _same_view_in_a_fresh_browser(chromium, page, "quality")
