"""Figures and sentences derived from query results for the Overview page. Pure (no Streamlit)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.filters import Filters
from dashboard.present.catalog import Catalog
from dashboard.present.fmt import format_number, format_pct, pct_change
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

    df: year, metric, value (queries.headline). A metric with no row for the year gets value None.
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
