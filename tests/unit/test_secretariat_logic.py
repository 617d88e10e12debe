"""Deadline matching (submission_deadlines view), drill-down counting, map and table helpers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import compare as compare_q
from dashboard.data import submissions as submissions_q
from dashboard.present import compare as compare_view
from dashboard.present import map as map_chart
from dashboard.present import notices as notices_view


@pytest.fixture(scope="module")
def db(secretariat_db: Path) -> Path:
    return secretariat_db


def by_org(df: pd.DataFrame) -> dict[str, pd.Series]:
    return {r["org_name"]: r for _, r in df.iterrows() if r["status"] == "loaded"}


def test_deadline_comes_from_the_nearest_notice_above_the_unit(db):
    rows = by_org(submissions_q.submitted_units(db, 2024, "科协"))
    assert rows["玄武区科协"]["notice_id"] == "nj_2024"  # county -> its city's notice
    assert rows["江阴市科协"]["notice_id"] == "js_2024"  # county, no city notice -> province's
    assert rows["南京市科协"]["notice_id"] == "js_2024"  # city -> its province's (never its own)
    assert rows["北京市科协"]["notice_id"] == "2024_cast"  # province -> national of its channel
    assert rows["浙江大学"]["notice_id"] == "2024_cast"  # unit -> national
    assert rows["中国科协"]["notice_id"] == "2024_cast"


def test_on_time_and_late(db):
    rows = by_org(submissions_q.submitted_units(db, 2024, "科协"))
    assert rows["玄武区科协"]["timeliness"] == "late"  # 06-12 after 南京's 06-10
    assert rows["南京市科协"]["timeliness"] == "late"  # 06-20 after 江苏's 06-15
    assert rows["江阴市科协"]["timeliness"] == "on_time"
    assert rows["陕西省科协"]["timeliness"] == "late" and rows["陕西省科协"]["submitted_source"] == "file"
    assert rows["北京市科协"]["timeliness"] == "on_time"


def test_no_notice_means_deadline_unknown(db):
    rows = submissions_q.submitted_units(db, 2022, "科协")
    assert len(rows) and set(rows["timeliness"]) == {"deadline_unknown"}
    assert rows["report_deadline"].isna().all()


def test_channel_of_the_notice_must_match(db):
    rows = by_org(submissions_q.submitted_units(db, 2023, "农技协"))
    assert rows and {r["timeliness"] for r in rows.values()} == {
        "deadline_unknown"
    }  # 2023 only has a 科协 notice
    rows = by_org(submissions_q.submitted_units(db, 2024, "农技协"))
    assert {r["notice_id"] for r in rows.values()} == {"2024_nongjixie"}


def test_expected_units_are_provinces_and_bingtuan_not_taiwan(db):
    expected = submissions_q.expected_units(db, 2024, "科协")
    codes = set(expected["province_code"])
    assert "660000" in codes and "710000" not in codes
    jiangsu = expected[expected["province_code"] == "320000"].iloc[0]
    assert jiangsu["timeliness"] == "missing" and jiangsu["n_below"] == 4


def test_drilldown_marks_what_counts(db):
    drill = compare_q.province_drilldown(db, "江苏省", 2024, "beneficiaries", "科协")
    counting = dict(zip(drill["org_name"], drill["counting"], strict=True))
    assert counting == {
        "南京市科协": "counted",
        "苏州市科协": "counted",
        "玄武区科协": "inside_city",
        "江阴市科协": "counted",
    }
    compare = compare_q.compare_map(db, 2024, "beneficiaries", "科协")
    jiangsu = compare[compare["province"] == "江苏省"].iloc[0]
    assert jiangsu["value"] == drill[drill["counting"] == "counted"]["value"].sum()  # same rule as the view
    assert "没有省级报送" in compare_view.drill_sentence(compare, "江苏省", 2024, "江苏省", "zh")
    assert "省级报送本身" in compare_view.drill_sentence(compare, "广东省", 2024, "广东省", "zh")
    drill = compare_q.province_drilldown(db, "浙江省", 2024, "events", "科协")
    assert dict(zip(drill["org_name"], drill["counting"], strict=True))["浙江大学"] == "unit"


def test_map_table_per_capita_changes_rank_and_keeps_codes_strings():
    data = pd.DataFrame(
        {
            "province_code": ["110000", "440000", "660000"],
            "value": [100.0, 300.0, 50.0],
            "prev_value": [80.0, None, 50.0],
            "population_10k": [10.0, 100.0, None],
        }
    )
    absolute = map_chart.map_table(data, per_capita=False)
    assert absolute["province_code"].tolist() == ["440000", "110000", "660000"]
    assert absolute.loc[absolute["province_code"] == "110000", "change_pct"].iloc[0] == pytest.approx(25.0)
    per = map_chart.map_table(data, per_capita=True)
    assert per["province_code"].tolist() == ["110000", "440000"]  # no population: not ranked per capita
    assert per["shown"].tolist() == [10.0, 3.0]


def test_province_map_draws_every_feature_and_the_inset():
    provinces, maritime = map_chart.load_geometry()
    data = pd.DataFrame(
        {
            "province_code": ["440000", "660000"],
            "value": [5.0e6, 1.0e4],
            "prev_value": [4.0e6, None],
            "population_10k": [12706.0, None],
        }
    )
    fig = map_chart.province_map(data, provinces, maritime, "zh", per_capita=False, unit="人次")
    base = [tr for tr in fig.data if tr.type == "choropleth" and tr.name == "无数据"]
    coloured = [tr for tr in fig.data if tr.type == "choropleth" and tr.name != "无数据"]
    assert len(base) == len(coloured) == 2
    every = {str(f["id"]) for f in provinces["features"]}
    main_grey, main_coloured = set(base[0].locations), set(coloured[0].locations)
    assert main_grey | main_coloured == every and not main_grey & main_coloured  # each province once
    assert main_coloured == {"440000"}  # 兵团 has no polygon: not on the map
    inset = set(base[1].locations) | set(coloured[1].locations)
    assert {"460000", "440000", "710000", "810000", "820000"} <= inset < every  # only what the inset shows
    assert {tr.geo for tr in fig.data} == {"geo", "geo2"}
    assert sum(tr.type == "scattergeo" for tr in fig.data) == 2
    assert "万" in "".join(coloured[0].colorbar.ticktext)
    for geo in (fig.layout.geo, fig.layout.geo2):  # no base layer: nothing needs the world topojson
        assert not any([geo.showland, geo.showcountries, geo.showcoastlines, geo.showocean, geo.showlakes])
    assert map_chart.PLOTLY_CONFIG["topojsonURL"].startswith("data:application/json,")
    assert map_chart.PLOTLY_CONFIG["topojsonURL"].endswith("#")


def test_province_map_can_name_its_boundaries_by_url():
    """The dashboard's map carries a URL, not 320 KB of boundaries per trace."""
    provinces, maritime = map_chart.load_geometry()
    data = pd.DataFrame({"province_code": ["440000"], "value": [5.0], "prev_value": [4.0]})
    fig = map_chart.province_map(data, provinces, maritime, geojson_url=map_chart.PROVINCES_URL)
    choropleths = [tr for tr in fig.data if tr.type == "choropleth"]
    assert len(choropleths) == 4 and {tr.geojson for tr in choropleths} == {map_chart.PROVINCES_URL}
    assert len(fig.to_json()) < 50_000


def test_off_map_lists_bingtuan_and_national_bodies():
    compare = pd.DataFrame(
        {
            "province": ["广东省", "新疆生产建设兵团"],
            "province_code": ["440000", "660000"],
            "value": [10.0, 20.0],
        }
    )
    national = pd.DataFrame({"org_name": ["中国科协"], "value": [30.0]})
    out = compare_view.off_map(compare, national, {"440000"}, "zh", {})
    assert out.iloc[:, 0].tolist() == ["新疆生产建设兵团", "中国科协"]


def test_find_lines_and_highlight():
    text = "一、活动主题\n弘扬科学家精神\n请于6月30日前报送总结。"
    assert notices_view.find_lines(text, "报送") == [(3, "请于6月30日前报送总结。")]
    assert notices_view.find_lines(text, "  ") == []
    assert "**:red[报送]**" in notices_view.highlight(text, "报送")


def test_heat_table_and_category_heat_shapes():
    df = pd.DataFrame(
        {
            "province": ["广东省", "广东省", "北京市"],
            "province_code": ["440000", "440000", "110000"],
            "year": [2023, 2024, 2024],
            "value": [1.0e4, 2.0e4, 3.0e4],
        }
    )
    heat = compare_view.heat_table(df, {}, "zh", "人")
    assert list(heat.data.columns[1:]) == ["2023", "2024"] and list(heat.data.iloc[:, 0]) == ["北京市", "广东省"]
    assert ">2万<" in heat.to_html()
    cats = pd.DataFrame({"year": [2023, 2024, 2024], "category": ["A", "A", "B"], "n": [1, 2, 1]})
    fig = notices_view.category_heat(cats, "年份")
    assert list(fig.data[0].y) == ["B", "A"]


def test_an_indented_notice_line_is_not_a_code_block():
    """Markdown makes a line indented by a tab or four spaces a code block (and the browser then loads
    its syntax highlighter); the notice's indentation is kept as no-break spaces instead."""
    text = "\t组织单位\n    （盖章）\n正文"
    for query in ("", "盖章"):
        shown = notices_view.highlight(text, query)
        assert not any(line.startswith(("\t", "    ")) for line in shown.split("\n")), shown
        assert shown.startswith("\u00a0" * 4 + "组织单位")
