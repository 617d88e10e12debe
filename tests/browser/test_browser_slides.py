"""Pictures for slides: every chart of the overview and compare pages has Plotly's camera (and only it),
which saves a PNG at twice the on-screen size, named after what it shows, with its title in the figure."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.browser.page_checks import SCREENSHOTS, assert_no_exception, open_page, wait_for_map

pytestmark = pytest.mark.browser

CAMERA = '.modebar-btn[data-title^="Download plot"]'


def _save_every_chart(page: Page, out_dir: Path) -> list[dict]:
    """Click each chart's camera; return per chart: file name, PNG size, on-screen size, layout title."""
    charts = page.locator(".js-plotly-plot")
    n = charts.count()
    assert n > 0
    saved = []
    for i in range(n):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        # the camera is in sight before the pointer comes near (a newcomer, a phone)
        opacity = chart.locator(".modebar").first.evaluate("el => getComputedStyle(el).opacity")
        assert float(opacity) == 1.0, f"chart {i}: the camera shows only on hover"
        chart.hover()
        buttons = chart.locator(".modebar-btn")
        assert buttons.count() == 1, f"chart {i}: only the camera in the mode bar"
        with page.expect_download() as dl:
            chart.locator(CAMERA).first.click()
        download = dl.value
        path = out_dir / download.suggested_filename
        download.save_as(path)
        with Image.open(io.BytesIO(path.read_bytes())) as img:
            size = img.size
        info = chart.evaluate(
            "gd => ({w: gd._fullLayout.width, h: gd._fullLayout.height,"
            " title: gd.layout.title && gd.layout.title.text,"
            " subtitle: gd.layout.title && gd.layout.title.subtitle && gd.layout.title.subtitle.text})"
        )
        saved.append({"name": download.suggested_filename, "size": size, **info})
    return saved


def _check(saved: list[dict], year: str) -> None:
    for s in saved:
        assert s["name"].endswith(".png") and re.match(r"^[^/\\:*?\"<>| ]+\.png$", s["name"]), s["name"]
        assert s["name"] != "newplot.png"
        assert s["size"] == (2 * s["w"], 2 * s["h"]), s  # 2x the figure as laid out on screen
        title = re.sub(r"<[^>]+>", "", s["title"] or "")  # Streamlit's theme wraps the title in <b>
        assert title and title.split(" · ")[0] in s["name"] and s["name"][:-4].split("_")[-1] in title, s
        assert "数据来源" in s["subtitle"] and "截至" in s["subtitle"], s
        assert "演示数据" in s["subtitle"], s  # the fixture database is demo data
    assert any(s["name"].startswith(year) for s in saved)


def test_overview_charts_save_named_2x_png(dashboard_url, page, tmp_path) -> None:
    open_page(page, f"{dashboard_url}/", "核心指标")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .trace').length >= 5")
    assert_no_exception(page)
    saved = _save_every_chart(page, tmp_path)
    year = page.evaluate("() => new URLSearchParams(location.search).get('year') || ''")
    names = [s["name"] for s in saved]
    assert any(n.endswith("_受益人次_各省排名.png") for n in names), names
    assert any(n.endswith("_历年趋势.png") for n in names), names
    _check(saved, year.split(",")[-1] if year else "20")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for s in saved:  # kept for a look: the pictures as pasted into a slide
        (SCREENSHOTS / f"slide_overview_{s['name']}").write_bytes((tmp_path / s["name"]).read_bytes())


def test_compare_charts_save_named_2x_png(dashboard_url, page, tmp_path) -> None:
    open_page(page, f"{dashboard_url}/compare", "地区对比")
    wait_for_map(page)
    # the side-by-side chart is drawn once its expander is opened; the province × year heat is a table
    page.get_by_text("各项指标历年走势图（点开绘制）", exact=True).click()
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3", timeout=60_000)
    assert_no_exception(page)
    saved = _save_every_chart(page, tmp_path)
    names = [s["name"] for s in saved]
    for what in ("分省地图", "各省排名", "多省对比"):
        assert any(n.endswith(f"_{what}.png") for n in names), names
    _check(saved, "20")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for s in saved:
        (SCREENSHOTS / f"slide_compare_{s['name']}").write_bytes((tmp_path / s["name"]).read_bytes())
