"""What the 数据查询与下载 Explore page shows: the table at each grain (translated codes, headers with units),
what its download files are named by. Pure: query results in (data/explore.py), frames out.

The same DataFrame is shown and exported, so a download is exactly what is on the screen.
Contact columns never exist here: the queries do not select them.
"""

from __future__ import annotations

import pandas as pd

from dashboard.filters import Filters
from dashboard.present.catalog import Catalog
from dashboard.present.tables import by_value
from dashboard.present.text import label, t


def _h(key: str, lang: str) -> str:
    return t(f"explore.col_{key}", lang)


def _codes(series: pd.Series, kind: str, lang: str) -> pd.Series:
    return by_value(series, lambda v: label(kind, v, lang) if isinstance(v, str) else "")


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").map(str)


def _organization(df: pd.DataFrame, lang: str) -> dict[str, pd.Series]:
    """The organization's name and level."""
    return {
        _h("org_name", lang): _text(df["org_name"]),
        _h("org_level", lang): _codes(df["org_level"], "level", lang),
    }


def _place(df: pd.DataFrame, cat: Catalog, lang: str) -> dict[str, pd.Series]:
    """Province (display name), city and county."""
    return {
        _h("province", lang): by_value(
            df["province"], lambda p: cat.province(p, lang) if isinstance(p, str) else ""
        ),
        _h("city", lang): _text(df["city"]),
        _h("county", lang): _text(df["county"]),
    }


def submissions_table(df: pd.DataFrame, cat: Catalog, lang: str) -> pd.DataFrame:
    modified = pd.to_datetime(df["modified_at"]).dt.strftime("%Y-%m-%d %H:%M").fillna("")
    return pd.DataFrame(
        {
            _h("year", lang): df["year"].astype("Int64"),
            **_organization(df, lang),
            _h("channel", lang): _codes(df["reporting_system"], "channel", lang),
            **_place(df, cat, lang),
            _h("form", lang): _codes(df["form"], "form", lang),
            _h("status", lang): _codes(df["status"], "status", lang),
            _h("n_values", lang): df["n_values"].astype("Int64"),
            _h("source_file", lang): _text(df["source_file"]),
            _h("modified_at", lang): modified,
        }
    )


def province_year_table(df: pd.DataFrame, cat: Catalog, lang: str) -> pd.DataFrame:
    """One row per province and year, one column per metric (with its unit)."""
    if df.empty:
        cols = [_h("year", lang), _h("province", lang), _h("basis", lang)]
        return pd.DataFrame(columns=cols + [cat.metric_with_unit(m, lang) for m in cat.metric_codes()])
    wide = df.pivot_table(
        index=["year", "province", "province_code"], columns="metric", values="value", aggfunc="sum"
    )
    basis = df.groupby(["year", "province", "province_code"])["basis"].first()
    wide = wide.reindex(columns=[m for m in cat.metric_codes() if m in wide.columns]).reset_index()
    wide = wide.sort_values(["year", "province_code"])
    out = pd.DataFrame(
        {
            _h("year", lang): wide["year"].astype("Int64").to_numpy(),
            _h("province", lang): [cat.province(p, lang) for p in wide["province"]],
            _h("basis", lang): [
                label("basis", b, lang)
                for b in basis.loc[
                    list(zip(wide["year"], wide["province"], wide["province_code"], strict=True))
                ]
            ],
        }
    )
    for m in cat.metric_codes():
        if m in wide.columns:
            out[cat.metric_with_unit(m, lang)] = wide[m].to_numpy()
    return out


def metric_values_table(df: pd.DataFrame, cat: Catalog, lang: str, metric: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _h("year", lang): df["year"].astype("Int64"),
            **_organization(df, lang),
            **_place(df, cat, lang),
            _h("subchannel", lang): _codes(df["channel"], "subchannel", lang),
            cat.metric_with_unit(metric, lang): df["value"].astype("float64"),
            _h("approximate", lang): df["approximate"].map(
                lambda a: t("codes.yes" if a else "codes.no", lang)
            ),
            _h("source_file", lang): _text(df["source_file"]),
            _h("sheet", lang): _text(df["sheet"]),
            _h("cell", lang): _text(df["cell"]),
            _h("label", lang): _text(df["label"]),
        }
    )


def explore_table(grain: str, df: pd.DataFrame, cat: Catalog, f: Filters) -> pd.DataFrame:
    if grain == "submission":
        return submissions_table(df, cat, f.lang)
    if grain == "province_year":
        return province_year_table(df, cat, f.lang)
    return metric_values_table(df, cat, f.lang, f.metric)


def export_parts(grain: str, f: Filters, cat: Catalog) -> list[str]:
    """What the file name says was filtered: prefix, years, area, channel, metric (when applied), grain."""
    lang = f.lang
    parts = [
        t("explore.file_prefix", lang),
        f.years_label(),
        cat.area_label(f.area, lang),
        t(f"codes.fchannel_{f.channel}", lang),
    ]
    if grain == "metric_value":
        parts.append(cat.metric_name(f.metric, lang))
    parts.append(t(f"explore.grain_short_{grain}", lang))
    return parts


def measure_columns(table: pd.DataFrame) -> list[str]:
    """Numeric columns other than the year: shown with thousands separators."""
    return [c for c in table.columns[1:] if pd.api.types.is_numeric_dtype(table[c])]
