"""What the 总览 Overview page shows: headline figures with 同比, the summary sentence, the trend chart.
Pure: query results in (data/overview.py), figures and sentences out."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.filters import Filters
from dashboard.present.catalog import Catalog
from dashboard.present.charts import (
    GREY,
    GRID,
    PALETTE,
    base_layout,
    label_positions,
    panel_at,
    panel_grid,
    panel_rows,
    value_axis,
)
from dashboard.present.fmt import format_number, format_pct, format_plain, pct_change
from dashboard.present.text import t


@dataclass(frozen=True)
class Headline:
    metric: str
    value: float | None  # None: no data for the year
    previous: float | None
    change: float | None  # 同比 as a fraction
    series: tuple[float | None, ...]  # one per selected year, for the sparkline

    @property
    def spark(self) -> list[float] | None:
        """Sparkline points: years with data only (a missing year is not a zero); None when < 2 points."""
        points = [v for v in self.series if v is not None]
        return points if len(points) > 1 else None


def headlines(df: pd.DataFrame, f: Filters, metrics: tuple[str, ...]) -> list[Headline]:
    """Headline figure per metric for f.year, with the year before and the series over f.years.

    df: year, metric, value (data/overview.headline). A metric with no row for the year gets value None.
    """
    out = []
    for code in metrics:
        part = df[df["metric"] == code].set_index("year")["value"]
        value = float(part[f.year]) if f.year in part.index else None
        prev = float(part[f.year - 1]) if f.year is not None and f.year - 1 in part.index else None
        series = tuple(float(part[y]) if y in part.index else None for y in f.years)
        out.append(Headline(code, value, prev, pct_change(value, prev), series))
    return out


def year_has_data(df: pd.DataFrame, year: int | None) -> bool:
    return year is not None and bool((df["year"] == year).any())


def trend_rows(df: pd.DataFrame, f: Filters, metrics: tuple[str, ...]) -> pd.DataFrame:
    """The rows of the trend chart: selected years and metrics only."""
    return df[df["year"].isin(f.years) & df["metric"].isin(metrics)][["year", "metric", "value"]]


def summary_line(headline_df: pd.DataFrame, ranking: pd.DataFrame, f: Filters, cat: Catalog) -> str:
    """One plain-language sentence: the metric's total and change, the largest province, the biggest riser."""
    lang = f.lang
    year = f.year
    metric = cat.metric_name(f.metric, lang)
    unit = cat.unit(f.metric, lang)
    rows = headline_df[(headline_df["year"] == year) & (headline_df["metric"] == f.metric)]
    if year is None or rows.empty:
        return t("overview.summary_none", lang, year=year, metric=metric)
    total = float(rows["value"].iloc[0])
    prev_rows = headline_df[(headline_df["year"] == year - 1) & (headline_df["metric"] == f.metric)]
    prev = float(prev_rows["value"].iloc[0]) if len(prev_rows) else None
    parts = [
        t(
            "overview.summary_total",
            lang,
            year=year,
            area=cat.area_label(f.area, lang),
            metric=metric,
            value=format_number(total, lang),
            unit=unit,
        )
    ]
    change = pct_change(total, prev)
    if change is not None:
        parts.append(t("overview.summary_change", lang, change=format_pct(change, lang)))
    if len(ranking):
        top = ranking.sort_values("value", ascending=False).iloc[0]
        parts.append(
            t(
                "overview.summary_top",
                lang,
                province=cat.province(top["province"], lang),
                value=format_number(top["value"], lang),
                unit=unit,
            )
        )
        growth = ranking.dropna(subset=["prev_value"]).copy()
        growth = growth[growth["prev_value"] > 0]
        if len(growth):
            growth["change"] = growth["value"] / growth["prev_value"] - 1
            best = growth.sort_values(["change", "province"], ascending=[False, True]).iloc[0]
            key = "overview.summary_riser" if best["change"] > 0 else "overview.summary_no_riser"
            parts.append(
                t(
                    key,
                    lang,
                    province=cat.province(best["province"], lang),
                    change=format_pct(best["change"], lang),
                )
            )
    return "".join(parts)


def trend_grid(
    df: pd.DataFrame, titles: dict[str, str], lang: str, year_title: str, no_data: str = ""
) -> go.Figure:
    """Small multiples, one line per metric over the years (own y scale each).

    df: year, metric, value. titles: metric code -> panel title, in the order to draw.
    """
    codes = list(titles)
    rows = panel_rows(len(codes))
    fig = panel_grid([titles[c] for c in codes], vertical_spacing=0.16, horizontal_spacing=0.12)
    years = sorted(int(y) for y in df["year"].unique()) if len(df) else []
    for i, code in enumerate(codes):
        r, c = panel_at(i)
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
        fig.update_yaxes(**value_axis(top * 1.15, lang), gridcolor=GRID, row=r, col=c)
        fig.update_xaxes(
            tickvals=years,
            ticktext=[str(y) for y in years],
            range=[min(years) - 0.4, max(years) + 0.4] if years else None,
            title_text=year_title if r == rows else None,
            row=r,
            col=c,
        )
    return base_layout(fig, 260 * rows + 40)
