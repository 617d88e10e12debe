"""What the 地区对比 Compare page shows besides the map (present/map.py): the provinces off the map, the
ranking, the province × year heat table, provinces side by side, the drill-down's sentence and table.
Pure: query results in (data/compare.py), frames and figures out."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler
from plotly.colors import sample_colorscale

from dashboard.present.charts import (
    GRID,
    PALETTE,
    approx,
    base_layout,
    change_text,
    flag_set,
    panel_at,
    panel_grid,
    panel_rows,
    partial_name,
    value_axis,
)
from dashboard.present.fmt import format_number, format_plain, pct_change
from dashboard.present.tables import display
from dashboard.present.text import has, t

HEAT_SCALE = "Blues"


def in_years(df: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Rows of the sidebar's chosen years only (all rows when none is chosen)."""
    return df[df["year"].isin([int(y) for y in years])].reset_index(drop=True) if years else df


def with_data(compare: pd.DataFrame) -> pd.DataFrame:
    """Provinces that have a figure (the ranking and the map's coloured areas)."""
    return compare[compare["value"].notna()].reset_index(drop=True)


def off_map(
    compare: pd.DataFrame, national: pd.DataFrame, polygon_codes: set[str], lang: str, names: dict[str, str]
) -> pd.DataFrame:
    """Figures with no polygon: province-level units such as 兵团, then national bodies."""
    rows = [
        {"org": names.get(r.province, r.province), "kind": t("compare.kind_bingtuan", lang), "value": r.value}
        for r in with_data(compare).itertuples()
        if str(r.province_code) not in polygon_codes
    ]
    rows += [
        {"org": body_name(r.org_name, lang), "kind": t("compare.kind_national", lang), "value": r.value}
        for r in national.itertuples()
    ]
    # value before kind: in the narrow column beside the map the figure must stay in view
    out = pd.DataFrame(rows, columns=["org", "value", "kind"])
    out["value"] = out["value"].map(lambda v: format_number(v, lang))
    return out.rename(
        columns={
            "org": t("compare.col_org", lang),
            "kind": t("compare.col_kind", lang),
            "value": t("compare.col_value", lang),
        }
    )


def body_name(org_name: str, lang: str) -> str:
    """A national body's name in the page's language (compare.yaml body_<name>), else as written."""
    key = f"compare.body_{org_name}"
    return t(key, lang) if has(key) else org_name


def in_area(df: pd.DataFrame, provinces: tuple[str, ...]) -> pd.DataFrame:
    """Rows of the sidebar's provinces only (all rows when the sidebar chose all China)."""
    return df[df["province"].isin(provinces)].reset_index(drop=True) if provinces else df


def _col(df: pd.DataFrame, name: str) -> list:
    return df[name].tolist() if name in df else [None] * len(df)


def ranking_table(
    compare: pd.DataFrame, names: dict[str, str], lang: str, only: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Rank, province, value and change vs last year, largest first; a sum of cities and counties is
    marked on the name (no basis column: it was cut beside the bars at 1366 px), an approximate figure on
    the value and on the change it feeds.
    only: the sidebar's provinces (the rank stays the rank among all provinces)."""
    df = with_data(compare).sort_values("value", ascending=False).reset_index(drop=True)
    df["rank"] = df["value"].rank(ascending=False, method="min").astype(int)
    df = in_area(df, only)
    approx_now, approx_prev = _col(df, "approximate"), _col(df, "prev_approximate")
    return pd.DataFrame(
        {
            t("compare.col_rank", lang): df["rank"],
            t("compare.col_province", lang): [
                partial_name(names.get(p, p), b, lang)
                for p, b in zip(df["province"], df["basis"], strict=True)
            ],
            t("compare.col_value", lang): [
                approx(format_number(v, lang), a, lang) for v, a in zip(df["value"], approx_now, strict=True)
            ],
            t("compare.col_change", lang): [
                change_text(pct_change(v, p), flag_set(a) or flag_set(b), lang, short=True)
                for v, p, a, b in zip(df["value"], df["prev_value"], approx_now, approx_prev, strict=True)
            ],
        }
    )


def status_word(status: pd.DataFrame, province: str, lang: str) -> str:
    """'未报送' or '报送文件未能使用' for a province without a figure (data/common.report_status)."""
    row = status[status["province"] == province]
    sent = len(row) and int(row.iloc[0]["n_files"]) > 0
    return t("compare.status_rejected" if sent else "compare.status_none", lang)


def drill_sentence(
    compare: pd.DataFrame, province: str, year: int, name: str, lang: str, status: pd.DataFrame | None = None
) -> str:
    """Which figure is the province's: its own report, or the sum of its units (province_metrics.basis);
    with no figure, whether it sent nothing or sent files that could not be used."""
    row = compare[compare["province"] == province]
    if row.empty or pd.isna(row.iloc[0]["value"]):
        if status is not None:
            return t("compare.drill_status", lang, province=name, year=year,
                     status=status_word(status, province, lang))  # fmt: skip
        return t("compare.drill_none", lang, province=name, year=year)
    r = row.iloc[0]
    value = approx(format_number(r["value"], lang), r.get("approximate"), lang)
    key = "compare.drill_basis_province" if r["basis"] == "province" else "compare.drill_basis_sum"
    return t(key, lang, province=name, year=year, value=value)


def side_missing(
    side: pd.DataFrame, chosen: list[str], status: pd.DataFrame, year: int, names: dict[str, str], lang: str
) -> pd.DataFrame:
    """The chosen provinces with no figure in `year`, each with its status (未报送, files not usable)."""
    have = set(side.loc[side["year"] == year, "province"])
    rows = [
        {
            t("compare.col_province", lang): names.get(p, p),
            t("compare.col_status", lang, year=year): status_word(status, p, lang),
        }
        for p in chosen
        if p not in have
    ]
    return pd.DataFrame(rows)


def side_default(chosen_area: tuple[str, ...], ranked: pd.DataFrame, n: int = 3) -> list[str]:
    """The side-by-side starts from the sidebar's provinces (up to 5), else the top `n` by the metric."""
    if len(chosen_area) >= 2:
        return list(chosen_area[:5])
    return ranked.sort_values("value", ascending=False)["province"].head(n).tolist()


def drill_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = df.copy()
    flags = _col(out, "approximate")
    out["value"] = [approx(format_number(v, lang), a, lang) for v, a in zip(out["value"], flags, strict=True)]
    out["org"] = out["org_name"]
    out["level"] = out["org_level"]
    out["file"] = out["source_file"]
    return display(
        out,
        "compare",
        ["org", "level", "city", "county", "value", "counting", "file"],
        lang,
        {"level": "level", "counting": "@counting"},
    )


def heat_table(df: pd.DataFrame, names: dict[str, str], lang: str, value_title: str) -> Styler:
    """Provinces (rows, by code) × years (columns), each cell its figure (万/亿) on a blue shade that
    grows with it: a styled table, not a figure (a 35×4 Plotly heatmap cost ~0.3 s of drawing and a
    camera no one needs for a table), drawn as a static table (widgets.small_table): read, not sorted.

    df: province, province_code, year, value. names: province -> display name. value_title names the
    metric in the header of the first column.
    """
    wide = df.pivot_table(index=["province_code", "province"], columns="year", values="value", aggfunc="sum")
    wide = wide.sort_index(level=0)
    years = [str(int(y)) for y in wide.columns]
    z = wide.to_numpy(dtype=float)
    first = f"{t('compare.col_province', lang)} · {value_title}"
    table = pd.DataFrame(z, columns=years)
    table.insert(0, first, [names.get(p, p) for _, p in wide.index])
    shades = _heat_css(z)
    # names escaped (drawn as HTML by widgets.small_table), figures in 万/亿, a missing year blank
    styled = table.style.format(escape="html")
    return styled.format(lambda v: format_number(v, lang) if not pd.isna(v) else "", subset=years).apply(
        lambda _: pd.DataFrame(shades, columns=years), axis=None, subset=years
    )


def _heat_css(z: Any) -> list[list[str]]:
    """Each cell's background on HEAT_SCALE between the table's smallest and largest figure (as a heat
    map would colour it), white text on the dark end; a blank cell stays blank. z: rows of floats."""
    finite = [float(v) for row in z for v in row if math.isfinite(v)]
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
    span = hi - lo or 1.0
    out = []
    for row in z:
        cells = []
        for v in row:
            if not math.isfinite(v):
                cells.append("")
                continue
            share = (v - lo) / span
            ink = "#FFFFFF" if share > 0.55 else "#1A2433"
            cells.append(f"background-color: {sample_colorscale(HEAT_SCALE, [share])[0]}; color: {ink}")
        out.append(cells)
    return out


def side_by_side(df: pd.DataFrame, names: dict[str, str], titles: dict[str, str], lang: str) -> go.Figure:
    """One panel per metric (own scale), one line per province across the years.

    df: province, year, metric, value. titles: metric code -> panel title, in drawing order.
    """
    codes = [c for c in titles if c in set(df["metric"])] or list(titles)[:1]
    n_rows = panel_rows(len(codes))
    fig = panel_grid(
        [titles[c] for c in codes], vertical_spacing=0.22 / n_rows + 0.05, horizontal_spacing=0.1
    )
    provinces = list(dict.fromkeys(df["province"]))
    years = sorted(int(y) for y in df["year"].unique()) if len(df) else []
    for i, code in enumerate(codes):
        r, c = panel_at(i)
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
        fig.update_yaxes(**value_axis(top * 1.1, lang), gridcolor=GRID, row=r, col=c)
        fig.update_xaxes(tickvals=years, ticktext=[str(y) for y in years], row=r, col=c)
    fig = base_layout(fig, 250 * n_rows + 80)
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.08, "x": 0})
    return fig
