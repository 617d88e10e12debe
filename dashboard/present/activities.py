"""What the 优秀活动 Activities page shows: the activity list and its detail, what the search was read as,
the 2021 plans' module mix and activities per province. Pure: query results in (data/activities.py),
labelled frames and figures out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.activity_search import Search
from dashboard.present.catalog import Catalog
from dashboard.present.charts import GRID, PALETTE, base_layout, legend_above, wrap_to
from dashboard.present.text import label, t

MODULES = ["团结引领", "建家办事", "为民服务", "开放合作", "表彰发布"]
REASON_PREVIEW = 60


def source_text(row: pd.Series) -> str:
    """'2024/四川省农技协_优秀活动推荐表.docx · 表1!B6': the file, then sheet!cell, as people cite it."""
    return f"{row['source_file']} · {row['sheet']}!{row['cell']}"


def _preview(text: object, n: int = REASON_PREVIEW) -> str:
    s = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return s if len(s) <= n else s[:n] + "…"


def counts(df: pd.DataFrame) -> dict[str, int]:
    return {
        "recommended": int((df["kind"] == "recommended").sum()),
        "planned": int((df["kind"] == "planned").sum()),
        "units": int(df["source_file"].nunique()),
        "long": int(df["reason_too_long"].fillna(False).astype(bool).sum()),
    }


def modules_label(modules: object, lang: str) -> str:
    if not isinstance(modules, str) or not modules:
        return ""
    return (
        " · ".join(t(f"activities.module_{m}", lang) for m in modules.split("、"))
        if lang == "en"
        else modules
    )


def activity_table(df: pd.DataFrame, cat: Catalog, lang: str) -> pd.DataFrame:
    """One row per activity, labelled columns; the detail is the reason (recommended) or modules (plans)."""

    def h(key: str) -> str:
        return t(f"activities.col_{key}", lang)

    detail = [
        _preview(r.reason) if r.kind == "recommended" else modules_label(r.modules, lang)
        for r in df.itertuples(index=False)
    ]
    return pd.DataFrame(
        {
            h("year"): df["year"].astype("Int64"),
            h("kind"): [t(f"activities.kind_{k}_short", lang) for k in df["kind"]],
            h("province"): [cat.province(p if isinstance(p, str) else None, lang) for p in df["province"]],
            h("org"): df["org_name"],
            h("channel"): [label("channel", c, lang) for c in df["reporting_system"]],
            h("name"): df["activity_name"],
            h("organizer"): df["organizer"],
            h("detail"): detail,
            h("long"): df["reason_too_long"].fillna(False).astype(bool),
            h("source"): [source_text(r) for _, r in df.iterrows()] if len(df) else [],
        }
    )


def detail_rows(row: pd.Series, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs shown under the table for the selected activity (no contact fields)."""

    def v(x: object) -> str:
        return (
            t("activities.none", lang)
            if x is None or (isinstance(x, float) and pd.isna(x)) or x == ""
            else str(x)
        )

    out = [(t("activities.col_organizer", lang), v(row["organizer"]))]
    if row["kind"] == "planned":
        out += [
            (t("activities.detail_modules", lang), v(modules_label(row["modules"], lang))),
            (t("activities.detail_groups", lang), v(row["target_groups"])),
            (t("activities.detail_undertaker", lang), v(row["undertaker"])),
            (t("activities.detail_time", lang), v(row["planned_time"])),
            (t("activities.detail_place", lang), v(row["planned_place"])),
            (t("activities.detail_scale", lang), v(row["planned_scale"])),
        ]
    out.append((t("activities.detail_source", lang), source_text(row)))
    if row["kind"] == "recommended" and isinstance(row["reason_cell"], str):
        out.append((t("activities.detail_reason_cell", lang), f"{row['sheet']}!{row['reason_cell']}"))
    return out


def search_parts(s: Search, cat: Catalog, lang: str) -> str:
    """What the search box was read as: 2024 · 四川省 · “科技小院”."""
    parts = [str(y) for y in s.years] + [cat.province(p, lang) for p in s.provinces]
    parts += [f"“{p.strip('%').replace(chr(92), '')}”" for p in s.patterns]
    return " · ".join(parts)


def group_names(lang: str) -> dict[str, str]:
    """Organization levels as chart groups, in a fixed order."""
    return {lv: label("level", lv, lang) for lv in ("province", "national", "unit", "city", "county")}


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
    # a module's name in short lines: five side by side share a phone's 330 px (and Plotly let them overlap)
    x = ["<br>".join(wrap_to(module_names.get(m, m), 60, 13)) for m in modules]
    groups = [g for g in group_names if g in set(df["group"])] if len(df) else []
    for i, g in enumerate(groups):
        part = df[df["group"] == g].set_index("module")["n"]
        counts = [int(part.get(m, 0)) for m in modules]
        fig.add_trace(
            go.Bar(
                x=x,
                y=counts,
                name=group_names[g],
                marker_color=PALETTE[i % len(PALETTE)],
                hovertemplate="%{x} · " + group_names[g] + ": %{y}<extra></extra>",
            )
        )
    totals = df.groupby("module")["n"].sum() if len(df) else pd.Series(dtype=float)
    fig.add_trace(
        go.Scatter(
            x=x,
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
        title_text=count_title, gridcolor=GRID, range=[0, top * 1.2 + 1], dtick=max(1, round(top / 5))
    )
    return legend_above(base_layout(fig, 340))


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
        title_text=count_title, gridcolor=GRID, dtick=1 if len(totals) and totals.max() <= 10 else None
    )
    fig.update_yaxes(automargin=True)
    return legend_above(base_layout(fig, max(220, 110 + 28 * len(totals))))
