"""探索 Explore in real headless Chromium: the downloads hold what the table shows; grain and language."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.browser.page_checks import assert_no_exception, open_page, screenshot, wait_for_app
from tests.fixture_db import FORMULA_ORG

pytestmark = pytest.mark.browser


def test_explore_downloads_match_table(dashboard_url, page) -> None:
    open_page(page, f"{dashboard_url}/explore?years=2024&area=广东省&grain=metric_value", "下载 CSV")
    assert_no_exception(page)
    screenshot(page, "explore_zh")
    with page.expect_download() as dl:
        page.get_by_role("button", name="下载 CSV").click()
    csv = dl.value
    assert csv.suggested_filename == "科技工作者日_2024_广东省_科协_受益人次_指标数值.csv"
    raw = Path(csv.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert "'" + FORMULA_ORG in df["组织单位"].tolist()
    assert "广东省科协" in df["组织单位"].tolist()
    with page.expect_download() as dl:
        page.get_by_role("button", name="下载 Excel（.xlsx）").click()
    xl = dl.value
    assert xl.suggested_filename.endswith(".xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(Path(xl.path()).read_bytes())).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == df.columns.tolist()
    assert len(rows) - 1 == len(df)
    assert all(not str(c).startswith("=") for r in rows for c in r if c is not None)
    assert page.get_by_text(f"共 {len(df)} 行").count() == 1


def test_downloads_mark_partial_and_approximate_figures(coverage_url, page) -> None:
    """Issue 13: a figure read from a download says what the map and ranking mark: a province counted
    from its cities and counties (江苏 2024) and a figure resting on a value written 约/余 (河南's 4100000余)."""
    open_page(page, f"{coverage_url}/explore?years=2024&grain=province_year", "下载 CSV")
    assert_no_exception(page)
    with page.expect_download() as dl:
        page.get_by_role("button", name="下载 CSV").click()
    df = pd.read_csv(dl.value.path(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    df = df.set_index("省份")
    assert df.loc["江苏省", "市县合计（可能不全）"] == "是" and df.loc["江苏省", "口径"] == "市县合计"
    assert df.loc["广东省", "市县合计（可能不全）"] == "否"
    assert "受益人次" in df.loc["河南省", "含约数的指标"] and df.loc["广东省", "含约数的指标"] == ""
    with page.expect_download() as dl:
        page.get_by_role("button", name="下载 Excel（.xlsx）").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    head = list(rows[0])
    henan = next(r for r in rows if r[head.index("省份")] == "河南省")
    assert "受益人次" in henan[head.index("含约数的指标")]


def test_explore_grain_and_english(dashboard_url, page) -> None:
    open_page(page, f"{dashboard_url}/explore?lang=en", "Download CSV")
    page.get_by_text("Per province and year", exact=True).click()
    wait_for_app(page)
    assert_no_exception(page)
    page.wait_for_function("() => location.search.includes('grain=province_year')")
    screenshot(page, "explore_en_province_year")
