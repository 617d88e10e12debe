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

RED = "#B71C1C"
BLUE = "#1F4E9A"
GREY = "#9AA5B1"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
PALETTE = [RED, BLUE, "#C77C02", "#2E7D32", "#6A1B9A", "#00838F"]


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


def value_axis(max_value: float, lang: str) -> dict:
    """A value axis from 0 to just above max_value, its ticks labelled 万/亿 (zh) or K/M (en)."""
    ticks = nice_ticks(max_value)
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
    return make_subplots(
        rows=panel_rows(len(titles)),
        cols=PANEL_COLS,
        subplot_titles=titles,
        vertical_spacing=vertical_spacing,
        horizontal_spacing=horizontal_spacing,
    )


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


def province_bars(
    df: pd.DataFrame, names: dict[str, str], lang: str, value_title: str, change_label: str, top_n: int = 10
) -> go.Figure:
    """Horizontal bars of the top provinces, largest on top, labelled with value and 同比.

    df: province, value, prev_value (ordered or not). names: province -> display name.
    """
    part = df.sort_values("value", ascending=False).head(top_n).iloc[::-1]
    labels = []
    for v, p in zip(part["value"], part["prev_value"], strict=True):
        change = pct_change(v, p)
        labels.append(
            format_number(v, lang)
            + (f"  ({change_label} {format_pct(change, lang)})" if change is not None else "")
        )
    top = float(part["value"].max()) if len(part) else 0.0
    fig = go.Figure(
        go.Bar(
            x=part["value"],
            y=[names.get(p, p) for p in part["province"]],
            orientation="h",
            marker_color=RED,
            text=labels,
            textposition="outside",
            cliponaxis=False,
            customdata=[format_plain(v) for v in part["value"]],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(
        **value_axis(top * 1.45, lang),
        title_text=value_title,
        title_standoff=12,
        automargin=True,
        gridcolor=GRID,
    )
    fig.update_yaxes(automargin=True)
    return base_layout(fig, 60 + 34 * max(len(part), 1))


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
