"""SQL of the 总览 Overview page: headline figures per year and metric (with the like-for-like 同比 and the
coverage behind each total), the provinces ranked, and which provinces reported each year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.db import fetch_df, filter_params
from dashboard.filters import Filters

HEADLINE_SQL = """
-- National/area headline per year and metric, within one channel, without double counting:
-- the sum of province figures (province_metrics), plus national bodies' own reports when the view
-- is all of China. Units (universities, societies, enterprises) are not added: they sit inside
-- provinces and may already be in the province's own report.
-- 同比 is like for like: same_value/same_prev sum only the reporters (provinces and national bodies)
-- that have the metric in both this year and the year before, counted the same way (basis), so a
-- province missing from one year does not pass for a rise or a fall.
WITH who AS (
    SELECT year, metric, 'province' AS kind, province AS who, basis, value, approximate
    FROM province_metrics
    WHERE reporting_system = $channel AND ($all_provinces OR list_contains($provinces, province))
    UNION ALL
    SELECT year, metric, 'national' AS kind, org_name AS who, 'national' AS basis,
           SUM(value) AS value, bool_or(approximate) AS approximate
    FROM metric_values
    WHERE org_level = 'national' AND reporting_system = $channel AND $national
    GROUP BY year, metric, org_name
),
same AS (
    SELECT c.year, c.metric, SUM(c.value) AS same_value, SUM(p.value) AS same_prev,
           count(*) FILTER (WHERE c.kind = 'province') AS n_same,
           bool_or(c.approximate OR p.approximate) AS same_approximate
    FROM who c
    JOIN who p ON p.kind = c.kind AND p.who = c.who AND p.metric = c.metric AND p.year = c.year - 1
              AND p.basis = c.basis
    GROUP BY c.year, c.metric
)
SELECT w.year, w.metric, SUM(w.value) AS value,
       SUM(w.value) FILTER (WHERE w.kind = 'province') AS province_value,
       SUM(w.value) FILTER (WHERE w.kind = 'national') AS national_value,
       count(*) FILTER (WHERE w.kind = 'province') AS n_provinces,
       count(*) FILTER (WHERE w.kind = 'province' AND w.basis <> 'province') AS n_partial,
       bool_or(w.approximate) AS approximate,
       any_value(s.same_value) AS same_value, any_value(s.same_prev) AS same_prev,
       COALESCE(any_value(s.n_same), 0) AS n_same,
       COALESCE(any_value(s.same_approximate), false) AS same_approximate
FROM who w LEFT JOIN same s ON s.year = w.year AND s.metric = w.metric
GROUP BY w.year, w.metric
ORDER BY w.year, w.metric
"""

PROVINCE_YEAR_SQL = """
-- Every province's figure for one year, ranked among all provinces (before the area filter, so a
-- selected province keeps its national rank). prev_value only when last year's figure was counted the
-- same way (own report vs sum of cities and counties): a province's own total against a few counties'
-- sum is no 同比 (+1405% in the demo).
WITH ranked AS (
    SELECT cur.province, cur.province_code, cur.metric, cur.value, cur.basis, cur.approximate,
           CASE WHEN prev.basis = cur.basis THEN prev.value END AS prev_value,
           CASE WHEN prev.basis = cur.basis THEN prev.approximate END AS prev_approximate,
           rank() OVER (PARTITION BY cur.metric ORDER BY cur.value DESC) AS rank,
           count(*) OVER (PARTITION BY cur.metric) AS n_ranked
    FROM province_metrics cur
    LEFT JOIN province_metrics prev
      ON prev.province = cur.province AND prev.metric = cur.metric
     AND prev.reporting_system = cur.reporting_system AND prev.year = cur.year - 1
    WHERE cur.year = $year AND cur.reporting_system = $channel AND ($all_metrics OR cur.metric = $metric)
)
SELECT * FROM ranked
WHERE $all_provinces OR list_contains($provinces, province)
ORDER BY metric, value DESC, province
"""

COVERAGE_SQL = """
-- Which provinces could report (any figure or any file in this channel in any year, within the area)
-- and, per year, whether each did: its figure's basis, or the files it sent that gave no figure.
WITH expected AS (
    SELECT DISTINCT province, province_code FROM province_metrics
    WHERE reporting_system = $channel AND ($all_provinces OR list_contains($provinces, province))
    UNION
    SELECT DISTINCT province, province_code FROM submissions
    WHERE reporting_system = $channel AND province IS NOT NULL AND org_level = 'province'
      AND ($all_provinces OR list_contains($provinces, province))
),
years AS (SELECT DISTINCT year FROM submissions WHERE status = 'loaded' AND year IS NOT NULL),
figures AS (
    SELECT year, province, any_value(basis) AS basis FROM province_metrics
    WHERE reporting_system = $channel GROUP BY year, province
),
files AS (
    SELECT year, province, count(*) AS n_files,
           count(*) FILTER (WHERE status = 'rejected') AS n_rejected
    FROM submissions WHERE reporting_system = $channel AND province IS NOT NULL
      AND org_level IN ('province', 'city', 'county')
    GROUP BY year, province
)
SELECT y.year, e.province, e.province_code, f.basis,
       COALESCE(s.n_files, 0) AS n_files, COALESCE(s.n_rejected, 0) AS n_rejected
FROM expected e CROSS JOIN years y
LEFT JOIN figures f ON f.year = y.year AND f.province = e.province
LEFT JOIN files s ON s.year = y.year AND s.province = e.province
ORDER BY y.year, e.province_code
"""


def headline(db: Path, f: Filters) -> pd.DataFrame:
    """year, metric, value, province_value, national_value, n_provinces, n_partial, approximate,
    same_value, same_prev, n_same, same_approximate, for every year in the DB."""
    params = filter_params(f, "channel", "provinces", "all_provinces") | {"national": f.is_national}
    return fetch_df(db, HEADLINE_SQL, params)


def province_ranking(db: Path, f: Filters, year: int) -> pd.DataFrame:
    """One metric per province for `year` and the year before: province, province_code, metric, value,
    basis, approximate, prev_value, prev_approximate, rank (among all provinces), n_ranked, ordered by value
    descending."""
    params = filter_params(f, "channel", "provinces", "all_provinces")
    return fetch_df(db, PROVINCE_YEAR_SQL, params | {"year": year, "metric": f.metric, "all_metrics": False})


def province_year(db: Path, f: Filters, year: int) -> pd.DataFrame:
    """Every metric of the selected provinces for `year` (columns as province_ranking): what moved most."""
    params = filter_params(f, "channel", "provinces", "all_provinces")
    return fetch_df(db, PROVINCE_YEAR_SQL, params | {"year": year, "metric": "", "all_metrics": True})


def coverage(db: Path, f: Filters) -> pd.DataFrame:
    """year, province, province_code, basis (NULL: no figure that year), n_files, n_rejected for each
    province of the area that reported in some year, every year with data."""
    return fetch_df(db, COVERAGE_SQL, filter_params(f, "channel", "provinces", "all_provinces"))
