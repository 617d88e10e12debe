"""比较 Compare in headless Chromium: the map of China drawn offline with every province, per-capita
colours, and the drill-down's double-count rule (on the fixture database with the secretariat rows)."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import (
    SCREENSHOTS,
    assert_no_exception,
    open_page,
    screenshot,
    wait_for_app,
    wait_for_map,
)

pytestmark = pytest.mark.browser
FILLS_JS = "() => Array.from(document.querySelectorAll('.geo .choroplethlocation')).map(p => getComputedStyle(p).fill)"


def test_map_is_drawn_offline_with_every_province(secretariat_url, page) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, f"{secretariat_url}/compare?years=2024", "各省份分布图")
    wait_for_map(page)
    assert_no_exception(page)
    main = page.locator(".geo").first
    # every province exactly once: 8 coloured (with figures; 兵团 has none on the map) + 26 grey
    assert main.locator(".choroplethlocation").count() == 34
    # the inset draws only the provinces in its view (海南, 广东, 台湾, 香港, 澳门 among them)
    assert 5 <= page.locator(".geo").nth(1).locator(".choroplethlocation").count() < 34
    # filled as provinces, not the whole globe: every area's box is smaller than the map's
    boxes = page.evaluate(
        "() => { const g = document.querySelector('.geo .bglayer rect') || document.querySelector('.geo');"
        " const m = g.getBoundingClientRect();"
        " return Array.from(document.querySelectorAll('.geo .choroplethlocation')).map(p => {"
        " const b = p.getBoundingClientRect(); return [b.width * b.height, m.width * m.height]; }); }"
    )
    assert all(area < 0.5 * whole for area, whole in boxes)
    assert page.locator(".geo").count() == 2  # the mainland and the 南海诸岛 inset
    assert page.get_by_text("南海诸岛", exact=True).count() >= 1
    assert page.locator(".geo .scatterlayer path.js-line").count() >= 2  # maritime line on both
    outside = [u for u in requests if not (u.startswith(secretariat_url) or u.startswith("data:"))]
    assert outside == []
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    screenshot(page, "compare_map_zh")
    page.locator(".js-plotly-plot").first.screenshot(
        path=str(SCREENSHOTS / "compare_map_only.png")
    )

    before = page.evaluate(FILLS_JS)
    page.get_by_text("按每万常住人口", exact=True).click()
    wait_for_app(page)
    wait_for_map(page)
    page.wait_for_function(
        "() => document.querySelector('.geo') && "
        "document.querySelector('.js-plotly-plot').innerHTML.includes('每万人')"
    )
    after = page.evaluate(FILLS_JS)
    assert sorted(set(after)) != sorted(set(before)), (
        set(before),
        set(after),
    )  # per-capita changes the colours
    assert_no_exception(page)
    screenshot(page, "compare_map_per_capita_zh")


def test_drilldown_explains_double_count_rule(secretariat_url, page) -> None:
    open_page(page, f"{secretariat_url}/compare?years=2024", "省内报送明细")
    page.get_by_text("江苏省", exact=True).first.wait_for(state="attached")
    assert page.get_by_text("不重复计数规则", exact=False).count() == 1
    assert_no_exception(page)
