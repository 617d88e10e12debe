"""总览 Overview through AppTest against the fixture database (figures known from fixture_db.py)."""

from __future__ import annotations

from tests.fixture_db import PROVINCES, value_for


def _national(metric: str, year: int) -> float:
    """科协 headline per fixture: provinces (江苏 2024 from cities + 江阴) + 中国科协; units excluded."""
    total = 0.0
    for name, _, _, _, factor in PROVINCES:
        if name == "江苏省" and year == 2024:
            total += sum(value_for(metric, s, 2024) for s in (0.6, 0.5, 0.2))
        else:
            total += value_for(metric, factor, year)
    return total + value_for(metric, 0.5, year)


def test_renders_headlines_for_latest_year(app) -> None:
    at = app()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == ["科技志愿者（人）", "开展活动（场）", "媒体报道（次）", "受益人次（人次）"]
    # 受益人次 2024 in 万
    expected = _national("beneficiaries", 2024)
    assert at.metric[3].value == f"{round(expected / 1e4)}万"
    assert at.metric[3].delta.startswith("+")


def test_summary_line_names_a_province(app) -> None:
    at = app()
    summary = at.markdown[0].value
    assert "2024年全国受益人次合计" in summary and "广东省最多" in summary


def test_year_filter_changes_figures(app) -> None:
    at = app()
    before = [m.value for m in at.metric]
    at.sidebar.multiselect(key="w_years_zh").set_value([2021, 2022]).run()
    assert not at.exception
    after = [m.value for m in at.metric]
    assert after != before
    assert at.metric[3].value == f"{round(_national('beneficiaries', 2022) / 1e4)}万"


def test_area_filter_drops_national_bodies(app) -> None:
    at = app(area="广东省")
    v = value_for("beneficiaries", 1.6, 2024)
    assert at.metric[3].value == f"{round(v / 1e4)}万"


def test_year_without_data_says_so(app) -> None:
    at = app(channel="农技协", years=["2021", "2022"])
    assert not at.exception
    assert any("没有数据" in i.value for i in at.info)
    assert all(m.value == "无数据" for m in at.metric)


def test_english_numbers(app) -> None:
    at = app(lang="en")
    assert at.metric[3].value.endswith("M")
    assert at.markdown[0].value.startswith("**In 2024")


def test_every_page_text_key_exists(app) -> None:
    """A missing key renders as the key itself: no visible string may look like `page.key`."""
    at = app()
    for page, lang in (("overview", "zh"), ("explore", "en")):
        at = app(page=page, lang=lang)
        for el in list(at.markdown) + list(at.title) + list(at.caption) + list(at.subheader):
            assert not str(el.value).startswith(("overview.", "explore.", "common.", "codes."))
