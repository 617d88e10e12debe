"""SQL of the 数据查询与下载 Explore page: one query per grain (file, organization, city, province × year,
metric value), and what exists near an empty selection.

`QUERY_FOR_GRAIN` maps each grain, in the order the page offers them, to its query.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from dashboard.data.db import fetch_df, filter_params
from dashboard.filters import Filters

SUBMISSIONS_SQL = """
SELECT s.year, s.org_name, s.org_level, s.reporting_system, s.province, s.province_code,
       s.city, s.county, s.form, s.status, s.source_file, s.file_format, s.modified_at,
       (SELECT count(*) FROM metric_values m WHERE m.submission_id = s.submission_id) AS n_values
FROM submissions s
WHERE ($all_years OR list_contains($years, s.year))
  AND ($all_provinces OR list_contains($provinces, s.province))
  AND ($all_levels OR list_contains($levels, s.org_level))
  AND s.reporting_system = $channel
ORDER BY s.year, s.province NULLS FIRST, s.org_level, s.org_name, s.source_file
"""

# One row per organization, year and metric (summed over its loaded files and sub-channels).
ORGANIZATIONS_SQL = """
SELECT year, org_name, org_level, province, any_value(province_code) AS province_code,
       city, county, metric, SUM(value) AS value, count(DISTINCT submission_id) AS n_files,
       bool_or(approximate) AS approximate
FROM metric_values
WHERE ($all_years OR list_contains($years, year))
  AND ($all_provinces OR list_contains($provinces, province))
  AND ($all_levels OR list_contains($levels, org_level))
  AND reporting_system = $channel
GROUP BY year, org_name, org_level, province, city, county, metric
ORDER BY year, province_code NULLS FIRST, org_level, org_name, metric
"""

# Per city: the city's own report when it exists, else the sum of its counties (as province_metrics
# does one level down). A 直辖市's districts have no city: the municipality stands in for it.
CITIES_SQL = """
WITH has_city AS (
    SELECT DISTINCT year, reporting_system, city_code FROM submissions
    WHERE status = 'loaded' AND form = 'summary' AND org_level = 'city'
),
chosen AS (
    SELECT m.*, coalesce(m.city, m.province) AS city_name,
           coalesce(m.city_code, m.province_code) AS city_key
    FROM metric_values m
    WHERE ($all_years OR list_contains($years, m.year))
      AND ($all_provinces OR list_contains($provinces, m.province))
      AND m.reporting_system = $channel
      AND (m.org_level = 'city'
           OR (m.org_level = 'county'
               AND NOT EXISTS (SELECT 1 FROM has_city h
                               WHERE h.year = m.year AND h.reporting_system = m.reporting_system
                                 AND h.city_code = m.city_code)))
)
SELECT year, province, any_value(province_code) AS province_code, city_name AS city, city_key AS city_code,
       metric, SUM(value) AS value,
       CASE WHEN bool_or(org_level = 'city') THEN 'city' ELSE 'sum_of_counties' END AS basis,
       count(DISTINCT county_code) FILTER (WHERE org_level = 'county') AS n_counties,
       bool_or(approximate) AS approximate
FROM chosen
GROUP BY year, province, city_name, city_key, metric
ORDER BY year, province_code, city_key, metric
"""

PROVINCE_YEAR_SQL = """
SELECT year, province, province_code, metric, value, basis, approximate
FROM province_metrics
WHERE ($all_years OR list_contains($years, year))
  AND ($all_provinces OR list_contains($provinces, province))
  AND reporting_system = $channel
ORDER BY year, province_code, metric
"""

METRIC_VALUES_SQL = """
SELECT year, org_name, org_level, province, province_code, city, county, metric, channel,
       value, approximate, source_file, sheet, cell, label
FROM metric_values
WHERE ($all_years OR list_contains($years, year))
  AND ($all_provinces OR list_contains($provinces, province))
  AND ($all_levels OR list_contains($levels, org_level))
  AND reporting_system = $channel AND metric = $metric
ORDER BY year, province NULLS FIRST, org_level, org_name, source_file, sheet, cell
"""

# What exists near a selection: loaded files per channel, year and level in the chosen provinces,
# with every year, level and channel kept so the page can say which of them the filters exclude.
NEARBY_SQL = """
SELECT s.reporting_system AS channel, s.year, s.org_level, count(*) AS n_files,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM metric_values m
                                      WHERE m.submission_id = s.submission_id AND m.metric = $metric))
           AS n_with_metric
FROM submissions s
WHERE s.status = 'loaded'
  AND ($all_provinces OR list_contains($provinces, s.province))
GROUP BY ALL
ORDER BY channel, year, org_level
"""


def submissions(db: Path, f: Filters) -> pd.DataFrame:
    """One row per submission file (no contact fields), with how many values were used from it."""
    return fetch_df(db, SUBMISSIONS_SQL, filter_params(f))


def organizations(db: Path, f: Filters) -> pd.DataFrame:
    """Long form per organization and year: metric, value (summed over its files), n_files, approximate
    (a value written 约/余/近 went into it)."""
    return fetch_df(db, ORGANIZATIONS_SQL, filter_params(f))


def cities(db: Path, f: Filters) -> pd.DataFrame:
    """Long form per city and year: metric, value, basis ('city' | 'sum_of_counties'), n_counties summed,
    approximate."""
    params = filter_params(f, "years", "all_years", "provinces", "all_provinces", "channel")
    return fetch_df(db, CITIES_SQL, params)


def province_year(db: Path, f: Filters) -> pd.DataFrame:
    """Long form of province_metrics for the filters: year, province, province_code, metric, value, basis
    (a sum of cities and counties is partial), approximate."""
    params = filter_params(f, "years", "all_years", "provinces", "all_provinces", "channel")
    return fetch_df(db, PROVINCE_YEAR_SQL, params)


def metric_values(db: Path, f: Filters) -> pd.DataFrame:
    """Every value used for the chosen metric, with the file, sheet and cell it was read from."""
    return fetch_df(db, METRIC_VALUES_SQL, filter_params(f) | {"metric": f.metric})


def nearby(db: Path, f: Filters) -> pd.DataFrame:
    """Loaded files in the chosen provinces by channel, year and level (n_files, n_with_metric):
    what an empty selection can be explained with."""
    params = filter_params(f, "provinces", "all_provinces") | {"metric": f.metric}
    return fetch_df(db, NEARBY_SQL, params)


QUERY_FOR_GRAIN: dict[str, Callable[[Path, Filters], pd.DataFrame]] = {
    "submission": submissions,
    "organization": organizations,
    "city": cities,
    "province_year": province_year,
    "metric_value": metric_values,
}
GRAINS = tuple(QUERY_FOR_GRAIN)
# Grains the organization-level filter shapes (the others choose their levels themselves).
LEVEL_GRAINS = ("submission", "organization", "metric_value")
