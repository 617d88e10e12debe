"""Every SQL statement the dashboard runs. No Streamlit here (cached wrappers are in data.py).

Each call opens the database read-only, runs one query with bound parameters, and closes it at once:
DuckDB allows one writer process, and a dashboard holding the file open would block a rebuild.
Filters arrive as a `Filters` dataclass; lists are bound as DuckDB list parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.filters import Filters
from dashboard.present.mask import scrub_frame
from etl.paths import db_path


def default_db() -> Path:
    """`CAMPAIGN_DB`, else data/campaigns.duckdb (see etl/paths.py)."""
    return db_path()


@contextmanager
def connect(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        yield con
    finally:
        con.close()


def fetch_df(db: Path, sql: str, params: dict | list | None = None) -> pd.DataFrame:
    """Run one parameterised query on a fresh read-only connection."""
    with connect(db) as con:
        # Phones and e-mails quoted anywhere (issue messages, notice text) are masked (issue 6).
        return scrub_frame(con.execute(sql, params or {}).df())


def _filter_params(f: Filters) -> dict:
    return {
        "years": list(f.years),
        "all_years": not f.years,
        "provinces": list(f.provinces),
        "all_provinces": not f.provinces,
        "levels": list(f.org_levels),
        "all_levels": not f.org_levels,
        "channel": f.channel,
    }


# -- status and options ---------------------------------------------------------------------------


def db_status(db: Path) -> str:
    """'ok', 'missing' (no file), 'empty' (no build recorded or nothing loaded) or 'unreadable'."""
    if not Path(db).exists():
        return "missing"
    try:
        with connect(db) as con:
            runs = con.execute("SELECT count(*) FROM etl_runs").fetchone()[0]
            loaded = con.execute("SELECT count(*) FROM submissions WHERE status = 'loaded'").fetchone()[0]
    except duckdb.Error:
        return "unreadable"
    return "ok" if runs and loaded else "empty"


def build_info(db: Path) -> dict:
    """The latest etl_runs row as a dict (built_at, is_demo, counts)."""
    df = fetch_df(db, "SELECT * FROM etl_runs ORDER BY built_at DESC LIMIT 1")
    return df.iloc[0].to_dict() if len(df) else {}


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


# -- overview -------------------------------------------------------------------------------------

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


def headline(db: Path, f: Filters) -> pd.DataFrame:
    """year, metric, value, province_value, national_value, n_provinces, for every year in the DB."""
    p = _filter_params(f)
    params = {k: p[k] for k in ("channel", "provinces", "all_provinces")}
    params["national"] = f.is_national
    return fetch_df(db, HEADLINE_SQL, params)


def province_ranking(db: Path, f: Filters, year: int) -> pd.DataFrame:
    """One metric per province for `year` and the year before: province, province_code, value,
    prev_value, basis, ordered by value descending."""
    sql = """
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
    p = _filter_params(f)
    params = {k: p[k] for k in ("channel", "provinces", "all_provinces")}
    params.update(year=year, metric=f.metric)
    return fetch_df(db, sql, params)


# -- explore --------------------------------------------------------------------------------------


def explore_submissions(db: Path, f: Filters) -> pd.DataFrame:
    """One row per submission file (no contact fields), with how many values were used from it."""
    sql = """
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
    return fetch_df(db, sql, _filter_params(f))


def explore_province_year(db: Path, f: Filters) -> pd.DataFrame:
    """Long form of province_metrics for the filters: year, province, province_code, metric, value, basis."""
    sql = """
    SELECT year, province, province_code, metric, value, basis
    FROM province_metrics
    WHERE ($all_years OR list_contains($years, year))
      AND ($all_provinces OR list_contains($provinces, province))
      AND reporting_system = $channel
    ORDER BY year, province_code, metric
    """
    p = _filter_params(f)
    return fetch_df(
        db, sql, {k: p[k] for k in ("years", "all_years", "provinces", "all_provinces", "channel")}
    )


def explore_metric_values(db: Path, f: Filters) -> pd.DataFrame:
    """Every value used for the chosen metric, with the file, sheet and cell it was read from."""
    sql = """
    SELECT year, org_name, org_level, province, province_code, city, county, metric, channel,
           value, approximate, source_file, sheet, cell, label
    FROM metric_values
    WHERE ($all_years OR list_contains($years, year))
      AND ($all_provinces OR list_contains($provinces, province))
      AND ($all_levels OR list_contains($levels, org_level))
      AND reporting_system = $channel AND metric = $metric
    ORDER BY year, province NULLS FIRST, org_level, org_name, source_file, sheet, cell
    """
    params = _filter_params(f)
    params["metric"] = f.metric
    return fetch_df(db, sql, params)


# -- secretariat pages (compare, submissions, notices, quality): own module for size, re-exported ----
# -- 优秀活动 activities page (recommended and planned activities, search): own module, re-exported ----
from dashboard.data.activities import *  # noqa: E402,F403
from dashboard.data.queries_secretariat import *  # noqa: E402,F403
