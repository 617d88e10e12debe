"""AppTest for the secretariat pages (compare, submissions, notices, quality) on the fixture database
plus the secretariat layer of tests/fixture_db.py: notices with deadlines, 兵团, late files, load issues."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import small_tables

PAGES = ("compare", "submissions", "notices", "quality")
MISSING_KEY = re.compile(r"(?<![\w/])(compare|submissions|notices|quality|common|codes)\.[a-z_]+\b")


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning] + [s.value for s in at.subheader] + [x.value for x in at.title]
    # grids, and the small static tables (widgets.small_table) as their cells read
    parts += [df.value.to_string() for df in at.dataframe] + [df.to_string() for df in small_tables(at)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders(secretariat_app, page, lang):
    at = secretariat_app(page, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    assert "13800138000" not in text and "张三" not in text  # personal data never shown
    assert not MISSING_KEY.search(text), MISSING_KEY.search(text)  # a missing text key shows as the key


def test_compare_year_and_drilldown_change_what_is_shown(secretariat_app):
    at = secretariat_app("compare")
    at.selectbox(key="compare_year").set_value(2024).run()
    at.selectbox(key="compare_drill_zh").set_value("江苏省").run()
    assert not at.exception
    assert any("没有省级报送" in m.value for m in at.markdown)
    at.selectbox(key="compare_year").set_value(2023).run()
    assert any("省级报送本身" in m.value for m in at.markdown)
    at.toggle(key="compare_per_capita").set_value(True).run()
    assert not at.exception


def test_submissions_year_change_updates_late_count(secretariat_app):
    at = secretariat_app("submissions")
    at.selectbox(key="submissions_year").set_value(2024).run()
    assert at.metric[3].value == "3"  # late: 陕西, 南京市, 玄武区
    at.selectbox(key="submissions_year").set_value(2022).run()
    assert at.metric[3].value == "0" and any("2022" in w.value for w in at.warning)  # no notice: unknown


def test_quality_filters_issues_and_shows_cells(secretariat_app):
    at = secretariat_app("quality")  # dataframes: the to-do list, the issues, the chosen file's cells
    all_rows = len(at.dataframe[1].value)
    at.multiselect(key="quality_severity_zh").set_value(["error"]).run()
    errors = at.dataframe[1].value
    assert 0 < len(errors) < all_rows and set(errors["严重程度"]) == {"错误"}
    assert len(at.dataframe) == 3


def test_notices_search_marks_matches(secretariat_app):
    at = secretariat_app("notices")
    at.selectbox(key="notices_pick").set_value("2024_cast").run()
    at.text_input(key="notices_search").input("报送").run()
    assert not at.exception
    assert any("找到 1 处" in c.value for c in at.caption)
    assert any("**:red[报送]**" in m.value for m in at.markdown)
