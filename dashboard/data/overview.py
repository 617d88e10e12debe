"""SQL of the 总览 Overview page: headline figures per year and metric, and the provinces ranked."""

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
WITH prov AS (
    SELECT year, metric, SUM(value) AS value, count(DISTINCT province) AS n_provinces
    FROM province_metrics
    WHERE reporting_system = $channel AND ($all_provinces OR list_contains($provinces, province))
    GROUP BY year, metric
),
nat AS (
    SELECT year, metric, SUM(value) AS value
    FROM metric_values
    WHERE org_level = 'national' AND reporting_system = $channel AND $national
    GROUP BY year, metric
)
SELECT COALESCE(p.year, n.year) AS year, COALESCE(p.metric, n.metric) AS metric,
       COALESCE(p.value, 0) + COALESCE(n.value, 0) AS value,
       p.value AS province_value, n.value AS national_value,
       COALESCE(p.n_provinces, 0) AS n_provinces
FROM prov p FULL OUTER JOIN nat n ON p.year = n.year AND p.metric = n.metric
ORDER BY year, metric
"""

RANKING_SQL = """
-- prev_value only when last year's figure was counted the same way (own report vs sum of cities and
-- counties): a province's own total against a few counties' sum is no 同比 (+1405% in the demo)
SELECT cur.province, cur.province_code, cur.value,
       CASE WHEN prev.basis = cur.basis THEN prev.value END AS prev_value, cur.basis
FROM province_metrics cur
LEFT JOIN province_metrics prev
  ON prev.province = cur.province AND prev.metric = cur.metric
 AND prev.reporting_system = cur.reporting_system AND prev.year = cur.year - 1
WHERE cur.year = $year AND cur.metric = $metric AND cur.reporting_system = $channel
  AND ($all_provinces OR list_contains($provinces, cur.province))
ORDER BY cur.value DESC, cur.province
"""


def headline(db: Path, f: Filters) -> pd.DataFrame:
    """year, metric, value, province_value, national_value, n_provinces, for every year in the DB."""
    params = filter_params(f, "channel", "provinces", "all_provinces") | {"national": f.is_national}
    return fetch_df(db, HEADLINE_SQL, params)


def province_ranking(db: Path, f: Filters, year: int) -> pd.DataFrame:
    """One metric per province for `year` and the year before: province, province_code, value,
    prev_value, basis, ordered by value descending."""
    params = filter_params(f, "channel", "provinces", "all_provinces") | {"year": year, "metric": f.metric}
    return fetch_df(db, RANKING_SQL, params)
