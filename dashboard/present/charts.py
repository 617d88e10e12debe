"""DataFrame -> plotly Figure. Pure: labels and language come in as arguments, nothing is queried.

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


def _base_layout(fig: go.Figure, height: int) -> go.Figure:
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


def _value_axis(max_value: float, lang: str) -> dict:
    ticks = nice_ticks(max_value)
    return {
        "tickvals": ticks,
        "ticktext": [format_number(v, lang) for v in ticks],
        "range": [0, ticks[-1] * 1.05 or 1],
    }


def label_positions(values: list[float]) -> list[str]:
    """Where each point's value label goes on a line: below a point lower than its neighbours (a dip),
    above otherwise, so labels sit beside the line instead of on it."""
    out = []
    for i, v in enumerate(values):
        near = [values[j] for j in (i - 1, i + 1) if 0 <= j < len(values)]
        out.append("bottom center" if near and v < sum(near) / len(near) else "top center")
    return out


def trend_grid(
    df: pd.DataFrame, titles: dict[str, str], lang: str, year_title: str, no_data: str = ""
) -> go.Figure:
    """Small multiples, one line per metric over the years (own y scale each).

    df: year, metric, value. titles: metric code -> panel title, in the order to draw.
    """
    codes = list(titles)
    cols = 2
    rows = max(1, math.ceil(len(codes) / cols))
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=[titles[c] for c in codes],
        vertical_spacing=0.16,
        horizontal_spacing=0.12,
    )
    years = sorted(int(y) for y in df["year"].unique()) if len(df) else []
    for i, code in enumerate(codes):
        r, c = i // cols + 1, i % cols + 1
        part = df[df["metric"] == code].sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=part["year"].astype(int),
                y=part["value"],
                mode="lines+markers+text",
                line={"color": PALETTE[i % len(PALETTE)], "width": 3},
                marker={"size": 8},
                text=[format_number(v, lang) for v in part["value"]],
                textposition=label_positions([float(v) for v in part["value"]]),
                customdata=[format_plain(v) for v in part["value"]],
                hovertemplate="%{x}: %{customdata}<extra>" + titles[code] + "</extra>",
                cliponaxis=False,
            ),
            row=r,
            col=c,
        )
        top = float(part["value"].max()) if len(part) else 0.0
        if part.empty and no_data:  # say so, rather than draw an empty panel that reads as zero
            suffix = str(i + 1) if i else ""
            xd, yd = fig.layout[f"xaxis{suffix}"].domain, fig.layout[f"yaxis{suffix}"].domain
            fig.add_annotation(
                text=no_data,
                showarrow=False,
                font={"size": 16, "color": GREY},
                xref="paper",
                yref="paper",
                x=(xd[0] + xd[1]) / 2,
                y=(yd[0] + yd[1]) / 2,
            )
        fig.update_yaxes(**_value_axis(top * 1.15, lang), gridcolor="#ECEFF3", row=r, col=c)
        fig.update_xaxes(
            tickvals=years,
            ticktext=[str(y) for y in years],
            range=[min(years) - 0.4, max(years) + 0.4] if years else None,
            title_text=year_title if r == rows else None,
            row=r,
            col=c,
        )
    return _base_layout(fig, 260 * rows + 40)


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
        **_value_axis(top * 1.45, lang),
        title_text=value_title,
        title_standoff=12,
        automargin=True,
        gridcolor="#ECEFF3",
    )
    fig.update_yaxes(automargin=True)
    return _base_layout(fig, 60 + 34 * max(len(part), 1))


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


def module_mix(
    df: pd.DataFrame,
    modules: list[str],
    module_names: dict[str, str],
    group_names: dict[str, str],
    count_title: str,
) -> go.Figure:
    """Plans per module (2021 筹备方案), stacked by organization group, modules in the form's order.

    df: module, org_level, n (any years: summed). module_names / group_names: code -> display label.
    """
    df = df.rename(columns={"org_level": "group"}).groupby(["module", "group"], as_index=False)["n"].sum()
    fig = go.Figure()
    groups = [g for g in group_names if g in set(df["group"])] if len(df) else []
    for i, g in enumerate(groups):
        part = df[df["group"] == g].set_index("module")["n"]
        counts = [int(part.get(m, 0)) for m in modules]
        fig.add_trace(
            go.Bar(
                x=[module_names.get(m, m) for m in modules],
                y=counts,
                name=group_names[g],
                marker_color=PALETTE[i % len(PALETTE)],
                hovertemplate="%{x} · " + group_names[g] + ": %{y}<extra></extra>",
            )
        )
    totals = df.groupby("module")["n"].sum() if len(df) else pd.Series(dtype=float)
    fig.add_trace(
        go.Scatter(
            x=[module_names.get(m, m) for m in modules],
            y=[int(totals.get(m, 0)) for m in modules],
            text=[str(int(totals.get(m, 0))) for m in modules],
            mode="text",
            textposition="top center",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    top = float(totals.max()) if len(totals) else 1.0
    fig.update_layout(barmode="stack")
    fig.update_yaxes(
        title_text=count_title, gridcolor="#ECEFF3", range=[0, top * 1.2 + 1], dtick=max(1, round(top / 5))
    )
    _base_layout(fig, 340)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    return fig


def activity_province_bars(
    acts: pd.DataFrame, names: dict[str, str], kind_names: dict[str, str], count_title: str, top_n: int = 15
) -> go.Figure:
    """Activities per province, recommended and planned stacked; acts: one row per activity with
    province (None for national bodies, shown as names[""]) and kind."""
    df = (
        acts.assign(province=acts["province"].fillna("")).groupby(["province", "kind"], as_index=False).size()
    )
    df = df.rename(columns={"size": "n"})
    totals = df.groupby("province")["n"].sum().sort_values(ascending=False).head(top_n).iloc[::-1]
    fig = go.Figure()
    for i, kind in enumerate(kind_names):
        if kind not in set(df["kind"]):
            continue
        part = df[df["kind"] == kind].set_index("province")["n"]
        fig.add_trace(
            go.Bar(
                y=[names.get(p, p) for p in totals.index],
                x=[int(part.get(p, 0)) for p in totals.index],
                orientation="h",
                name=kind_names[kind],
                marker_color=PALETTE[i % len(PALETTE)],
                hovertemplate="%{y} · " + kind_names[kind] + ": %{x}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(
        title_text=count_title, gridcolor="#ECEFF3", dtick=1 if len(totals) and totals.max() <= 10 else None
    )
    fig.update_yaxes(automargin=True)
    _base_layout(fig, max(220, 110 + 28 * len(totals)))
    fig.update_layout(showlegend=True, legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    return fig
