"""SQL of the 报送进度 Submissions page: who was expected and who sent a file for a year and channel,
on time or late against the applicable notice's deadline; the year's deadlines; duplicate and rejected files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.db import fetch_df

# Province-level divisions that do not report to this campaign: they are on the map, never "expected".
NOT_EXPECTED = ["710000", "810000", "820000"]  # 台湾, 香港, 澳门

EXPECTED_SQL = """
-- Every expected province-level unit (31 provinces + 兵团) with its own report for the year and
-- channel (the loaded one, else a duplicate or rejected file), and how many of its cities, counties
-- and units sent a file.
WITH own AS (
    SELECT d.*, row_number() OVER (PARTITION BY d.province_code
        ORDER BY CASE d.status WHEN 'loaded' THEN 0 WHEN 'duplicate' THEN 1 ELSE 2 END, d.submitted_at DESC) AS k
    FROM submission_deadlines d
    WHERE d.year = $year AND d.reporting_system = $channel AND d.org_level = 'province'
),
below AS (
    SELECT province_code, count(*) AS n_below
    FROM submissions
    WHERE year = $year AND reporting_system = $channel AND org_level IN ('city', 'county', 'unit')
      AND status = 'loaded'
    GROUP BY province_code
)
SELECT r.name AS province, r.code AS province_code, o.org_name, o.status, o.submitted_at, o.submitted_source,
       o.report_deadline, o.notice_id, COALESCE(o.timeliness, 'missing') AS timeliness,
       o.days_late, o.deadline_source, o.entered_by, o.entered_on, o.entered_note,
       COALESCE(b.n_below, 0) AS n_below, o.source_file
FROM regions r
LEFT JOIN own o ON o.province_code = r.code AND o.k = 1
LEFT JOIN below b ON b.province_code = r.code
WHERE r.level = 'province' AND NOT list_contains($not_expected, r.code)
ORDER BY (o.status IS NULL) DESC, r.code
"""


def expected_units(db: Path, year: int, channel: str) -> pd.DataFrame:
    """One row per expected province-level unit; timeliness is 'missing' when it sent nothing."""
    return fetch_df(db, EXPECTED_SQL, {"year": year, "channel": channel, "not_expected": NOT_EXPECTED})


def submitted_units(db: Path, year: int, channel: str) -> pd.DataFrame:
    """Every file for the year and channel with its deadline and timeliness (submission_deadlines)."""
    sql = """
    SELECT org_name, org_level, province, city, county, status, submitted_at, submitted_source,
           report_deadline, notice_id, notice_region, timeliness, days_late, deadline_source,
           entered_by, entered_on, entered_note, source_file
    FROM submission_deadlines
    WHERE year = $year AND reporting_system = $channel
    ORDER BY CASE timeliness WHEN 'late' THEN 0 WHEN 'deadline_unknown' THEN 1 ELSE 2 END,
             province_code NULLS FIRST, org_level, org_name, source_file
    """
    return fetch_df(db, sql, {"year": year, "channel": channel})


def year_deadlines(db: Path, year: int) -> pd.DataFrame:
    """The notices of a year that set a reporting deadline, per channel and region."""
    sql = """
    SELECT notice_id, reporting_system, level, region, report_deadline, doc_number, title
    FROM notices WHERE year = $year ORDER BY reporting_system, region NULLS FIRST, notice_id
    """
    return fetch_df(db, sql, {"year": year})


def entered_deadlines(db: Path, year: int) -> pd.DataFrame:
    """The deadlines the secretariat entered for a year (data/reference/deadlines.yaml)."""
    sql = """
    SELECT reporting_system, province, deadline, entered_by, entered_on, note
    FROM entered_deadlines WHERE year = $year ORDER BY reporting_system, province NULLS FIRST
    """
    return fetch_df(db, sql, {"year": year})


def non_reporters(db: Path, year: int, channel: str) -> pd.DataFrame:
    """The expected province-level units that sent nothing for the year and channel, for a reminder: the
    organization (its own name last year, else the province's 科协/农技协), level, channel, and when it
    sent last year's report (NULL when it did not)."""
    missing = expected_units(db, year, channel)
    missing = missing[missing["status"].isna()][["province", "province_code"]]
    sql = """
    SELECT province_code, any_value(org_name ORDER BY status = 'loaded' DESC, modified_at DESC) AS last_org,
           max(modified_at) FILTER (WHERE status = 'loaded') AS last_submitted_at
    FROM submissions
    WHERE year = $year - 1 AND reporting_system = $channel AND org_level = 'province'
    GROUP BY province_code
    """
    last = fetch_df(db, sql, {"year": year, "channel": channel})
    out = missing.merge(last, on="province_code", how="left")
    out["org_level"] = "province"
    out["reporting_system"] = channel
    return out.reset_index(drop=True)


def problem_files(db: Path, year: int | None) -> pd.DataFrame:
    """Duplicate and rejected files (rejected ones without a year are listed in every year), with the
    loaded file a duplicate gave way to and the first error of a rejected file."""
    sql = """
    SELECT s.status, s.year, s.org_name, s.reporting_system, s.source_file, s.modified_at,
           d.source_file AS kept_file,
           (SELECT any_value(i.message ORDER BY i.cell NULLS FIRST) FROM load_issues i
             WHERE i.source_file = s.source_file AND i.severity = 'error') AS reason,
           (SELECT any_value(i.message_en ORDER BY i.cell NULLS FIRST) FROM load_issues i
             WHERE i.source_file = s.source_file AND i.severity = 'error') AS reason_en
    FROM submissions s
    LEFT JOIN submissions d ON d.submission_id = s.duplicate_of
    WHERE s.status IN ('duplicate', 'rejected') AND (s.year = $year OR s.year IS NULL)
    ORDER BY s.status, s.year NULLS FIRST, s.source_file
    """
    return fetch_df(db, sql, {"year": year})
