"""What every chart shares: colours, font, the page layout, value axes in 万/亿, small-multiple panels,
and the charts two pages draw (province bars). Pure: labels and language come in as arguments.
Each page's own figures are in present/<page>.py; the map is present/map.py.

Axes show 万/亿 (Chinese) or K/M (English) through explicit tick labels, since Plotly's own SI
formatting (k, M, G) is wrong for Chinese readers.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.present.fmt import format_number, format_pct, format_plain, nice_ticks, pct_change
from dashboard.present.text import t

RED = "#B71C1C"
BLUE = "#1F4E9A"
GREY = "#9AA5B1"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
PALETTE = [RED, BLUE, "#C77C02", "#2E7D32", "#6A1B9A", "#00838F"]


def approx(text: str, approximate: object, lang: str) -> str:
    """约410万 / ≈4.1M when the figure rests on a value written 约, 余 or 近 (metric_values.approximate)."""
    return t("common.approx_mark", lang) + text if flag_set(approximate) else text


def partial_name(name: str, basis: object, lang: str) -> str:
    """江苏省（市县合计）: a province whose figure is a sum of the cities and counties that reported."""
    if basis is None or pd.isna(basis) or basis == "province":
        return name
    return name + t("common.partial_mark", lang)


def change_text(
    change: float | None, approximate: object, lang: str, inner: bool = False, short: bool = False
) -> str:
    """+12.3%, with "（依据约数）" when either year's figure is approximate; "—" when there is none.
    inner: the text sits in brackets already ("，依据约数"); short: a metric card's delta ("（约）")."""
    if change is None:
        return "—"
    mark = "common.approx_change_inner" if inner else "common.approx_change"
    mark = "common.approx_change_short" if short else mark
    return format_pct(change, lang) + (t(mark, lang) if flag_set(approximate) else "")


def flag_set(flag: object) -> bool:
    """True for a set flag; False for False, None, NaN and pandas NA."""
    return flag is not None and not pd.isna(flag) and bool(flag)


def base_layout(fig: go.Figure, height: int) -> go.Figure:
    """Height, margins, font and white background of every chart; no legend unless a chart adds one."""
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 20, "t": 40, "b": 10},
        font={"family": FONT, "size": 13},
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
        hoverlabel={"font": {"family": FONT}},
    )
    return fig


def value_axis(max_value: float, lang: str, count: int = 5) -> dict:
    """A value axis from 0 to just above max_value, its ticks labelled 万/亿 (zh) or K/M (en); about
    `count` steps."""
    ticks = nice_ticks(max_value, count)
    return {
        "tickvals": ticks,
        "ticktext": [format_number(v, lang) for v in ticks],
        "range": [0, ticks[-1] * 1.05 or 1],
    }


GRID = "#ECEFF3"  # grid lines of value axes
PANEL_COLS = 2  # small multiples: panels to a row


def panel_rows(n_panels: int) -> int:
    return max(1, math.ceil(n_panels / PANEL_COLS))


def panel_grid(titles: list[str], vertical_spacing: float, horizontal_spacing: float) -> go.Figure:
    """Small multiples: one titled panel per entry, PANEL_COLS to a row (panel i sits at panel_at(i))."""
    fig = make_subplots(
        rows=panel_rows(len(titles)),
        cols=PANEL_COLS,
        subplot_titles=[wrap_title(x) for x in titles],
        vertical_spacing=vertical_spacing,
        horizontal_spacing=horizontal_spacing,
    )
    fig.update_annotations(font_size=13)  # the panel titles
    return fig


def wrap_title(title: str, limit: int = 14) -> str:
    """A long panel title takes its unit to a second line ("S&T volunteers<br>(persons)"): small multiples
    are half a chart wide, a phone's half is 170 px."""
    return title.replace(" (", "<br>(") if len(title) > limit else title


def panel_at(i: int) -> tuple[int, int]:
    """(row, col), counted from 1, of the i-th panel (counted from 0)."""
    return i // PANEL_COLS + 1, i % PANEL_COLS + 1


def legend_above(fig: go.Figure) -> go.Figure:
    """A horizontal legend above the plot, from its left edge."""
    fig.update_layout(showlegend=True, legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    return fig


def label_positions(values: list[float]) -> list[str]:
    """Where each point's value label goes on a line: below a point lower than its neighbours (a dip),
    above otherwise, so labels sit beside the line instead of on it."""
    out = []
    for i, v in enumerate(values):
        near = [values[j] for j in (i - 1, i + 1) if 0 <= j < len(values)]
        out.append("bottom center" if near and v < sum(near) / len(near) else "top center")
    return out


def bar_order(df: pd.DataFrame, top_n: int = 10) -> list[str]:
    """The provinces province_bars draws, bottom to top (a clicked bar's point index is its place here)."""
    return df.sort_values("value", ascending=False).head(top_n).iloc[::-1]["province"].tolist()


def text_width(text: str, size: int = 13) -> float:
    """Rough width in px of one line of text: a CJK character is about a square, Latin about half."""
    return sum(size if ord(c) > 0x2E80 else size * 0.58 for c in text)


# where a line may break: after a separator or a space, before an opening bracket
_BREAK_AFTER = (" · ", "，", "、", ", ", " ")
_BREAK_BEFORE = ("（", "(")


def _pieces(text: str) -> list[str]:
    """`text` cut at every place a line may break, each piece keeping its separator."""
    pieces, start, i = [], 0, 0
    while i < len(text):
        after = next((s for s in _BREAK_AFTER if text.startswith(s, i)), None)
        if after:
            i += len(after)
            pieces.append(text[start:i])
            start = i
        elif text.startswith(_BREAK_BEFORE, i) and i > start:
            pieces.append(text[start:i])
            start, i = i, i + 1
        else:
            i += 1
    return [*pieces, text[start:]] if start < len(text) else pieces


def wrap_to(text: str, width: float, size: int = 13) -> list[str]:
    """`text` as lines no wider than `width` px (text_width), broken at separators, spaces and brackets
    (a piece longer than a line gets a line of its own); a "<br>" already in the text is kept as a break.
    For text Plotly draws on one line whatever the figure's width (titles): it has no wrapping of its own."""
    lines: list[str] = []
    for part in text.split("<br>"):
        line = ""
        for piece in _pieces(part):
            if line and text_width((line + piece).rstrip(), size) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
        lines.append(line.rstrip())
    return [x for x in lines if x] or [""]


def province_bars(
    df: pd.DataFrame, names: dict[str, str], lang: str, value_title: str, change_label: str, top_n: int = 10
) -> go.Figure:
    """Horizontal bars of the top provinces, largest on top, each labelled with its value, and the 同比
    in a column of its own at the right edge (a long label beside a long bar ran off the chart).

    df: province, value, prev_value and, when known, basis (a sum of cities/counties is marked on the
    name), approximate and prev_approximate (约 on the value, （约） on the change).
    """
    part = df.sort_values("value", ascending=False).head(top_n).iloc[::-1]
    flags = {c: part[c].tolist() if c in part else [None] * len(part) for c in
             ("basis", "approximate", "prev_approximate")}  # fmt: skip
    top = float(part["value"].max()) if len(part) else 0.0
    y = [
        partial_name(names.get(p, p), b, lang) for p, b in zip(part["province"], flags["basis"], strict=True)
    ]
    labels, changes = [], []
    for i, (v, p) in enumerate(zip(part["value"], part["prev_value"], strict=True)):
        labels.append(approx(format_number(v, lang), flags["approximate"][i], lang))
        changed = flag_set(flags["approximate"][i]) or flag_set(flags["prev_approximate"][i])
        changes.append(change_text(pct_change(v, p), changed, lang, short=True))
    fig = go.Figure(
        go.Bar(
            x=part["value"],
            y=y,
            orientation="h",
            marker_color=RED,
            text=labels,
            textposition="outside",
            cliponaxis=False,
            customdata=[format_plain(v) for v in part["value"]],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    # the 同比 column lives in the right margin, sized to its longest entry, so it never meets a bar
    column = max([text_width(c) for c in changes] + [text_width(change_label)]) + 12
    for name, change in zip(y, changes, strict=True):
        fig.add_annotation(
            x=1, xref="paper", xanchor="right", xshift=column - 4, y=name, yref="y", text=change,
            showarrow=False, font={"color": GREY if change == "—" else "#31333F"},
        )  # fmt: skip
    fig.add_annotation(
        x=1, xref="paper", xanchor="right", xshift=column - 4, y=1, yref="paper", yanchor="bottom",
        text=f"<b>{change_label}</b>", showarrow=False,
    )  # fmt: skip
    # room past the longest bar for its value label (约410万) at a phone's width too; few ticks, kept
    # level: between the names and the 同比 column the plot is 150 px wide in a 1366 px window
    axis = value_axis(top * 1.7, lang, count=3)
    shown = [i for i, v in enumerate(axis["tickvals"]) if v <= top * 1.7]
    fig.update_xaxes(
        tickvals=[axis["tickvals"][i] for i in shown],
        ticktext=[axis["ticktext"][i] for i in shown],
        range=[0, top * 1.7 or 1],
        tickangle=0,
        title_text=value_title,
        title_standoff=16,
        automargin=True,
        gridcolor=GRID,
    )
    fig.update_yaxes(automargin=True)
    fig = base_layout(fig, max(190, 80 + 34 * max(len(part), 1)))
    fig.update_layout(margin={"t": 30, "r": int(column) + 8})
    return fig


def sparkline(years: list[int], values: list[float | None]) -> go.Figure:
    """A tiny line with no axes, for a headline figure."""
    fig = go.Figure(
        go.Scatter(x=years, y=values, mode="lines", line={"color": RED, "width": 2}, hoverinfo="skip")
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(
        height=60,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
    )
    return fig
