"""What the 总览 Overview page shows, on its pure functions: trend labels placed clear of the line.
(Found in the demo-data review.)"""

from __future__ import annotations

from dashboard.present import charts


def test_trend_labels_go_below_a_dip_and_above_a_peak():
    assert charts.label_positions([1.71, 3.44, 1.9, 1.96]) == [
        "bottom center",
        "top center",
        "bottom center",
        "top center",
    ]
    assert charts.label_positions([5.0]) == ["top center"]


def test_like_for_like_sums_only_reporters_present_in_both_years(coverage_db) -> None:
    """湖北 (2023 only), 山西 (2024 only) and 江苏 (counted differently) stay out of the 同比."""
    from dashboard.data import overview as queries
    from dashboard.filters import Filters
    from tests.fixture_db import PROVINCES, value_for
    from tests.fixture_db_coverage import HENAN_BENEFICIARIES

    head = queries.headline(coverage_db, Filters(years=(2023, 2024)))
    row = head[(head["year"] == 2024) & (head["metric"] == "beneficiaries")].iloc[0]
    same = {y: sum(value_for("beneficiaries", f, y) for n, _, _, _, f in PROVINCES if n != "江苏省")
            + HENAN_BENEFICIARIES[y] + value_for("beneficiaries", 0.5, y) for y in (2023, 2024)}  # fmt: skip
    assert (row["same_value"], row["same_prev"], row["n_same"]) == (same[2024], same[2023], 8)
    assert row["n_provinces"] == 10 and row["n_partial"] == 1 and row["same_approximate"]


def test_a_clicked_bar_or_map_area_names_its_province() -> None:
    import pandas as pd

    from dashboard.present import map as map_chart
    from dashboard.present.overview import clicked_province

    ranking = pd.DataFrame({"province": ["广东省", "河南省", "四川省"], "value": [3.0, 2.0, 1.0]})
    order = charts.bar_order(ranking)  # drawn bottom to top: 四川, 河南, 广东
    assert clicked_province({"selection": {"points": [{"point_index": 2}]}}, order) == "广东省"
    assert clicked_province({"selection": {"points": []}}, order) is None
    data = pd.DataFrame({"province": ["河南省"], "province_code": ["410000"]})
    assert map_chart.clicked_province({"selection": {"points": [{"location": "410000"}]}}, data) == "河南省"


def test_bars_mark_partial_and_approximate_with_the_change_in_its_own_column() -> None:
    import pandas as pd

    df = pd.DataFrame(
        {
            "province": ["河南省", "江苏省", "陕西省"],
            "value": [4.1e6, 3.38e6, 1.0e5],
            "prev_value": [1.78e6, None, 9.0e4],
            "basis": ["province", "sum_of_cities_counties", "province"],
            "approximate": [True, False, False],
            "prev_approximate": [False, None, False],
        }
    )
    fig = charts.province_bars(df, {}, "zh", "受益人次（人次）", "同比")
    bar = fig.data[0]
    assert list(bar.y) == ["陕西省", "江苏省（市县合计）", "河南省"]
    assert bar.text[-1] == "约410万"
    column = {a.y: a.text for a in fig.layout.annotations if a.yref == "y"}
    assert column == {"陕西省": "+11.1%", "江苏省（市县合计）": "—", "河南省": "+130.3%（约）"}
    assert fig.layout.margin.r >= charts.text_width("+130.3%（约）")  # the column has its own room
