"""What the 数据查询与下载 Explore page shows: the table at each grain (translated codes, headers with units),
what its download files are named by. Pure: query results in (data/explore.py), frames out.

The same DataFrame is shown and exported, so a download is exactly what is on the screen.
Contact columns never exist here: the queries do not select them.
"""

from __future__ import annotations

import pandas as pd

from dashboard.filters import Filters
from dashboard.present.catalog import Catalog
from dashboard.present.export import whole_numbers
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


def _wide(df: pd.DataFrame, keys: list[str], cat: Catalog) -> pd.DataFrame:
    """Long rows (keys…, metric, value) -> one row per key, one column per metric code in catalogue order."""
    wide = df.pivot_table(index=keys, columns="metric", values="value", aggfunc="sum")
    wide = wide.reindex(columns=[m for m in cat.metric_codes() if m in wide.columns]).reset_index()
    wide.columns.name = None
    return wide


def _metric_columns(out: pd.DataFrame, wide: pd.DataFrame, cat: Catalog, lang: str) -> pd.DataFrame:
    for m in cat.metric_codes():
        if m in wide.columns:
            out[cat.metric_with_unit(m, lang)] = wide[m].to_numpy()
    return out


def _approximate_metrics(
    df: pd.DataFrame, keys: list[str], wide: pd.DataFrame, cat: Catalog, lang: str
) -> list:
    """For each row of `wide`: the metrics whose figure rests on a value written 约/余/近 (the long rows'
    `approximate`, as province_metrics.approximate), named and joined ("受益人次、开展活动"); "" for none.
    A download read without the page then still says which figures are approximate."""
    if "approximate" not in df.columns:
        return [""] * len(wide)
    flagged = df[df["approximate"].fillna(False).astype(bool)]
    order = {m: i for i, m in enumerate(cat.metric_codes())}
    named = (
        flagged.groupby(keys, dropna=False)["metric"]
        .agg(
            lambda ms: t("common.list_sep", lang).join(
                cat.metric_name(m, lang) for m in sorted(set(ms), key=lambda m: order.get(m, 99))
            )
        )  # fmt: skip
        .to_dict()
    )
    return [named.get(tuple(row), "") for row in wide[keys].itertuples(index=False, name=None)]


def _empty_wide(heads: list[str], cat: Catalog, lang: str) -> pd.DataFrame:
    return pd.DataFrame(columns=heads + [cat.metric_with_unit(m, lang) for m in cat.metric_codes()])


def organizations_table(df: pd.DataFrame, cat: Catalog, lang: str) -> pd.DataFrame:
    """One row per organization and year: where it is, how many files, one column per metric."""
    heads = ["year", "org_name", "org_level", "province", "city", "county", "n_files", "approximate_metrics"]
    if df.empty:
        return _empty_wide([_h(k, lang) for k in heads], cat, lang)
    keys = ["year", "province_code", "org_level", "org_name", "province", "city", "county"]
    filled = df.assign(**{k: df[k].astype(object).where(df[k].notna(), "") for k in keys[1:]})
    files = filled.groupby(keys)["n_files"].max().rename("n_files")
    wide = _wide(filled, keys, cat).merge(files.reset_index(), on=keys)
    wide = wide.replace({"province": {"": None}})
    out = pd.DataFrame(
        {
            _h("year", lang): wide["year"].astype("Int64").to_numpy(),
            **{k: v.to_numpy() for k, v in _organization(wide, lang).items()},
            **{k: v.to_numpy() for k, v in _place(wide, cat, lang).items()},
            _h("n_files", lang): wide["n_files"].astype("Int64").to_numpy(),
            _h("approximate_metrics", lang): _approximate_metrics(filled, keys, wide, cat, lang),
        }
    )
    return _metric_columns(out, wide, cat, lang)


def cities_table(df: pd.DataFrame, cat: Catalog, lang: str) -> pd.DataFrame:
    """One row per city and year: its own report, or its counties summed (and how many)."""
    heads = ["year", "province", "city", "city_basis", "n_counties", "approximate_metrics"]
    if df.empty:
        return _empty_wide([_h(k, lang) for k in heads], cat, lang)
    keys = ["year", "province_code", "city_code", "province", "city", "basis"]
    counties = df.groupby(keys)["n_counties"].max().rename("n_counties")
    wide = _wide(df, keys, cat).merge(counties.reset_index(), on=keys)
    out = pd.DataFrame(
        {
            _h("year", lang): wide["year"].astype("Int64").to_numpy(),
            _h("province", lang): [cat.province(p, lang) for p in wide["province"]],
            _h("city", lang): _text(wide["city"]).to_numpy(),
            _h("city_basis", lang): [t(f"explore.city_basis_{b}", lang) for b in wide["basis"]],
            _h("n_counties", lang): wide["n_counties"].astype("Int64").to_numpy(),
            _h("approximate_metrics", lang): _approximate_metrics(df, keys, wide, cat, lang),
        }
    )
    return _metric_columns(out, wide, cat, lang)


def province_year_table(df: pd.DataFrame, cat: Catalog, lang: str) -> pd.DataFrame:
    """One row per province and year, one column per metric (with its unit)."""
    if df.empty:
        heads = ["year", "province", "basis", "partial", "approximate_metrics"]
        return _empty_wide([_h(k, lang) for k in heads], cat, lang)
    keys = ["year", "province_code", "province", "basis"]
    basis = df.groupby(["year", "province_code", "province"])["basis"].first().rename("basis")
    long = df.drop(columns="basis").merge(basis.reset_index(), on=["year", "province_code", "province"])
    wide = _wide(long, keys, cat)
    out = pd.DataFrame(
        {
            _h("year", lang): wide["year"].astype("Int64").to_numpy(),
            _h("province", lang): [cat.province(p, lang) for p in wide["province"]],
            _h("basis", lang): [label("basis", b, lang) for b in wide["basis"]],
            # partial: no provincial report, the figure is what its cities and counties sent, maybe not all
            _h("partial", lang): [
                t("codes.yes" if b == "sum_of_cities_counties" else "codes.no", lang) for b in wide["basis"]
            ],
            _h("approximate_metrics", lang): _approximate_metrics(long, keys, wide, cat, lang),
        }
    )
    return _metric_columns(out, wide, cat, lang)


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
    """The table shown and downloaded; whole-number columns are integers (45084, never 45084.0)."""
    if grain == "metric_value":
        return whole_numbers(metric_values_table(df, cat, f.lang, f.metric))
    build = {
        "submission": submissions_table,
        "organization": organizations_table,
        "city": cities_table,
        "province_year": province_year_table,
    }[grain]
    return whole_numbers(build(df, cat, f.lang))


def places_label(f: Filters, cat: Catalog, lang: str, sep: str) -> str:
    """The chosen area in words: all China, a macro-region, or the provinces joined by `sep`."""
    if f.area and cat.provinces_in(f.area) == f.provinces:
        return cat.area_label(f.area, lang)
    if not f.provinces:
        return cat.area_label("", lang)
    return sep.join(cat.province(p, lang) for p in f.provinces)


def export_parts(grain: str, f: Filters, cat: Catalog, level_grains: tuple[str, ...]) -> list[str]:
    """What the file name says shaped the rows: prefix, years, area, channel, levels (where the grain
    applies them), metric (when applied), grain. Files of different selections get different names."""
    lang = f.lang
    parts = [
        t("explore.file_prefix", lang),
        f.years_label(),
        places_label(f, cat, lang, sep="+"),
        t(f"codes.fchannel_{f.channel}", lang),
    ]
    if grain in level_grains and f.org_levels:
        parts.append("+".join(t(f"explore.level_short_{lv}", lang) for lv in f.org_levels))
    if grain == "metric_value":
        parts.append(cat.metric_name(f.metric, lang))
    parts.append(t(f"explore.grain_short_{grain}", lang))
    return parts


def measure_columns(table: pd.DataFrame) -> list[str]:
    """Numeric columns other than the year: shown with thousands separators."""
    return [c for c in table.columns[1:] if pd.api.types.is_numeric_dtype(table[c])]
