"""总览 Overview in real headless Chromium: renders, filters from the sidebar, switches language, opens by
its own name."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import (
    CUT_JS,
    SIZES,
    assert_no_exception,
    open_page,
    screenshot,
    screenshot_all,
    wait_for_app,
)

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


# no bar's value label runs into the 同比 column: [label, change] pairs whose boxes meet
OVERLAP_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
  const notes = Array.from(plot.querySelectorAll('.annotation-text')).map(a => [a.textContent, a.getBoundingClientRect()]);
  return Array.from(plot.querySelectorAll('.bartext')).flatMap(el => {
    const b = el.getBoundingClientRect();
    return notes.filter(([, n]) => b.left < n.right && n.left < b.right && b.top < n.bottom && n.top < b.bottom)
      .map(([t]) => [el.textContent, t]);
  });
})"""
CARD_CUT_JS = """() => Array.from(document.querySelectorAll('[data-testid=stMetric] *'))
  .filter(el => el.textContent.trim() && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent)"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_overview_layout_holds(coverage_url, page, size, lang) -> None:
    """At each size and language: no bar label or axis title cut, no metric card cut (screenshots kept)."""
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
    open_page(page, f"{coverage_url}/?lang={lang}", "Headline figures" if lang == "en" else "核心指标")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .bartext').length >= 5")
    assert_no_exception(page)
    assert page.evaluate(CUT_JS) == []
    assert page.evaluate(CARD_CUT_JS) == []
    assert page.evaluate(OVERLAP_JS) == []
    screenshot_all(page, f"overview_{lang}_{size}")


def test_several_provinces_restored_from_the_url(coverage_url, page) -> None:
    open_page(page, f"{coverage_url}/?area=河南省&area=湖北省", "核心指标")
    assert_no_exception(page)
    assert page.get_by_text("2024年河南省、湖北省受益人次合计", exact=False).count() == 1
    assert page.get_by_text("缺湖北省（未报送）", exact=False).count() == 1
    sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1).inner_text()
    assert "河南省" in sidebar and "湖北省" in sidebar
    screenshot(page, "overview_two_provinces_zh")


def test_clicking_a_bar_opens_the_province(coverage_url, page) -> None:
    open_page(page, f"{coverage_url}/", "核心指标")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .bars .point').length >= 5")
    bar = page.locator(".js-plotly-plot .bars .point path").last  # drawn bottom-up: the top one, 广东省
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    # Plotly's drag layer lies over the bars and turns a click at a bar's place into a selection of it
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "() => decodeURIComponent(location.search).includes('drill=广东省')",
    )
    wait_for_app(page, "省内报送明细")
    assert_no_exception(page)
    assert page.get_by_text("广东省2024年的数字是省级报送本身", exact=False).count() == 1
    screenshot(page, "overview_click_to_compare_drill")
