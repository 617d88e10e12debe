"""dashboard/present/charts.py and the overview's trend grid (present/overview.py): figures built from DataFrames, with 万/亿 tick labels and translated titles."""

from __future__ import annotations

import pandas as pd  # noqa: E402

from dashboard.present import charts  # noqa: E402
from dashboard.present.overview import trend_grid  # noqa: E402


def _trend() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2021, 2022, 2023, 2024] * 2,
            "metric": ["beneficiaries"] * 4 + ["events"] * 4,
            "value": [2.0e7, 2.2e7, 2.4e7, 2.6e7, 1500, 1600, 1700, 1800],
        }
    )


def test_trend_grid_one_trace_per_metric_with_wan_ticks() -> None:
    fig = trend_grid(
        _trend(), {"beneficiaries": "受益人次（人次）", "events": "开展活动（场）"}, "zh", "年份"
    )
    assert len(fig.data) == 2
    assert [a.text for a in fig.layout.annotations] == ["受益人次（人次）", "开展活动（场）"]
    assert any(str(t).endswith(("万", "亿")) for t in fig.layout.yaxis.ticktext)
    assert list(fig.data[0].x) == [2021, 2022, 2023, 2024]
    assert fig.data[0].text[-1] == "2600万"


def test_trend_grid_english() -> None:
    fig = trend_grid(_trend(), {"beneficiaries": "Beneficiaries", "events": "Events"}, "en", "Year")
    assert any(str(t).endswith("M") for t in fig.layout.yaxis.ticktext)
    assert not any("万" in str(t) for t in fig.layout.yaxis.ticktext)


def test_trend_grid_empty_frame_does_not_fail() -> None:
    fig = trend_grid(_trend().iloc[0:0], {"events": "开展活动"}, "zh", "年份")
    assert len(fig.data) == 1 and len(fig.data[0].x) == 0


def test_province_bars_largest_on_top_with_change() -> None:
    df = pd.DataFrame(
        {
            "province": ["广东省", "四川省", "陕西省"],
            "value": [4.16e6, 2.6e6, 1.5e6],
            "prev_value": [3.84e6, None, 1.6e6],
        }
    )
    fig = charts.province_bars(
        df, {"广东省": "广东省", "四川省": "四川省", "陕西省": "陕西省"}, "zh", "受益人次（人次）", "同比"
    )
    bar = fig.data[0]
    assert list(bar.y) == ["陕西省", "四川省", "广东省"]  # plotly draws bottom-up
    assert bar.text[-1] == "416万" and bar.text[1] == "260万"
    assert [a.text for a in fig.layout.annotations if a.yref == "y"] == ["-6.2%", "—", "+8.3%"]
    assert fig.layout.xaxis.title.text == "受益人次（人次）"


def test_sparkline_has_no_axes() -> None:
    fig = charts.sparkline([2021, 2022], [1.0, 2.0])
    assert fig.layout.xaxis.visible is False and fig.layout.height == 60


def test_trend_grid_says_no_data_in_an_empty_panel() -> None:
    df = _trend()[_trend()["metric"] == "events"]
    fig = trend_grid(df, {"beneficiaries": "受益人次", "events": "开展活动"}, "zh", "年份", "无数据")
    assert "无数据" in [a.text for a in fig.layout.annotations]
