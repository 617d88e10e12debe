"""Pictures for slides (dashboard/present/slides.py): file names, the camera-only config, the title and
source drawn into a copy of the figure, the cached figure left as it was."""

from __future__ import annotations

import pandas as pd

from dashboard.present import charts, slides
from dashboard.present.charts import province_bars

INFO = {"built_at": pd.Timestamp("2025-05-20 09:30"), "is_demo": True}


def _bars():
    df = pd.DataFrame({"province": ["北京市", "河南省"], "value": [1e6, 4.1e6], "prev_value": [9e5, None]})
    return province_bars(df, {}, "zh", "受益人次（人次）", "同比")


def test_file_name_says_what_the_chart_shows() -> None:
    s = slides.slide("各省排名", 2024, "受益人次", "科协", "zh", INFO)
    assert s.file_name == "2024_受益人次_各省排名"
    assert slides.slide("Provinces ranked", "2021-2024", "S&T volunteers", "CAST", "en").file_name == (
        "2021-2024_S&T-volunteers_Provinces-ranked"
    )
    assert slides.slide('a/b:c*"d', "", "", "", "zh").file_name == "a-b-c-d"


def test_title_and_source_lines() -> None:
    s = slides.slide("各省排名", 2024, "受益人次", "科协", "zh", INFO)
    assert s.title == "2024 · 受益人次 · 各省排名（科协渠道）"
    assert s.source.startswith("数据来源：") and "截至 2025-05-20" in s.source and "演示数据" in s.source
    assert "<br>" not in s.source and "<br>" in s.chart_source
    real = slides.slide("各省排名", 2024, "受益人次", "科协", "zh", {"built_at": None, "is_demo": False})
    assert "演示" not in real.source and "截至 —" in real.source
    en = slides.slide("Trend", "2021-2024", "", "CAST", "en", INFO)
    assert en.title == "2021-2024 · Trend (CAST channel)" and "DEMO" in en.source
    assert slides.slide("通知时间线", "", "", "", "zh").title == "通知时间线"  # no channel: no "（渠道）"


def test_camera_config_keeps_only_the_camera_at_2x() -> None:
    s = slides.slide("分省地图", 2024, "受益人次", "科协", "zh", INFO)
    config = slides.camera(s, {"topojsonURL": "data:x", "scrollZoom": False})
    assert config["modeBarButtons"] == [["toImage"]]
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": "2024_受益人次_分省地图",
        "scale": 2,
    }
    assert config["topojsonURL"] == "data:x" and config["displaylogo"] is False
    assert config.get("displayModeBar") is not False


def test_framed_breaks_long_lines_to_fit_a_phone() -> None:
    """Plotly draws a title on one line, cut by a narrow figure: the lines are broken to fit LINE_PX."""
    s = slides.slide("Provinces side by side", "2021-2024", "S&T volunteers mobilized", "CAST", "en", INFO)
    out = slides.framed(_bars(), s)
    title = out["layout"]["title"]["text"].split("<br>")
    source = out["layout"]["title"]["subtitle"]["text"].split("<br>")
    assert len(title) >= 2 and len(source) >= 2
    assert all(charts.text_width(x, slides.TITLE_SIZE) <= slides.LINE_PX for x in title)
    assert all(charts.text_width(x, slides.SOURCE_SIZE) <= slides.LINE_PX for x in source)
    assert " ".join(title) == s.title  # broken at spaces and separators only, nothing lost
    assert out["layout"]["height"] == _bars().layout.height + slides.frame_px(len(title), len(source))


def test_framed_adds_title_above_and_leaves_the_figure_alone() -> None:
    fig = _bars()
    before = fig.to_dict()
    s = slides.slide("各省排名", 2024, "受益人次", "科协", "zh", INFO)
    out = slides.framed(fig, s)
    assert fig.to_dict() == before  # the cached figure is shared between sessions: never changed
    assert out["layout"]["title"]["text"] == s.title  # short enough for one line
    source = out["layout"]["title"]["subtitle"]["text"].split("<br>")
    assert "".join(source).replace(" ", "") == s.chart_source.replace("<br>", "").replace(" ", "")
    added = slides.frame_px(1, len(source))
    assert out["layout"]["height"] == before["layout"]["height"] + added
    assert out["layout"]["margin"]["t"] == before["layout"]["margin"]["t"] + added
    assert out["data"] == before["data"]
