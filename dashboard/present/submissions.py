"""What the 报送进度 Submissions page shows: progress counts, the expected units, every file with its
deadline and timeliness, the year's deadlines, duplicate and rejected files. Pure: query results in
(data/submissions.py), frames out."""

from __future__ import annotations

import pandas as pd

from dashboard.present.fmt import format_day
from dashboard.present.quality import sender_of
from dashboard.present.tables import by_value, display
from dashboard.present.text import t


def province_option(names: dict[str, str], everywhere: str, code: str) -> str:
    """The deadline form's province choice: its name, or `everywhere` for "" (all provinces)."""
    return names.get(code, code) if code else everywhere


def progress_counts(expected: pd.DataFrame, submitted: pd.DataFrame) -> dict[str, int]:
    """expected / submitted / missing province-level units; every file of the year by timeliness (late,
    on time, deadline unknown, time unknown: they add up to `files`, so no count reads as the whole)."""
    sent = expected["status"].notna()
    by = submitted["timeliness"].value_counts()
    return {
        "expected": len(expected),
        "submitted": int(sent.sum()),
        "missing": int((~sent).sum()),
        "late": int(by.get("late", 0)),
        "on_time": int(by.get("on_time", 0)),
        "unknown": int(by.get("deadline_unknown", 0)),
        "time_unknown": int(by.get("time_unknown", 0)),
        "files": len(submitted),
    }


def timeliness_text(codes: pd.Series, days_late: pd.Series, lang: str) -> pd.Series:
    """按时 / 逾期 N 天 / 未报送 / 截止日期未知 / 报送时间未知, one per row."""
    out = by_value(codes, lambda v: t(f"submissions.timeliness_{v}", lang))
    late = (codes == "late") & days_late.notna()
    out[late] = [t("submissions.late_days", lang, n=int(d)) for d in days_late[late]]
    return out


def deadline_from(df: pd.DataFrame, lang: str, notices: dict[str, str] | None = None) -> pd.Series:
    """Where each row's deadline came from: the notice (文号, else title), or 秘书处录入（who, date）; blank
    when nobody has said."""
    out = []
    for src, nid, who, on in zip(
        df["deadline_source"], df["notice_id"], df["entered_by"], df["entered_on"], strict=True
    ):
        if src == "notice":
            out.append((notices or {}).get(nid, nid))
        elif src == "entered":
            details = ("，" if lang == "zh" else ", ").join(
                str(x) for x in (who, format_day(on, "")) if isinstance(x, str) and x
            )
            key = "submissions.source_entered_by" if details else "submissions.source_entered"
            out.append(t(key, lang, details=details))
        else:
            out.append("")
    return pd.Series(out, index=df.index, dtype=object)


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
    out.loc[out["timeliness"] == "missing", "deadline"] = ""  # sent nothing: no file to judge, not "unknown"
    out["source"] = out["submitted_source"]
    out["notice"] = deadline_from(out, lang, notices)
    out["timeliness"] = timeliness_text(out["timeliness"], out["days_late"], lang)
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
        {"status": "status", "source": "@source"},
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
        {"level": "level", "status": "status", "source": "@source"},
    )


def problems_table(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = problems.copy()
    out["reason"] = out["reason_en"] if lang == "en" else out["reason"]
    out["kept"] = out["kept_file"]
    out["file"] = out["source_file"]
    out["org"] = [sender_of(o, f, lang) for o, f in zip(out["org_name"], out["source_file"], strict=True)]
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


def entered_table(entered: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The deadlines the secretariat entered for the year: channel, region (全国 when for the whole channel),
    date, who, when, note."""
    out = entered.assign(
        channel=entered["reporting_system"],
        region=entered["province"].fillna(t("common.area_all", lang)),
        deadline=entered["deadline"].map(lambda v: format_day(v, "")),
        who=entered["entered_by"],
        on=entered["entered_on"].map(lambda v: format_day(v, "")),
    )
    return display(
        out, "submissions", ["channel", "region", "deadline", "who", "on", "note"], lang, {"channel": "channel"}
    )


def reminder_table(missing: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The non-reporters to remind: organization (last year's name, else the province's body of the
    channel), province, level, channel, last year's submission date (blank: it sent none)."""
    out = missing.copy()
    out["org"] = [
        o if isinstance(o, str) and o else f"{p}{c}"
        for o, p, c in zip(out["last_org"], out["province"], out["reporting_system"], strict=True)
    ]
    out["province"] = [names.get(p, p) for p in out["province"]]
    out["level"] = out["org_level"]
    out["channel"] = out["reporting_system"]
    out["last"] = out["last_submitted_at"].map(lambda v: format_day(v, t("submissions.last_none", lang)))
    return display(
        out, "submissions", ["org", "province", "level", "channel", "last"], lang,
        {"level": "level", "channel": "channel"},
    )


def reminder_text(reminders: pd.DataFrame, year: int, lang: str) -> str:
    """A reminder ready to send to each non-reporter, one paragraph each (from reminder_table's columns)."""
    org, last = t("submissions.col_org", lang), t("submissions.col_last", lang)
    return "\n\n".join(
        t("submissions.reminder_message", lang, org=row[org], year=year, last=row[last])
        for _, row in reminders.iterrows()
    )
