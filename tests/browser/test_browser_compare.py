"""比较 Compare in headless Chromium: the map of China drawn offline with every province, per-capita
colours, and the drill-down's double-count rule (on the fixture database with the secretariat rows)."""

from __future__ import annotations

import pytest

from tests.browser.page_checks import (
    CUT_JS,
    SCREENSHOTS,
    SIZES,
    assert_no_exception,
    open_page,
    screenshot,
    screenshot_all,
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
    page.locator(".js-plotly-plot").first.screenshot(path=str(SCREENSHOTS / "compare_map_only.png"))

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




@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_compare_layout_holds(coverage_url, page, size, lang) -> None:
    """At each size and language: no chart label cut; the heat table keeps its width for the cells."""
    page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
    open_page(page, f"{coverage_url}/compare?lang={lang}&area=河南省&area=湖北省&area=广东省",
              "Provinces side by side" if lang == "en" else "省份并排对比")  # fmt: skip
    wait_for_map(page)
    assert_no_exception(page)
    assert page.evaluate(CUT_JS) == []
    assert page.locator(".js-plotly-plot .colorbar").count() <= 1  # the map's only: heat cells carry numbers
    screenshot_all(page, f"compare_{lang}_{size}")


def test_clicking_the_map_opens_the_province(coverage_url, page) -> None:
    open_page(page, f"{coverage_url}/compare", "各省份分布图")
    wait_for_map(page)
    assert page.locator('[data-testid="stDataFrame"]').count() == 0  # no data grid until one is asked for
    # the main map's second trace holds the provinces with figures, drawn in the order of its locations
    k = page.evaluate("() => document.querySelector('.js-plotly-plot').data[1].locations.indexOf('410000')")
    assert k >= 0
    henan = (
        page.locator(".geo")
        .first.locator(".choroplethlayer .trace")
        .nth(1)
        .locator(".choroplethlocation")
        .nth(k)
    )
    box = henan.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function(
        "() => decodeURIComponent(location.search).includes('drill=河南省')",
    )
    wait_for_app(page)
    assert page.get_by_text("河南省2024年的数字是省级报送本身：约410万。", exact=True).count() == 1
    # and opens the province's table of submissions (drawn only once asked for)
    page.locator('.st-key-compare_drill_table [data-testid="stDataFrame"]').wait_for()
    assert_no_exception(page)
