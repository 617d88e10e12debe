"""SQL of the secretariat pages (compare, submissions, notices, quality). No Streamlit here.

Re-exported by dashboard/data/queries.py, so pages call them as `data.q("<name>", ...)` like every other query.
Every function takes the database path first and runs one parameterised statement read-only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from dashboard.present.mask import scrub_frame


def fetch_df(db: Path, sql: str, params: dict | None = None) -> pd.DataFrame:
    """One query on a fresh read-only connection (as queries.fetch_df; kept here so the two modules
    do not import each other)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return scrub_frame(con.execute(sql, params or {}).df())  # phones/e-mails masked (issue 6)
    finally:
        con.close()


__all__ = [  # what queries.py re-exports (not fetch_df: queries.py has its own)
    "compare_map",
    "national_bodies",
    "province_years",
    "provinces_all_metrics",
    "province_drilldown",
    "expected_units",
    "submitted_units",
    "year_deadlines",
    "problem_files",
    "notice_list",
    "notice_categories",
    "notice_fields",
    "notice_text",
    "status_counts",
    "issue_options",
    "load_issue_rows",
    "submission_choices",
    "submission_cells",
]

# Province-level divisions that do not report to this campaign: they are on the map, never "expected".
NOT_EXPECTED = ["710000", "810000", "820000"]  # 台湾, 香港, 澳门

# -- compare --------------------------------------------------------------------------------------


def compare_map(db: Path, year: int, metric: str, channel: str) -> pd.DataFrame:
    """Every province-level region with its figure for `year` and the year before (NULL when none),
    population (10,000 persons) and the basis of the figure (province's own report or sum of units)."""
    sql = """
    SELECT r.name AS province, r.code AS province_code, r.short_name, r.macro_region,
           cur.value, CASE WHEN prev.basis = cur.basis THEN prev.value END AS prev_value,  -- same basis only
           p.population_10k, cur.basis
    FROM regions r
    LEFT JOIN province_metrics cur
      ON cur.province_code = r.code AND cur.year = $year AND cur.metric = $metric AND cur.reporting_system = $channel
    LEFT JOIN province_metrics prev
      ON prev.province_code = r.code AND prev.year = $year - 1 AND prev.metric = $metric
     AND prev.reporting_system = $channel
    LEFT JOIN population p ON p.province_code = r.code
    WHERE r.level = 'province'
    ORDER BY r.code
    """
    return fetch_df(db, sql, {"year": year, "metric": metric, "channel": channel})


def national_bodies(db: Path, year: int, metric: str, channel: str) -> pd.DataFrame:
    """National bodies' own reports (no province, so no polygon): org_name, value."""
    sql = """
    SELECT org_name, SUM(value) AS value
    FROM metric_values
    WHERE org_level = 'national' AND year = $year AND metric = $metric AND reporting_system = $channel
    GROUP BY org_name ORDER BY value DESC, org_name
    """
    return fetch_df(db, sql, {"year": year, "metric": metric, "channel": channel})


def province_years(db: Path, metric: str, channel: str) -> pd.DataFrame:
    """province, province_code, year, value of one metric in one channel, every year."""
    sql = """
    SELECT province, province_code, year, value, basis
    FROM province_metrics WHERE metric = $metric AND reporting_system = $channel
    ORDER BY province_code, year
    """
    return fetch_df(db, sql, {"metric": metric, "channel": channel})


def provinces_all_metrics(db: Path, provinces: list[str], channel: str) -> pd.DataFrame:
    """province, year, metric, value for the chosen provinces (side-by-side comparison)."""
    sql = """
    SELECT province, province_code, year, metric, value
    FROM province_metrics WHERE list_contains($provinces, province) AND reporting_system = $channel
    ORDER BY province_code, metric, year
    """
    return fetch_df(db, sql, {"provinces": provinces, "channel": channel})


DRILL_SQL = """
-- A province's own submissions and those of its cities, counties and units for one year, metric and
-- channel, each marked counted or not by the same rule as province_metrics (no double counting).
WITH subs AS (
    SELECT s.submission_id, s.org_name, s.org_level, s.city, s.city_code, s.county, s.source_file,
           (SELECT SUM(m.value) FROM metric_values m
             WHERE m.submission_id = s.submission_id AND m.metric = $metric) AS value
    FROM submissions s
    WHERE s.status = 'loaded' AND s.year = $year AND s.reporting_system = $channel AND s.province = $province
),
flags AS (
    SELECT bool_or(org_level = 'province') AS has_province FROM subs
)
SELECT org_name, org_level, city, county, value, source_file,
       CASE WHEN org_level = 'unit' THEN 'unit'
            WHEN org_level = 'province' THEN 'counted'
            WHEN (SELECT has_province FROM flags) THEN 'inside_province'
            WHEN org_level = 'city' THEN 'counted'
            WHEN org_level = 'county' AND EXISTS (SELECT 1 FROM subs c WHERE c.org_level = 'city'
                                                  AND c.city_code = subs.city_code) THEN 'inside_city'
            ELSE 'counted' END AS counting
FROM subs
ORDER BY CASE org_level WHEN 'province' THEN 0 WHEN 'city' THEN 1 WHEN 'county' THEN 2 ELSE 3 END,
         city NULLS FIRST, county NULLS FIRST, org_name
"""


def province_drilldown(db: Path, province: str, year: int, metric: str, channel: str) -> pd.DataFrame:
    """org_name, org_level, city, county, value, source_file, counting (counted | inside_province |
    inside_city | unit) for one province's submissions."""
    return fetch_df(db, DRILL_SQL, {"province": province, "year": year, "metric": metric, "channel": channel})


# -- submissions ----------------------------------------------------------------------------------

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
           report_deadline, notice_id, notice_region, timeliness, source_file
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


# -- notices --------------------------------------------------------------------------------------


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


# -- quality --------------------------------------------------------------------------------------


def status_counts(db: Path) -> pd.DataFrame:
    """year, status, n files (loaded | duplicate | rejected); year NULL for files without one."""
    sql = "SELECT year, status, count(*) AS n FROM submissions GROUP BY ALL ORDER BY year NULLS FIRST, status"
    return fetch_df(db, sql)


def issue_options(db: Path) -> pd.DataFrame:
    """Distinct year, source_file, severity, code of load_issues, for the filter widgets."""
    return fetch_df(
        db, "SELECT DISTINCT year, source_file, severity, code, kind FROM load_issues ORDER BY ALL"
    )


def load_issue_rows(
    db: Path, years: list[int], files: list[str], severities: list[str], codes: list[str]
) -> pd.DataFrame:
    """load_issues filtered (an empty list means any); year NULL rows pass only when no year is chosen."""
    sql = """
    SELECT year, kind, source_file, sheet, cell, severity, code, message, message_en
    FROM load_issues
    WHERE (len($years) = 0 OR list_contains($years, year))
      AND (len($files) = 0 OR list_contains($files, source_file))
      AND (len($severities) = 0 OR list_contains($severities, severity))
      AND (len($codes) = 0 OR list_contains($codes, code))
    ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, year NULLS FIRST, source_file,
             sheet NULLS FIRST, cell NULLS FIRST, code  -- errors first: they are what needs fixing
    """
    params = {
        "years": [int(y) for y in years],
        "files": list(files),
        "severities": list(severities),
        "codes": list(codes),
    }
    return fetch_df(db, sql, params)


def submission_choices(db: Path, year: int | None) -> pd.DataFrame:
    """submission_id, year, org_name, status, source_file of every file read (for a picker)."""
    sql = """
    SELECT submission_id, year, org_name, org_level, status, source_file
    FROM submissions WHERE ($year IS NULL OR year = $year)
    ORDER BY year NULLS FIRST, source_file
    """
    return fetch_df(db, sql, {"year": year})


def submission_cells(db: Path, submission_id: str) -> pd.DataFrame:
    """Every labelled cell read from one submission: sheet, label, label_cell, raw_text, cell, value,
    metric, channel, approximate, role. (Contact fields are in another table and never shown.)"""
    sql = """
    SELECT sheet, label, label_cell, raw_text, cell, value, metric, channel, approximate, role
    FROM cell_values WHERE submission_id = $id
    ORDER BY sheet, try_cast(regexp_extract(cell, '[0-9]+') AS INTEGER), cell
    """
    return fetch_df(db, sql, {"id": submission_id})
