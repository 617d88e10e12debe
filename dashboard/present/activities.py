"""Display frames for the 优秀活动 Activities page. Pure: query results in, labelled frames out."""

from __future__ import annotations

import pandas as pd

from dashboard.data.activity_search import Search
from dashboard.present.catalog import Catalog
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
