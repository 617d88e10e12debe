"""Figures of the secretariat pages: province × year heat table, provinces side by side, notice timeline,
activity categories by year. Pure: DataFrames and labels in, plotly Figure out. (The map: map_chart.py.)
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.present.charts import FONT, PALETTE, _base_layout, _value_axis
from dashboard.present.fmt import format_number, format_plain, nice_ticks

HEAT_SCALE = "Blues"


def heat_table(df: pd.DataFrame, names: dict[str, str], lang: str, value_title: str) -> go.Figure:
    """Provinces (rows, by code) × years (columns), each cell labelled with its figure.

    df: province, province_code, year, value. names: province -> display name.
    """
    wide = df.pivot_table(index=["province_code", "province"], columns="year", values="value", aggfunc="sum")
    wide = wide.sort_index(level=0, ascending=False)  # Plotly draws the first row at the bottom
    years = [int(y) for y in wide.columns]
    rows = [names.get(p, p) for _, p in wide.index]
    z = wide.to_numpy()
    text = [[format_number(v, lang) if not pd.isna(v) else "" for v in row] for row in z]
    # colour-bar ticks in 万/亿 (zh) or K/M (en) like the cells, not Plotly's own "1M"
    ticks = nice_ticks(float(pd.Series(z.ravel()).max())) if z.size else [0.0]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(y) for y in years],
            y=rows,
            text=text,
            texttemplate="%{text}",
            colorscale=HEAT_SCALE,
            colorbar={
                "title": {"text": value_title},
                "thickness": 12,
                "tickvals": ticks,
                "ticktext": [format_number(v, lang) for v in ticks],
            },
            hoverongaps=False,
            customdata=[[format_plain(v) for v in row] for row in z],
            hovertemplate="%{y} %{x}: %{customdata}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(type="category", side="top")
    return _base_layout(fig, 80 + 26 * max(len(rows), 1))


def side_by_side(df: pd.DataFrame, names: dict[str, str], titles: dict[str, str], lang: str) -> go.Figure:
    """One panel per metric (own scale), one line per province across the years.

    df: province, year, metric, value. titles: metric code -> panel title, in drawing order.
    """
    codes = [c for c in titles if c in set(df["metric"])] or list(titles)[:1]
    cols = 2
    n_rows = max(1, math.ceil(len(codes) / cols))
    fig = make_subplots(
        rows=n_rows,
        cols=cols,
        subplot_titles=[titles[c] for c in codes],
        vertical_spacing=0.22 / n_rows + 0.05,
        horizontal_spacing=0.1,
    )
    provinces = list(dict.fromkeys(df["province"]))
    years = sorted(int(y) for y in df["year"].unique()) if len(df) else []
    for i, code in enumerate(codes):
        r, c = i // cols + 1, i % cols + 1
        part = df[df["metric"] == code]
        for k, province in enumerate(provinces):
            # every year on the axis, NaN where the province has no figure: the line breaks at a
            # missing year instead of joining its neighbours as if the figure were known
            own = part[part["province"] == province]
            line = own.groupby(own["year"].astype(int))["value"].sum(min_count=1).reindex(years)
            fig.add_trace(
                go.Scatter(
                    x=years,
                    y=line.to_numpy(),
                    mode="lines+markers",
                    name=names.get(province, province),
                    legendgroup=province,
                    showlegend=i == 0,
                    line={"color": PALETTE[k % len(PALETTE)], "width": 2.5},
                    customdata=[format_plain(v) for v in line],
                    hovertemplate="%{fullData.name} %{x}: %{customdata}<extra></extra>",
                ),
                row=r,
                col=c,
            )
        top = float(part["value"].max()) if len(part) else 0.0
        fig.update_yaxes(**_value_axis(top * 1.1, lang), gridcolor="#ECEFF3", row=r, col=c)
        fig.update_xaxes(tickvals=years, ticktext=[str(y) for y in years], row=r, col=c)
    fig = _base_layout(fig, 250 * n_rows + 80)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.08, "x": 0})
    return fig


CALENDAR_YEAR = 2000  # a leap year: every notice's dates are drawn on this one calendar


def _on_calendar(dates: pd.Series, years: pd.Series) -> pd.Series:
    """Shift each date by its notice's campaign year onto CALENDAR_YEAR, so notices of different years
    share one May-June axis (a date in the year before lands in the year before CALENDAR_YEAR)."""
    out = []
    for d, y in zip(pd.to_datetime(dates), years, strict=True):
        base = int(y) if pd.notna(y) else d.year
        out.append(d + pd.DateOffset(years=CALENDAR_YEAR - base))
    return pd.Series(out, index=dates.index, dtype="datetime64[ns]")


def _day(dates: pd.Series) -> list[str]:
    return [pd.Timestamp(d).strftime("%Y-%m-%d") for d in dates]


def notice_timeline(df: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """One row per notice: activity period as a bar, reporting deadline as a diamond, issue date as a dot.

    Rows are labelled with their year, and every notice is drawn on one shared calendar (month and day),
    so a four-week activity period is a visible bar rather than a dot on a four-year axis; hovering shows
    the real date.
    df: notice_id, year, title, issuer, period_start, period_end, report_deadline, issued_on, row_label.
    labels: period, deadline, issued (legend names); optional tickformat (d3 date format of the axis).
    """
    rows = df.sort_values(["year", "issued_on"], ascending=[False, False], na_position="last")
    y = rows["row_label"].tolist()
    fig = go.Figure()
    has_period = rows["period_start"].notna() & rows["period_end"].notna()
    period = rows[has_period]
    if len(period):
        start = _on_calendar(period["period_start"], period["year"])
        end = _on_calendar(period["period_end"], period["year"])
        fig.add_trace(
            go.Bar(
                base=start,
                x=(end - start).dt.total_seconds() * 1000 + 86_400_000,
                y=period["row_label"],
                orientation="h",
                name=labels["period"],
                marker_color="#9EC1E8",
                customdata=[
                    f"{a} – {b}"
                    for a, b in zip(_day(period["period_start"]), _day(period["period_end"]), strict=True)
                ],
                hovertemplate="%{y}<br>" + labels["period"] + ": %{customdata}<extra></extra>",
            )
        )
    for col, name, symbol, color in (
        ("report_deadline", labels["deadline"], "diamond", "#B71C1C"),
        ("issued_on", labels["issued"], "circle", "#1F4E9A"),
    ):
        part = rows[rows[col].notna()]
        fig.add_trace(
            go.Scatter(
                x=_on_calendar(part[col], part["year"]),
                y=part["row_label"],
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 12, "color": color},
                customdata=_day(part[col]),
                hovertemplate="%{y}<br>" + name + ": %{customdata}<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=y[::-1], automargin=True)
    fig.update_xaxes(
        type="date", gridcolor="#ECEFF3", tickformat=labels.get("tickformat", "%m-%d"), dtick="M1"
    )
    fig = _base_layout(fig, 90 + 34 * max(len(y), 1))
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        barmode="overlay",
        font={"family": FONT},
    )
    return fig


def category_heat(df: pd.DataFrame, year_title: str, names: dict[str, str] | None = None) -> go.Figure:
    """Activity categories (rows) × years (columns): how many items of each the year's notices asked for.

    df: year, category, n. names: category code -> display name (codes never reach the reader).
    """
    wide = df.pivot_table(index="category", columns="year", values="n", aggfunc="sum", fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values().index]  # most asked-for on top
    z = wide.to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(int(y)) for y in wide.columns],
            y=[(names or {}).get(c, c) for c in wide.index],
            colorscale="Reds",
            showscale=False,
            text=[[str(int(v)) if v else "" for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(type="category", title_text=year_title, side="top")
    return _base_layout(fig, 90 + 30 * max(len(wide), 1))
