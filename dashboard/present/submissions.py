"""What the 报送进度 Submissions page shows: progress counts, the expected units, every file with its
deadline and timeliness, the year's deadlines, duplicate and rejected files. Pure: query results in
(data/submissions.py), frames out."""

from __future__ import annotations

import pandas as pd

from dashboard.present.fmt import format_day
from dashboard.present.tables import by_value, display
from dashboard.present.text import t


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
        deadline=deadlines["report_deadline"].map(lambda v: format_day(v, unknown)),
        doc=deadlines["doc_number"],
    )
    return display(
        out, "submissions", ["channel", "region", "deadline", "doc", "title"], lang, {"channel": "channel"}
    )
