"""SQL that the sidebar and every page need: the years with data, the provinces, the metric catalogue."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.db import fetch_df


def years(db: Path) -> list[int]:
    df = fetch_df(
        db,
        "SELECT DISTINCT year FROM submissions WHERE status = 'loaded' AND year IS NOT NULL ORDER BY year",
    )
    return [int(y) for y in df["year"]]


def provinces(db: Path) -> pd.DataFrame:
    """Province-level regions: name, code, short_name, macro_region, ordered by code."""
    return fetch_df(
        db,
        """SELECT name, code, short_name, macro_region FROM regions
           WHERE level = 'province' ORDER BY code""",
    )


def metrics(db: Path) -> pd.DataFrame:
    """The metric catalogue: metric, name_zh, name_en, unit_zh, unit_en, in display order."""
    return fetch_df(db, "SELECT metric, name_zh, name_en, unit_zh, unit_en FROM metrics ORDER BY sort_order")


def report_status(db: Path, provinces: list[str], year: int, channel: str) -> pd.DataFrame:
    """For each province asked: province, has_figure (a figure in province_metrics that year), n_files
    (files it or its cities/counties sent, any status), n_rejected. A province with no row anywhere
    still gets one (0 files): "未报送" is an answer, not a missing row."""
    sql = """
    SELECT p.province,
           EXISTS (SELECT 1 FROM province_metrics m WHERE m.province = p.province AND m.year = $year
                   AND m.reporting_system = $channel) AS has_figure,
           (SELECT count(*) FROM submissions s WHERE s.province = p.province AND s.year = $year
              AND s.reporting_system = $channel AND s.org_level IN ('province', 'city', 'county')) AS n_files,
           (SELECT count(*) FROM submissions s WHERE s.province = p.province AND s.year = $year
              AND s.reporting_system = $channel AND s.status = 'rejected') AS n_rejected
    FROM (SELECT unnest($provinces::VARCHAR[]) AS province) p
    """
    return fetch_df(db, sql, {"provinces": list(provinces), "year": year, "channel": channel})
