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


# -- the to-do list per sender (issue 14) ---------------------------------------------------------------
def sender_of(org_name: object, source_file: str, lang: str) -> str:
    """Who to tell: the organization from the form (else the build took it from the title or file name),
    else one a file name names, else 未知报送单位：<file>."""
    if isinstance(org_name, str) and org_name.strip():
        return org_name.strip()
    from etl.orgs.match import match_org  # noqa: PLC0415 - only an unnamed file needs the matcher
    from etl.pipeline.resolve import org_from_file_name  # noqa: PLC0415 - the build's own reading of a name

    named = org_from_file_name(source_file)
    if named and match_org(named).matched:
        return named
    return t("quality.sender_unknown", lang, file=source_file)


class _Blank(dict):
    """Template fields a row does not have read as a neutral word (该单元格, 该值), never as {cell}."""

    def __init__(self, lang: str, **known: object) -> None:
        super().__init__({k: v for k, v in known.items() if isinstance(v, str) and v})
        self.lang = lang

    def __missing__(self, key: str) -> str:
        return t(f"quality.fix_blank_{key}", self.lang) if has(f"quality.fix_blank_{key}") else ""


def fix_text(code: str, lang: str, **fields: object) -> str:
    """What the sender should do, from the code's fix_zh / fix_en in data/reference/issue_codes.yaml,
    filled with the cell, sheet, raw text, label and file of the problem."""
    from etl.issues import issue_codes  # noqa: PLC0415 - the catalogue, loaded once per process

    spec = issue_codes().get(code)
    if not spec:
        return t("quality.fix_unknown_code", lang)
    return spec[f"fix_{lang}"].format_map(_Blank(lang, **fields))


def todo_rows(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per sender and problem (data/quality.py sender_problems): sender, file, where, severity,
    what was wrong and what to do, sorted by sender, errors first."""
    out = problems.copy()
    out["sender"] = [sender_of(o, f, lang) for o, f in zip(out["org_name"], out["source_file"], strict=True)]
    out["file"] = out["source_file"]
    out["where"] = [
        "!".join(p for p in (s, c) if isinstance(p, str) and p) or t("quality.where_file", lang)
        for s, c in zip(out["sheet"], out["cell"], strict=True)
    ]
    out["message"] = out["message_en"] if lang == "en" else out["message"]
    out["todo"] = [
        fix_text(code, lang, cell=cell, sheet=sheet, raw=raw, label=lab, file=f)
        for code, cell, sheet, raw, lab, f in zip(
            out["code"], out["cell"], out["sheet"], out["raw_text"], out["label"], out["source_file"], strict=True
        )
    ]
    out["_rank"] = (out["severity"] != "error").astype(int)
    out = out.sort_values(["sender", "_rank", "file"], kind="stable")
    return display(
        out, "quality", ["sender", "where", "todo", "message", "severity", "file"], lang, {"severity": "@severity"}
    )


def todo_text(todo: pd.DataFrame, lang: str, sender: str | None = None) -> str:
    """A message ready to send, per sender (todo_rows' columns), one block each; only `sender`'s when given."""
    col = {k: t(f"quality.col_{k}", lang) for k in ("sender", "file", "where", "message", "todo")}
    blocks = []
    for name, rows in todo.groupby(col["sender"], sort=False):
        if sender is not None and name != sender:
            continue
        lines = [t("quality.todo_greeting", lang, sender=name, n=len(rows))]
        for i, (_, r) in enumerate(rows.iterrows(), start=1):
            lines.append(t("quality.todo_line", lang, i=i, file=r[col["file"]], where=r[col["where"]],
                           message=r[col["message"]], todo=r[col["todo"]]))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
