"""The sentences of the 总览 Overview page, for every selection: all China, one province, one macro-region,
several provinces; and the coverage line under every total. Pure: query results in, text out.

Every 同比 here is like for like (data/overview.py: the same reporters, counted the same way, in both
years), says how many provinces it compares, and is marked when it rests on an approximate value.
"""

from __future__ import annotations

import pandas as pd

from dashboard.filters import Filters
from dashboard.present.catalog import Catalog
from dashboard.present.charts import approx, change_text, partial_name
from dashboard.present.fmt import format_number, pct_change
from dashboard.present.text import t


def coverage_line(cov: pd.DataFrame, year: int | None, cat: Catalog, lang: str) -> str:
    """'2024年：28 个省级单位有数据（其中 1 个为市县合计：江苏省），缺 天津市、四川省（未报送）。'

    cov: data/overview.coverage (the area's provinces that ever reported, per year).
    """
    rows = cov[cov["year"] == year]
    if year is None or rows.empty:
        return ""
    have = rows[rows["basis"].notna()]
    partial = have[have["basis"] != "province"]
    text = t("overview.coverage_have", lang, year=year, n=len(have))
    if len(partial):
        names = t("common.list_sep", lang).join(cat.province(p, lang) for p in partial["province"])
        text += t("overview.coverage_partial", lang, n=len(partial), names=names)
    missing = rows[rows["basis"].isna()]
    if len(missing):
        names = t("common.list_sep", lang).join(
            cat.province(r.province, lang)
            + t("overview.status_rejected" if r.n_files else "overview.status_none", lang)
            for r in missing.itertuples()
        )
        text += t("overview.coverage_missing", lang, names=names)
    return text + t("overview.summary_end", lang)


def report_status(cov: pd.DataFrame, province: str, year: int | None, lang: str) -> str:
    """'未报送' / '报送文件未能使用' / '' (it has a figure) for one province and year."""
    row = cov[(cov["year"] == year) & (cov["province"] == province)]
    if len(row) and pd.notna(row.iloc[0]["basis"]):
        return ""
    if len(row) and row.iloc[0]["n_files"]:
        return t("overview.status_rejected_word", lang)
    return t("overview.status_none_word", lang)


def summary_line(
    head: pd.DataFrame,
    ranking: pd.DataFrame,
    all_metrics: pd.DataFrame,
    cov: pd.DataFrame,
    f: Filters,
    cat: Catalog,
) -> str:
    """One or two plain sentences for the selection (see the module docstring).

    head: data/overview.headline; ranking: province_ranking (f.metric); all_metrics: province_year (every
    metric of the selected provinces, for the one-province sentence); cov: coverage.
    """
    if len(f.provinces) == 1 and f.provinces[0] in {p[0] for p in cat.provinces}:
        return province_sentence(ranking, all_metrics, cov, f, cat)
    return area_sentence(head, ranking, cov, f, cat)


def area_sentence(
    head: pd.DataFrame, ranking: pd.DataFrame, cov: pd.DataFrame, f: Filters, cat: Catalog
) -> str:
    lang, year = f.lang, f.year
    metric, unit = cat.metric_name(f.metric, lang), cat.unit(f.metric, lang)
    rows = head[(head["year"] == year) & (head["metric"] == f.metric)]
    if year is None or rows.empty:
        return t("overview.summary_none", lang, year=year, metric=metric)
    row = rows.iloc[0]
    parts = [
        t(
            "overview.summary_total",
            lang,
            year=year,
            area=cat.area_label(f.area, lang),
            metric=metric,
            value=approx(format_number(row["value"], lang), row["approximate"], lang),
            unit=unit,
            n=int(row["n_provinces"]),
            national=t("overview.with_national", lang) if f.is_national else "",
        )
    ]
    change = pct_change(row["same_value"], row["same_prev"])
    if change is not None:
        parts.append(
            t(
                "overview.summary_change",
                lang,
                n=int(row["n_same"]),
                national=t("overview.with_national", lang) if f.is_national else "",
                change=change_text(change, row["same_approximate"], lang),
            )
        )
    if len(ranking) > 1:
        top = ranking.sort_values("value", ascending=False).iloc[0]
        parts.append(
            t(
                "overview.summary_top",
                lang,
                province=partial_name(cat.province(top["province"], lang), top["basis"], lang),
                value=approx(format_number(top["value"], lang), top["approximate"], lang),
                unit=unit,
            )
        )
        growth = ranking.dropna(subset=["prev_value"]).copy()
        growth = growth[growth["prev_value"] > 0]
        if len(growth) > 1:
            growth["change"] = growth["value"] / growth["prev_value"] - 1
            best = growth.sort_values(["change", "province"], ascending=[False, True]).iloc[0]
            key = "overview.summary_riser" if best["change"] > 0 else "overview.summary_no_riser"
            flag = bool(best["approximate"]) or bool(best["prev_approximate"])
            parts.append(
                t(
                    key,
                    lang,
                    province=cat.province(best["province"], lang),
                    change=change_text(best["change"], flag, lang, inner=True),
                )
            )
    parts.append(t("overview.summary_end", lang))
    return "".join(parts)


def province_sentence(ranking: pd.DataFrame, all_metrics: pd.DataFrame, cov: pd.DataFrame, f: Filters, cat: Catalog) -> str:
    """The one selected province: its figure and rank among provinces, its 同比, the metric that moved most,
    or that it has not reported (and what it sent the year before)."""
    province, lang, year = f.provinces[0], f.lang, f.year
    name = cat.province(province, lang)
    metric, unit = cat.metric_name(f.metric, lang), cat.unit(f.metric, lang)
    own = ranking[ranking["province"] == province]
    if own.empty:
        status = report_status(cov, province, year, lang)
        text = t("overview.province_missing", lang, province=name, year=year, metric=metric,
                 status=status or t("overview.status_no_metric", lang))  # fmt: skip
        return text
    r = own.iloc[0]
    value = approx(format_number(r["value"], lang), r["approximate"], lang)
    parts = [
        t(
            "overview.province_total",
            lang,
            year=year,
            province=partial_name(name, r["basis"], lang),
            metric=metric,
            value=value,
            unit=unit,
            rank=int(r["rank"]),
            n=int(r["n_ranked"]),
        )  # fmt: skip
    ]
    change = pct_change(r["value"], r["prev_value"])
    flag = bool(r["approximate"]) or (pd.notna(r["prev_approximate"]) and bool(r["prev_approximate"]))
    if change is not None:
        parts.append(t("overview.province_change", lang, change=change_text(change, flag, lang)))
    elif r["basis"] != "province":
        parts.append(t("overview.province_no_change_partial", lang))
    else:
        parts.append(t("overview.province_no_change", lang))
    moved = all_metrics[(all_metrics["province"] == province) & (all_metrics["prev_value"] > 0)].copy()
    if len(moved) > 1:
        moved["change"] = moved["value"] / moved["prev_value"] - 1
        top = moved.loc[moved["change"].abs().idxmax()]
        flag = bool(top["approximate"]) or bool(top["prev_approximate"])
        parts.append(
            t(
                "overview.province_driver",
                lang,
                metric=cat.metric_name(str(top["metric"]), lang),
                change=change_text(float(top["change"]), flag, lang, inner=True),
            )
        )
    parts.append(t("overview.summary_end", lang))
    return "".join(parts)


def trend_coverage_note(head: pd.DataFrame, years: tuple[int, ...], metric: str, lang: str) -> str:
    """When the years' totals cover different numbers of provinces, say so under the trend: its line is
    the total of each year, not a like-for-like series ("" when every year covers as many)."""
    rows = head[(head["metric"] == metric) & head["year"].isin(years)].sort_values("year")
    counts = [(int(y), int(n)) for y, n in zip(rows["year"], rows["n_provinces"], strict=True)]
    if len({n for _, n in counts}) <= 1:
        return ""
    per_year = t("common.list_sep", lang).join(t("overview.trend_year_n", lang, year=y, n=n) for y, n in counts)
    return t("overview.trend_coverage", lang, per_year=per_year)
