"""SQL of the 地区对比 Compare page: every province's figure for the map and the ranking, national
bodies' own reports, provinces over the years and side by side, and the drill-down into one province."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.db import fetch_df


def compare_map(db: Path, year: int, metric: str, channel: str) -> pd.DataFrame:
    """Every province-level region with its figure for `year` and the year before (NULL when none),
    population (10,000 persons), the basis of the figure (province's own report or sum of units) and
    whether an approximate value (约/余/近) went into either year's figure."""
    sql = """
    SELECT r.name AS province, r.code AS province_code, r.short_name, r.macro_region,
           cur.value, CASE WHEN prev.basis = cur.basis THEN prev.value END AS prev_value,  -- same basis only
           p.population_10k, cur.basis, cur.approximate,
           CASE WHEN prev.basis = cur.basis THEN prev.approximate END AS prev_approximate
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
    SELECT province, province_code, year, metric, value, basis, approximate
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
             WHERE m.submission_id = s.submission_id AND m.metric = $metric) AS value,
           (SELECT bool_or(m.approximate) FROM metric_values m
             WHERE m.submission_id = s.submission_id AND m.metric = $metric) AS approximate
    FROM submissions s
    WHERE s.status = 'loaded' AND s.year = $year AND s.reporting_system = $channel AND s.province = $province
),
flags AS (
    SELECT bool_or(org_level = 'province') AS has_province FROM subs
)
SELECT org_name, org_level, city, county, value, approximate, source_file,
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
    """org_name, org_level, city, county, value, approximate, source_file, counting (counted | inside_province |
    inside_city | unit) for one province's submissions."""
    return fetch_df(db, DRILL_SQL, {"province": province, "year": year, "metric": metric, "channel": channel})
