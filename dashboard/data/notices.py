"""SQL of the 活动通知 Notices page: the notices, the activity categories they asked for, their form
fields against the metrics reported, and a notice's full text. Contacts (notice_contacts) are never selected."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.db import fetch_df


def notice_list(db: Path) -> pd.DataFrame:
    """Every notice (no contacts): id, year, title, issuer, level, region, channel, 文号, theme, period,
    report deadline, issue date, source file."""
    sql = """
    SELECT notice_id, year, edition, title, issuer, level, region, reporting_system, doc_number, theme,
           period_text, period_start, period_end, report_deadline, issued_on, source_file
    FROM notices ORDER BY year NULLS LAST, issued_on NULLS LAST, notice_id
    """
    return fetch_df(db, sql)


def notice_categories(db: Path) -> pd.DataFrame:
    """year, category, n: how many activity items of each category the year's notices asked for."""
    sql = """
    SELECT n.year, a.category, count(*) AS n
    FROM notice_activities a JOIN notices n USING (notice_id)
    WHERE n.year IS NOT NULL
    GROUP BY ALL ORDER BY n.year, a.category
    """
    return fetch_df(db, sql)


def notice_fields(db: Path, notice_id: str) -> pd.DataFrame:
    """The fields a notice's forms asked for, each with how many loaded submissions of that year and
    channel reported the metric (NULL metric: a field that is not a campaign metric)."""
    sql = """
    SELECT f.attachment_seq, a.title AS attachment, f.seq, f.field_label, f.metric, f.channel,
           (SELECT count(DISTINCT m.submission_id) FROM metric_values m
             WHERE m.metric = f.metric AND m.year = n.year AND m.reporting_system = n.reporting_system)
             AS n_reported
    FROM notice_form_fields f
    JOIN notices n USING (notice_id)
    LEFT JOIN notice_attachments a ON a.notice_id = f.notice_id AND a.seq = f.attachment_seq
    WHERE f.notice_id = $notice_id
    ORDER BY f.attachment_seq, f.seq
    """
    return fetch_df(db, sql, {"notice_id": notice_id})


def notice_text(db: Path, notice_id: str) -> str:
    """The notice's full text (contact lines already removed by the ETL)."""
    df = fetch_df(db, "SELECT full_text FROM notices WHERE notice_id = $id", {"id": notice_id})
    return str(df.iloc[0, 0] or "") if len(df) else ""
