"""Query results -> what the secretariat pages show in tables and sentences. Pure (no Streamlit, no SQL)."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.present.fmt import format_number, format_pct, pct_change
from dashboard.present.tables import by_value
from dashboard.present.text import has, label, t


def display(
    df: pd.DataFrame, page: str, columns: list[str], lang: str, coded: dict[str, str] | None = None
) -> pd.DataFrame:
    """Keep `columns`, translate coded values (column -> text key prefix `<page>.<prefix>_<value>` or a
    codes.yaml kind like 'level'), and rename headers to `<page>.col_<column>`."""
    out = df[columns].copy()
    for col, kind in (coded or {}).items():
        if kind.startswith("@"):  # page-local labels
            prefix = f"{page}.{kind[1:]}_"
            out[col] = by_value(out[col], lambda v, p=prefix: t(p + str(v), lang))
        else:
            out[col] = by_value(out[col], lambda v, k=kind: label(k, v, lang))
    for col in out.columns:  # a missing text shows as blank, not as Streamlit's grey "None"
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].astype(object).where(out[col].notna(), "")
    return out.rename(columns={c: t(f"{page}.col_{c}", lang) for c in columns})


# -- compare --------------------------------------------------------------------------------------


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
        {"org": r.org_name, "kind": t("compare.kind_national", lang), "value": r.value}
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


def ranking_table(compare: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """Province, value, rank, change vs last year and basis, largest first."""
    df = with_data(compare).sort_values("value", ascending=False).reset_index(drop=True)
    return pd.DataFrame(
        {
            t("compare.col_rank", lang): range(1, len(df) + 1),
            t("compare.col_province", lang): [names.get(p, p) for p in df["province"]],
            t("compare.col_value", lang): [format_number(v, lang) for v in df["value"]],
            t("compare.col_change", lang): [
                format_pct(pct_change(v, p), lang) for v, p in zip(df["value"], df["prev_value"], strict=True)
            ],
            t("compare.col_basis", lang): [label("basis", b, lang) for b in df["basis"]],
        }
    )


def drill_sentence(compare: pd.DataFrame, province: str, year: int, name: str, lang: str) -> str:
    """Which figure is the province's: its own report, or the sum of its units (province_metrics.basis)."""
    row = compare[compare["province"] == province]
    if row.empty or pd.isna(row.iloc[0]["value"]):
        return t("compare.drill_none", lang, province=name, year=year)
    value = format_number(row.iloc[0]["value"], lang)
    key = "compare.drill_basis_province" if row.iloc[0]["basis"] == "province" else "compare.drill_basis_sum"
    return t(key, lang, province=name, year=year, value=value)


def drill_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = df.copy()
    out["value"] = out["value"].map(lambda v: format_number(v, lang))
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


# -- submissions ----------------------------------------------------------------------------------


def progress_counts(expected: pd.DataFrame, submitted: pd.DataFrame) -> dict[str, int]:
    """expected / submitted / missing province-level units; late and deadline-unknown files."""
    sent = expected["status"].notna()
    return {
        "expected": len(expected),
        "submitted": int(sent.sum()),
        "missing": int((~sent).sum()),
        "late": int((submitted["timeliness"] == "late").sum()),
        "unknown": int((submitted["timeliness"] == "deadline_unknown").sum()),
    }


def notice_names(deadlines: pd.DataFrame) -> dict[str, str]:
    """notice_id -> what a reader recognises a notice by: its 文号, else its title (never the internal id)."""
    return {
        nid: doc if isinstance(doc, str) and doc else str(title)
        for nid, doc, title in zip(
            deadlines["notice_id"], deadlines["doc_number"], deadlines["title"], strict=True
        )
    }


def _dates(df: pd.DataFrame, lang: str, notices: dict[str, str] | None = None) -> pd.DataFrame:
    out = df.copy()
    # vectorised: a year at national scale has thousands of rows (per-row lambdas took ~0.1 s)
    out["time"] = pd.to_datetime(out["submitted_at"]).dt.strftime("%Y-%m-%d %H:%M").fillna("")
    unknown = t("submissions.deadline_unknown", lang)
    out["deadline"] = pd.to_datetime(out["report_deadline"]).dt.strftime("%Y-%m-%d").fillna(unknown)
    out["source"] = out["submitted_source"]
    out["notice"] = by_value(out["notice_id"], lambda v: (notices or {}).get(v, v))
    out["file"] = out["source_file"].fillna("")
    return out


def expected_table(
    expected: pd.DataFrame, names: dict[str, str], lang: str, notices: dict[str, str] | None = None
) -> pd.DataFrame:
    out = _dates(expected, lang, notices)
    out["province"] = [names.get(p, p) for p in out["province"]]
    out["org"] = out["org_name"].fillna("")  # an expected unit that sent nothing
    out["below"] = out["n_below"]
    return display(
        out,
        "submissions",
        ["province", "org", "status", "timeliness", "time", "source", "deadline", "notice", "below", "file"],
        lang,
        {"status": "status", "timeliness": "@timeliness", "source": "@source"},
    )


def submitted_table(
    submitted: pd.DataFrame, lang: str, only_late: bool = False, notices: dict[str, str] | None = None
) -> pd.DataFrame:
    df = submitted[submitted["timeliness"] == "late"] if only_late else submitted
    out = _dates(df, lang, notices)
    out["org"] = out["org_name"]
    out["level"] = out["org_level"]
    return display(
        out,
        "submissions",
        ["org", "level", "status", "timeliness", "time", "source", "deadline", "notice", "file"],
        lang,
        {"level": "level", "status": "status", "timeliness": "@timeliness", "source": "@source"},
    )


def problems_table(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = problems.copy()
    out["reason"] = out["reason_en"] if lang == "en" else out["reason"]
    out["kept"] = out["kept_file"]
    out["file"] = out["source_file"]
    out["org"] = out["org_name"]
    return display(
        out, "submissions", ["status", "year", "org", "file", "kept", "reason"], lang, {"status": "status"}
    )


def deadlines_table(deadlines: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The year's notices: channel, region (全国 when national), deadline or 'unknown', title."""
    unknown = t("submissions.deadline_unknown", lang)
    out = deadlines.assign(
        channel=deadlines["reporting_system"],
        region=deadlines["region"].fillna(t("common.area_all", lang)),
        deadline=deadlines["report_deadline"].map(
            lambda v: unknown if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")
        ),
        doc=deadlines["doc_number"],
    )
    return display(
        out, "submissions", ["channel", "region", "deadline", "doc", "title"], lang, {"channel": "channel"}
    )


# -- notices --------------------------------------------------------------------------------------


def timeline_rows(notices: pd.DataFrame) -> pd.DataFrame:
    """Notices with a readable row label (year · issuer · 文号), for notice_timeline and the notice picker.

    The internal notice_id is not shown (it means nothing to a reader); two notices with the same label
    get "(2)", "(3)" so the timeline's category axis keeps them apart."""
    out = notices.copy()
    base = [
        " · ".join(str(x) for x in (y, issuer, doc) if pd.notna(x) and x != "")
        for y, issuer, doc in zip(out["year"], out["issuer"], out["doc_number"], strict=True)
    ]
    seen: dict[str, int] = {}
    labels = []
    for b in base:
        seen[b] = seen.get(b, 0) + 1
        labels.append(b if seen[b] == 1 else f"{b} ({seen[b]})")
    out["row_label"] = labels
    return out


def notice_titles(notices: pd.DataFrame) -> dict[str, str]:
    """A notice's source file -> its title (notice files may be named by a hash that means nothing)."""
    return {
        str(f): str(title)
        for f, title in zip(notices["source_file"], notices["title"], strict=True)
        if pd.notna(f) and isinstance(title, str) and title
    }


def find_lines(text: str, query: str) -> list[tuple[int, str]]:
    """(line number, line) of every line containing `query` (case-insensitive), in order."""
    if not query.strip():
        return []
    pattern = re.compile(re.escape(query.strip()), re.IGNORECASE)
    return [(i, line) for i, line in enumerate(text.splitlines(), 1) if pattern.search(line)]


def highlight(text: str, query: str) -> str:
    """Markdown of the text with every match in bold (the text's own markdown characters escaped)."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|>~])", r"\\\1", text)
    if not query.strip():
        return escaped.replace("\n", "  \n")
    q = re.sub(r"([\\`*_{}\[\]()#+\-.!|>~])", r"\\\1", query.strip())
    marked = re.sub(re.escape(q), lambda m: f"**:red[{m.group(0)}]**", escaped, flags=re.IGNORECASE)
    return marked.replace("\n", "  \n")


def notices_table(notices: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The notices list: year, title, issuer, level, region, channel, 文号, theme, period, deadline, issued."""

    def day(v: object) -> str:
        return "" if pd.isna(v) else pd.Timestamp(v).strftime("%Y-%m-%d")

    out = notices.copy()
    out["channel"] = out["reporting_system"]
    out["doc"] = out["doc_number"].fillna("")
    out["period"] = [
        text if isinstance(text, str) and text else (f"{day(a)} – {day(b)}" if not pd.isna(a) else "")
        for text, a, b in zip(out["period_text"], out["period_start"], out["period_end"], strict=True)
    ]
    out["deadline"] = out["report_deadline"].map(day)
    out["issued"] = out["issued_on"].map(day)
    out["region"] = out["region"].fillna(t("common.area_all", lang))
    return display(
        out,
        "notices",
        [
            "year",
            "title",
            "issuer",
            "level",
            "region",
            "channel",
            "doc",
            "theme",
            "period",
            "deadline",
            "issued",
        ],
        lang,
        {"channel": "channel", "level": "@level"},
    )


def fields_table(fields: pd.DataFrame, metric_names: dict[str, str], lang: str) -> pd.DataFrame:
    """A notice's form fields beside the metric each maps to and how many files reported it."""
    out = fields.copy()
    out["field"] = out["field_label"]
    out["metric"] = [
        metric_names.get(m, m) if isinstance(m, str) else t("notices.not_metric", lang) for m in out["metric"]
    ]
    # text, not a mixed int/"" column (Arrow cannot serialise that): blank for fields that are no metric
    out["reported"] = [
        str(int(n)) if isinstance(m, str) and pd.notna(n) else ""
        for m, n in zip(fields["metric"], out["n_reported"], strict=True)
    ]
    return display(out, "notices", ["attachment", "field", "metric", "reported"], lang)


# -- quality --------------------------------------------------------------------------------------


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
