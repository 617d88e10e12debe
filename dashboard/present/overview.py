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
    approx,
    base_layout,
    change_text,
    label_positions,
    panel_at,
    panel_grid,
    panel_rows,
    value_axis,
)
from dashboard.present.fmt import format_number, format_plain, pct_change
from dashboard.present.text import t


@dataclass(frozen=True)
class Headline:
    metric: str
    value: float | None  # None: no data for the year
    previous: float | None  # like for like: last year's figure of the reporters present in both years
    change: float | None  # 同比 as a fraction, like for like (never the change of two totals)
    n_provinces: int = 0  # provinces in the total
    n_same: int = 0  # provinces in the like-for-like 同比
    approximate: bool = False  # the total includes a value written 约/余/近
    change_approximate: bool = False  # the 同比 rests on one
    same_value: float | None = None  # this year's figure of the reporters present in both years


def _num(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def headlines(df: pd.DataFrame, f: Filters, metrics: tuple[str, ...]) -> list[Headline]:
    """Headline figure per metric for f.year, and its like-for-like 同比 (the years' series is the trend chart beside the cards).

    df: data/overview.headline. A metric with no row for the year gets value None.
    """
    out = []
    for code in metrics:
        part = df[df["metric"] == code].set_index("year")
        if f.year in part.index:
            row = part.loc[f.year]
            same, prev = _num(row.get("same_value")), _num(row.get("same_prev"))
            out.append(
                Headline(
                    code,
                    float(row["value"]),
                    prev,
                    pct_change(same, prev),
                    int(row.get("n_provinces", 0) or 0),
                    int(row.get("n_same", 0) or 0),
                    bool(row.get("approximate", False)),
                    bool(row.get("same_approximate", False)) and prev is not None,
                    same,
                )
            )
        else:
            out.append(Headline(code, None, None, None))
    return out


def card_label(cat: Catalog, code: str, lang: str) -> str:
    """受益人次（人次） in Chinese; in English the name alone, since "Beneficiaries (person-times)" does not
    fit a quarter of a 1366-px page (the unit goes to the card's help)."""
    return cat.metric_with_unit(code, lang) if lang == "zh" else cat.metric_name(code, lang)


def card_value(h: Headline, lang: str, no_data: str) -> str:
    """The card's figure: 约2366万 when an approximate value went into it."""
    return approx(format_number(h.value, lang), h.approximate, lang) if h.value is not None else no_data


def card_delta(h: Headline, lang: str) -> str | None:
    return change_text(h.change, h.change_approximate, lang, short=True) if h.change is not None else None


def change_help(h: Headline, f: Filters, lang: str) -> str:
    """What the 同比 compares: the same reporters in both years, both figures given."""
    if h.change is None or f.year is None:
        return t("overview.no_prev", lang)
    return t(
        "overview.change_help_same",
        lang,
        n=h.n_same,
        year=f.year,
        prev_year=f.year - 1,
        value=format_number(h.same_value, lang),
        prev=format_number(h.previous, lang),
        national=t("overview.with_national", lang) if f.is_national else "",
    )


def year_has_data(df: pd.DataFrame, year: int | None) -> bool:
    return year is not None and bool((df["year"] == year).any())


def trend_rows(df: pd.DataFrame, f: Filters, metrics: tuple[str, ...]) -> pd.DataFrame:
    """The rows of the trend chart: selected years and metrics only."""
    return df[df["year"].isin(f.years) & df["metric"].isin(metrics)][["year", "metric", "value"]]


def trend_grid(
    df: pd.DataFrame, titles: dict[str, str], lang: str, year_title: str, no_data: str = ""
) -> go.Figure:
    """Small multiples, one line per metric over the years (own y scale each).

    df: year, metric, value. titles: metric code -> panel title, in the order to draw.
    """
    codes = list(titles)
    rows = panel_rows(len(codes))
    fig = panel_grid([titles[c] for c in codes], vertical_spacing=0.18, horizontal_spacing=0.12)
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
                # first and last year only: four labels in a phone-wide panel ran into each other
                text=[
                    format_number(v, lang) if k in (0, len(part) - 1) else ""
                    for k, v in enumerate(part["value"])
                ],
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


def clicked_province(event: object, order: list[str]) -> str | None:
    """The province of a clicked bar (st.plotly_chart's selection: the point's index in `order`)."""
    points = ((event or {}).get("selection") or {}).get("points") or []  # type: ignore[union-attr]
    for point in points:
        i = point.get("point_index", point.get("point_number"))
        if isinstance(i, int) and 0 <= i < len(order):
            return order[i]
    return None
