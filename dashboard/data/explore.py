"""SQL of the 数据查询与下载 Explore page: one query per grain (submission, province × year, metric value).

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

PROVINCE_YEAR_SQL = """
SELECT year, province, province_code, metric, value, basis
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


def submissions(db: Path, f: Filters) -> pd.DataFrame:
    """One row per submission file (no contact fields), with how many values were used from it."""
    return fetch_df(db, SUBMISSIONS_SQL, filter_params(f))


def province_year(db: Path, f: Filters) -> pd.DataFrame:
    """Long form of province_metrics for the filters: year, province, province_code, metric, value, basis."""
    params = filter_params(f, "years", "all_years", "provinces", "all_provinces", "channel")
    return fetch_df(db, PROVINCE_YEAR_SQL, params)


def metric_values(db: Path, f: Filters) -> pd.DataFrame:
    """Every value used for the chosen metric, with the file, sheet and cell it was read from."""
    return fetch_df(db, METRIC_VALUES_SQL, filter_params(f) | {"metric": f.metric})


QUERY_FOR_GRAIN: dict[str, Callable[[Path, Filters], pd.DataFrame]] = {
    "submission": submissions,
    "province_year": province_year,
    "metric_value": metric_values,
}
GRAINS = tuple(QUERY_FOR_GRAIN)
