"""What the 比较 Compare page shows: blank cells instead of "None", 万 in the heat table's cells and
beside off-map figures, lines that break at a missing year, the sidebar's years kept, and no 同比 where
last year was counted differently (on the fixture database). (Found in the demo-data review.)"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from dashboard.data import compare as compare_q
from dashboard.data import overview as overview_q
from dashboard.filters import Filters
from dashboard.present import compare as compare_view
from dashboard.present import tables


def test_display_shows_missing_text_as_blank():
    df = pd.DataFrame({"org": [None, "北京市科协"], "value": [1.0, math.nan]})
    out = tables.display(df, "compare", ["org", "value"], "zh")
    assert out.iloc[0, 0] == "" and math.isnan(out.iloc[1, 1])


def test_heat_table_cells_in_wan_shaded_by_their_figure():
    """The cells carry their figures in 万 (no colour bar: it took 40% of a phone's width, issue 13) on a
    shade that grows with the figure; a missing year stays blank; provinces in code order."""
    df = pd.DataFrame(
        {
            "province": ["广东省", "广东省", "河南省"],
            "province_code": ["440000", "440000", "410000"],
            "year": [2024, 2023, 2024],
            "value": [5.5e6, 3e6, 1e5],
        }
    )
    heat = compare_view.heat_table(df, {}, "zh", "人次")
    assert list(heat.data.iloc[:, 0]) == ["河南省", "广东省"]
    html = heat.to_html()
    assert ">550万<" in html and ">10万<" in html and ">nan<" not in html
    shades = compare_view._heat_css(heat.data[["2023", "2024"]].to_numpy(dtype=float))
    assert shades[0][0] == ""  # 河南省 2023: no figure, no shade
    assert "rgb(8, 48, 107)" in shades[1][1] and "#FFFFFF" in shades[1][1]  # the largest: darkest, white ink


def test_side_by_side_breaks_the_line_at_a_missing_year():
    df = pd.DataFrame(
        {
            "province": ["河北省"] * 3,
            "year": [2021, 2023, 2024],
            "metric": ["events"] * 3,
            "value": [1.0, 3.0, 4.0],
        }
    )
    df = pd.concat([df, df.assign(province="北京市", year=[2021, 2022, 2023])])
    fig = compare_view.side_by_side(df, {}, {"events": "开展活动"}, "zh")
    hebei = fig.data[0]
    assert list(hebei.x) == [2021, 2022, 2023, 2024] and math.isnan(hebei.y[1])


def test_no_year_on_year_change_when_last_year_was_counted_differently(fixture_db: Path):
    """江苏 2024 is the sum of its cities (no provincial report), 2023 its own report: no 同比."""
    db = fixture_db
    ranking = overview_q.province_ranking(db, Filters(), 2024).set_index("province")
    assert pd.isna(ranking.loc["江苏省", "prev_value"]) and ranking.loc["广东省", "prev_value"] == 3.84e6
    compare = compare_q.compare_map(db, 2024, "beneficiaries", "科协").set_index("province")
    assert pd.isna(compare.loc["江苏省", "prev_value"]) and compare.loc["广东省", "prev_value"] == 3.84e6


def test_off_map_table_puts_the_figure_next_to_the_name():
    compare = pd.DataFrame({"province": ["新疆生产建设兵团"], "province_code": ["660000"], "value": [7.9e4]})
    out = compare_view.off_map(compare, pd.DataFrame({"org_name": [], "value": []}), set(), "zh", {})
    assert list(out.columns) == ["报送单位", "数值", "类别"] and out.iloc[0, 1] == "7.9万"


def test_compare_history_keeps_the_sidebar_years():
    df = pd.DataFrame({"year": [2021, 2024], "value": [1.0, 2.0]})
    assert compare_view.in_years(df, [2021])["value"].tolist() == [1.0]
    assert len(compare_view.in_years(df, [])) == 2
