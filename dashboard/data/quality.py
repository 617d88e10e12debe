"""SQL of the 数据质量 Data quality page: files by status, the load issues (filterable), and the cells
read from one submission."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.db import fetch_df


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


def sender_problems(db: Path, year: int | None) -> pd.DataFrame:
    """Every problem of a received file (not of a notice) for the to-do list, with who sent it (org_name,
    NULL when even that is unknown), and the text and label of the cell it names (for the fix text).
    Files without a year are listed under every year."""
    sql = """
    SELECT i.year, i.source_file, i.sheet, i.cell, i.severity, i.code, i.message, i.message_en,
           s.org_name, s.status, s.reporting_system,
           (SELECT any_value(c.raw_text ORDER BY c.cell = i.cell DESC) FROM cell_values c
             WHERE c.source_file = i.source_file AND c.sheet = i.sheet
               AND (c.cell = i.cell OR c.label_cell = i.cell)) AS raw_text,
           (SELECT any_value(c.label ORDER BY c.cell = i.cell DESC) FROM cell_values c
             WHERE c.source_file = i.source_file AND c.sheet = i.sheet
               AND (c.cell = i.cell OR c.label_cell = i.cell)) AS label
    FROM load_issues i
    LEFT JOIN submissions s ON s.source_file = i.source_file
    WHERE i.kind = 'submission' AND ($year IS NULL OR i.year = $year OR i.year IS NULL)
    ORDER BY i.source_file, CASE i.severity WHEN 'error' THEN 0 ELSE 1 END, i.sheet NULLS FIRST,
             try_cast(regexp_extract(i.cell, '[0-9]+') AS INTEGER) NULLS FIRST, i.cell, i.code
    """
    return fetch_df(db, sql, {"year": year})
