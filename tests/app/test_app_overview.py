"""总览 Overview through AppTest against the fixture database (figures known from fixture_db.py)."""

from __future__ import annotations

import re

from tests.apptest import qp, small_table_css, small_tables
from tests.fixture_db import PROVINCES, value_for
from tests.fixture_db_coverage import HENAN_BENEFICIARIES


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
    # 受益人次 2024 in 万, marked 约: 四川's figure is written approximate
    expected = _national("beneficiaries", 2024)
    assert at.metric[3].value == f"约{round(expected / 1e4)}万"
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
    assert at.metric[3].value == f"约{round(_national('beneficiaries', 2022) / 1e4)}万"


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


# --- issue 13: like-for-like 同比, coverage, marks, sentences, several provinces (coverage layer) ---


def _same_reporters(year: int) -> float:
    """受益人次 of the reporters present in 2023 and 2024 and counted the same way: the base provinces
    but 江苏 (own report in 2023, cities in 2024), 河南 (tests/fixture_db_coverage.py) and 中国科协."""
    total = sum(value_for("beneficiaries", f, year) for n, _, _, _, f in PROVINCES if n != "江苏省")
    return total + HENAN_BENEFICIARIES[year] + value_for("beneficiaries", 0.5, year)


def test_headline_change_is_like_for_like_when_coverage_differs(coverage_app) -> None:
    at = coverage_app()
    assert not at.exception
    same = _same_reporters(2024) / _same_reporters(2023) - 1
    card = at.metric[3]
    assert card.delta == f"{same * 100:+.1f}%（约）"  # 河南's 2024 figure is written 4100000余
    assert card.proto.delta_description == "同口径" and "8个省级单位及全国性组织" in card.help
    naive = _national_with_coverage(2024) / _national_with_coverage(2023) - 1
    assert f"{naive * 100:+.1f}%" not in card.delta  # never the change of two totals
    assert "按两年都报送的8个省级单位及全国性组织同口径比较" in at.markdown[0].value
    assert f"同比{same * 100:+.1f}%" in at.markdown[0].value


def _national_with_coverage(year: int) -> float:
    extra = {2023: HENAN_BENEFICIARIES[2023] + value_for("beneficiaries", 0.8, 2023),
             2024: HENAN_BENEFICIARIES[2024] + value_for("beneficiaries", 0.5, 2024)}  # fmt: skip
    return _national("beneficiaries", year) + extra[year]


def test_coverage_sentence_names_who_is_missing_and_who_is_partial(coverage_app) -> None:
    at = coverage_app()
    captions = [c.value for c in at.caption]
    assert "2024年10个省级单位有数据（其中1个为市县合计：江苏省），缺湖北省（未报送）。" in captions
    at = coverage_app(lang="en")
    assert any("missing Hubei (not submitted)" in c.value for c in at.caption)


def test_one_province_sentence_rank_change_driver(coverage_app) -> None:
    at = coverage_app(area="河南省")
    line = at.markdown[0].value
    assert "2024年河南省受益人次约410万人次，居全国第2位（共10个省级单位有数据）" in line
    assert "同比+130.3%（依据约数）" in line  # the change rests on 4100000余
    assert "各项指标中变化最大的是受益人次（+130.3%，依据约数）" in line
    assert "增幅最大的是河南省" not in line  # the old sentence compared the province with itself


def test_a_province_that_did_not_report_says_so(coverage_app) -> None:
    at = coverage_app(area="湖北省")
    assert not at.exception
    assert at.markdown[0].value == "**湖北省2024年受益人次：未报送（不是零）。**"


def test_partial_province_is_marked_in_the_sentence_and_ranking(coverage_app) -> None:
    at = coverage_app(area="华东")
    assert "江苏省（市县合计）最多" in at.markdown[0].value
    at = coverage_app(page="compare")
    table = next(x for x in small_tables(at) if "排名" in x.columns)  # the ranking beside the bars
    assert "江苏省（市县合计）" in set(table["省份"])
    row = table[table["省份"] == "河南省"].iloc[0]
    assert row["数值"] == "约410万" and row["较上年"] == "+130.3%（约）"


def test_several_provinces_from_the_url(coverage_app) -> None:
    at = coverage_app(area=["河南省", "湖北省"])
    assert not at.exception
    assert at.sidebar.multiselect(key="w_area_zh").value == ["河南省", "湖北省"]
    assert qp(at, "area") == ["河南省", "湖北省"]
    assert at.markdown[0].value.startswith("**2024年河南省、湖北省受益人次合计约410万人次（1个省级单位）")
    captions = " ".join(c.value for c in at.caption)
    assert "缺湖北省（未报送）" in captions
    # the trend's totals cover 2 provinces in 2023 and 1 in 2024: said under the chart
    assert "各年报送的省级单位数不同（2023年2个、2024年1个）" in captions
    # the compare page starts its side-by-side from them, and shows the one without a report as such
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception
    side = next(m for m in at.multiselect if m.label == "选择2至5个省份")
    assert side.value == ["河南省", "湖北省"]
    missing = next(d for d in small_tables(at) if "2024年报送情况" in d.columns)
    assert missing.to_dict("records") == [{"省份": "湖北省", "2024年报送情况": "未报送"}]


def test_side_by_side_starts_from_the_top_provinces_and_lists_every_province(coverage_app) -> None:
    at = coverage_app(page="compare")
    side = next(m for m in at.multiselect if m.label == "选择2至5个省份")
    assert side.value == ["广东省", "河南省", "浙江省"]  # top 3 by 受益人次 2024, not the first by code
    assert "湖北省" in side.options  # no figure in 2024, still listed


def test_drill_follows_the_url(coverage_app) -> None:
    at = coverage_app(page="compare", drill="湖北省")
    assert not at.exception
    assert at.selectbox(key="compare_drill_zh").value == "湖北省"
    assert any(m.value == "湖北省2024年在本渠道没有数字：未报送（不是零）。" for m in at.markdown)
    at.selectbox(key="compare_drill_zh").set_value("河南省").run()
    assert qp(at, "drill") == ["河南省"]


def test_compare_heat_table_shows_figures_and_leaves_a_missing_year_blank(coverage_app) -> None:
    at = coverage_app(page="compare")
    cells = next(x for x in small_tables(at) if "2024" in x.columns).set_index("省份 · 受益人次（人次）")
    assert cells.loc["河南省", "2024"] == "410万" and cells.loc["广东省", "2021"] == "320万"
    assert cells.loc["河南省", "2022"] == "" and cells.loc["湖北省", "2024"] == ""  # no figure: blank
    assert list(cells.index[:2]) == ["北京市", "河北省"]  # provinces in code order
    # a shade on every cell with a figure and on no blank one (the Styler's CSS, one rule per style)
    shaded = set()
    for selectors, rule in small_table_css(at, "省份 · 受益人次"):
        if "background-color" in rule:
            shaded |= {tuple(map(int, m)) for m in re.findall(r"_row(\d+)_col(\d+)", selectors)}
    years = list(cells.columns)
    assert shaded == {(r, c + 1) for r in range(len(cells)) for c in range(len(years)) if cells.iat[r, c]}


def test_drill_down_table_is_sent_once_a_province_is_chosen(coverage_app) -> None:
    at = coverage_app(page="compare")
    assert len(at.dataframe) == 0  # a first visit draws no data grid: the drill-down's table waits
    assert any(e.label.startswith("该省每份报送的明细表") for e in at.expander)
    at.selectbox(key="compare_drill_zh").set_value("江苏省").run()  # choosing a province opens it
    drill = at.dataframe[0].value
    assert {"南京市科协", "苏州市科协"} <= set(drill["报送单位"]), drill
    # a link naming the province (the overview's ranking, a shared view) opens it too
    linked = coverage_app(page="compare", drill="江苏省")
    assert linked.dataframe[0].value.equals(drill)
