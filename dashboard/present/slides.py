"""Charts fit for a slide: Plotly's camera (and nothing else in the mode bar) saving a 2x PNG named after
what the chart shows, and the lines a pasted picture needs drawn into the figure itself.

Plotly's camera exports the figure as it is on screen (there is no export-only layout), so what must be in
the picture (what it shows, year, metric, channel; "数据来源：…，截至 …" and the demo label) is the figure's
own title and subtitle: one small grey block above the plot, which on screen reads as the chart's caption.
Pure: no Streamlit. Pages call `slide(...)` once per chart, then `framed(fig, s)` and `camera(s)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.present.charts import FONT, wrap_to
from dashboard.present.text import t

TITLE_COLOR = "#1A2433"
SUBTITLE_COLOR = "#5B6B7F"
TITLE_SIZE, SOURCE_SIZE = 14, 11
TITLE_LINE_PX, SOURCE_LINE_PX = 19, 14  # the height of one line of each
FRAME_PAD_PX = 14  # above the title and between the source lines and the plot
# Plotly draws a title on one line whatever the figure's width, so the title and source are broken into
# lines that fit the narrowest chart there is: one column on a phone (390 px less the page's padding)
LINE_PX = 300
SCALE = 2  # the PNG is twice the on-screen size: sharp on a projector
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters Windows and macOS refuse in a file name


@dataclass(frozen=True)
class Slide:
    """What a chart shows, for its picture: the title line, the source line, the file name."""

    what: str  # 各省排名, 历年趋势 …
    year: str  # 2024, 2021-2024
    metric: str  # metric name, or "" when the chart shows several
    channel: str  # display name of the channel (科协)
    lang: str
    built_at: str = ""  # YYYY-MM-DD of the data build
    is_demo: bool = False
    source_key: str = "briefing.source"  # briefing.source_notices for charts of the notices

    @property
    def title(self) -> str:
        title = " · ".join(p for p in (self.year, self.metric, self.what) if p)
        return (
            t("briefing.slide_title", self.lang, title=title, channel=self.channel) if self.channel else title
        )

    @property
    def chart_source(self) -> str:
        """The source line as drawn in a chart: broken in two (<br>) so a narrow chart does not cut it."""
        line = t(self.source_key, self.lang, channel=self.channel, date=self.built_at or "—")
        return line + (t("briefing.demo_suffix", self.lang) if self.is_demo else "")

    @property
    def source(self) -> str:
        """The source line as one line of text (documents, captions)."""
        return self.chart_source.replace("<br>", "" if self.lang == "zh" else " ")

    @property
    def file_name(self) -> str:
        """`2024_受益人次_各省排名`: year, metric, what; no character a file system refuses."""
        parts = [p for p in (self.year, self.metric, self.what) if p]
        return _UNSAFE.sub("-", "_".join(parts)).strip("-_") or "chart"


def slide(
    what: str,
    year: object,
    metric: str,
    channel: str,
    lang: str,
    info: dict | None = None,
    source_key: str = "briefing.source",
) -> Slide:
    """A Slide from the page's labels and the build row (data/db.build_info: built_at, is_demo)."""
    info = info or {}
    built = info.get("built_at")
    return Slide(
        what=what,
        year="" if year is None else str(year),
        metric=metric,
        channel=channel,
        lang=lang,
        built_at=str(built)[:10] if built is not None and str(built) != "NaT" else "",
        is_demo=bool(info.get("is_demo")),
        source_key=source_key,
    )


def camera(s: Slide, base: dict | None = None) -> dict:
    """Plotly config: the mode bar with only the camera, saving `<file_name>.png` at 2x, shown all the
    time (on hover only, a newcomer never finds it, and a phone has no hover). `base`: the chart's own
    settings (the map's offline topojsonURL), kept."""
    return {
        **(base or {}),
        "displayModeBar": True,
        "displaylogo": False,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": "png", "filename": s.file_name, "scale": SCALE},
    }


def frame_px(title_lines: int, source_lines: int) -> int:
    """Height added above the plot for the title and source lines."""
    return FRAME_PAD_PX + TITLE_LINE_PX * title_lines + SOURCE_LINE_PX * source_lines


def framed(fig: go.Figure | dict, s: Slide) -> dict:
    """The figure as a dict with the title and the source line above the plot, taller by their height so
    the plot keeps its size. The lines start at the figure's left edge (not the plot's, which long axis
    labels push right) and are broken to fit LINE_PX. A new dict: the figure passed in may be cached and
    shared, and stays as it is."""
    out = fig.to_dict() if isinstance(fig, go.Figure) else dict(fig)
    layout = dict(out.get("layout") or {})
    title = wrap_to(s.title, LINE_PX, TITLE_SIZE)
    source = wrap_to(s.chart_source, LINE_PX, SOURCE_SIZE)
    added = frame_px(len(title), len(source))
    margin = dict(layout.get("margin") or {})
    margin["t"] = int(margin.get("t", 40)) + added
    layout["margin"] = margin
    if layout.get("height"):
        layout["height"] = int(layout["height"]) + added
    layout["title"] = {
        "text": "<br>".join(title),
        "x": 0,
        "xref": "container",
        "xanchor": "left",
        "y": 1,
        "yref": "container",
        "yanchor": "top",
        # Plotly raises a title of several lines by half a line for each line after the first
        "pad": {"t": 6 + TITLE_LINE_PX // 2 * (len(title) - 1), "l": 10},
        "font": {"family": FONT, "size": TITLE_SIZE, "color": TITLE_COLOR},
        "subtitle": {
            "text": "<br>".join(source),
            "font": {"family": FONT, "size": SOURCE_SIZE, "color": SUBTITLE_COLOR},
        },
    }
    out["layout"] = layout
    return out
