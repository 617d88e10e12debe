"""What the 数据质量 Data quality page shows: file and issue counts, the filter options, the issues with
short names for their codes, and a submission's cells. Pure: query results in (data/quality.py), frames out."""

from __future__ import annotations

import pandas as pd

from dashboard.present.tables import display
from dashboard.present.text import has, t


def notice_titles(notices: pd.DataFrame) -> dict[str, str]:
    """A notice's source file -> its title (notice files may be named by a hash that means nothing)."""
    return {
        str(f): str(title)
        for f, title in zip(notices["source_file"], notices["title"], strict=True)
        if pd.notna(f) and isinstance(title, str) and title
    }


def quality_counts(status_counts: pd.DataFrame, issues: pd.DataFrame) -> dict[str, int]:
    """Files loaded / duplicate / rejected (all years) and issues by severity."""
    by_status = status_counts.groupby("status")["n"].sum()
    return {
        "loaded": int(by_status.get("loaded", 0)),
        "duplicate": int(by_status.get("duplicate", 0)),
        "rejected": int(by_status.get("rejected", 0)),
        "errors": int((issues["severity"] == "error").sum()),
        "warnings": int((issues["severity"] == "warning").sum()),
    }


def options_of(options: pd.DataFrame, column: str) -> list:
    """Sorted distinct non-null values of one column, for a filter widget."""
    values = options[column].dropna().unique().tolist()
    return sorted(int(v) for v in values) if column == "year" else sorted(str(v) for v in values)


def issue_type(code: str, lang: str) -> str:
    """Short name of a load_issues code (quality.code_<code>); a code with no name yet shows as itself."""
    key = f"quality.code_{code}"
    return t(key, lang) if has(key) else str(code)


def issues_table(issues: pd.DataFrame, lang: str, file_titles: dict[str, str] | None = None) -> pd.DataFrame:
    """load_issues rows with the message in the page's language and a short name for the code.

    file_titles: source_file -> what to show instead (a notice's title: its file is named by a hash)."""
    out = issues.copy()
    out["code"] = out["code"].map(lambda c: issue_type(c, lang) if pd.notna(c) else "")
    out["file"] = out["source_file"].map(lambda f: (file_titles or {}).get(f, f) if pd.notna(f) else "")
    out["message"] = out["message_en"] if lang == "en" else out["message"]
    return display(
        out,
        "quality",
        ["year", "kind", "file", "sheet", "cell", "severity", "code", "message"],
        lang,
        {"kind": "@kind", "severity": "@severity"},
    )


def cells_table(cells: pd.DataFrame, metric_names: dict[str, str], lang: str) -> pd.DataFrame:
    """A submission's labelled cells: label and its cell, the text as written, the value used and its cell."""
    out = cells.copy()
    out["raw"] = out["raw_text"]
    out["metric"] = [metric_names.get(m, m) if isinstance(m, str) else "" for m in out["metric"]]
    out["approx"] = out["approximate"].map(lambda v: t("codes.yes", lang) if v else "")
    return display(
        out,
        "quality",
        ["sheet", "label", "label_cell", "raw", "cell", "value", "metric", "approx", "role"],
        lang,
        {"role": "@role"},
    )
