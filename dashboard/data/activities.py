"""SQL of the 优秀活动 Activities page: recommended and planned activities, the 2021 plans' modules,
and the province names its search box recognises.

Only activities of loaded submissions (duplicates and rejected files left out); contacts are never
selected. Every row carries source_file, sheet and cell, so a person can open the form it came from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.data.activity_search import parse_search
from dashboard.data.common import provinces
from dashboard.data.db import fetch_df, filter_params
from dashboard.filters import Filters

KINDS = ("recommended", "planned")

ACTIVITIES_SQL = r"""
-- Recommended (附件2) and planned (2021 筹备方案) activities in one list.
WITH acts AS (
    SELECT 'recommended' AS kind, submission_id, year, org_name, org_level, reporting_system, province,
           seq, activity_name, organizer, reason, reason_length, reason_too_long, reason_cell,
           NULL::VARCHAR AS undertaker, NULL::VARCHAR AS modules, NULL::VARCHAR AS target_groups,
           NULL::VARCHAR AS planned_time, NULL::VARCHAR AS planned_place, NULL::VARCHAR AS planned_scale,
           source_file, sheet, cell
    FROM recommended_activities
    UNION ALL
    SELECT 'planned', submission_id, year, org_name, org_level, reporting_system, province,
           NULL, activity_name, organizer, NULL, NULL, NULL, NULL,
           undertaker, modules, target_groups, planned_time, planned_place, planned_scale,
           source_file, sheet, cell
    FROM planned_activities
)
SELECT a.kind, a.year, a.province, r.code AS province_code, a.org_name, a.org_level, a.reporting_system,
       a.seq, a.activity_name, a.organizer, a.reason, a.reason_length, a.reason_too_long, a.undertaker,
       a.modules, a.target_groups, a.planned_time, a.planned_place, a.planned_scale,
       a.source_file, a.sheet, a.cell, a.reason_cell
FROM acts a
JOIN submissions s ON s.submission_id = a.submission_id AND s.status = 'loaded'
LEFT JOIN regions r ON r.name = a.province AND r.level = 'province'
WHERE ($all_years OR list_contains($years, a.year))
  AND ($all_provinces OR list_contains($provinces, a.province))
  AND ($all_levels OR list_contains($levels, a.org_level))
  AND list_contains($kinds, a.kind)
  AND ($all_channels OR list_contains($channels, a.reporting_system))
  AND (len($search_years) = 0 OR list_contains($search_years, a.year))
  AND (len($search_provinces) = 0 OR list_contains($search_provinces, a.province))
  AND (len($patterns) = 0 OR list_bool_and(list_transform($patterns, lambda p:
        concat_ws(' ', a.activity_name, a.organizer, a.reason, a.org_name, a.undertaker, a.modules,
                  a.planned_place, a.target_groups) ILIKE p ESCAPE '\')))
ORDER BY a.year DESC, a.kind DESC, a.province NULLS LAST, a.org_name, a.seq, a.sheet, a.cell
"""

MODULES_SQL = """
-- Plans per module (a plan ticking two modules counts under both), by year and organization level.
SELECT p.year, trim(m.module) AS module, p.org_level, count(*) AS n
FROM planned_activities p
JOIN submissions s ON s.submission_id = p.submission_id AND s.status = 'loaded',
     unnest(string_split(p.modules, '、')) AS m(module)
WHERE p.modules <> ''
  AND ($all_years OR list_contains($years, p.year))
  AND ($all_provinces OR list_contains($provinces, p.province))
  AND ($all_levels OR list_contains($levels, p.org_level))
  AND ($all_channels OR list_contains($channels, p.reporting_system))
GROUP BY ALL
ORDER BY p.year, module, p.org_level
"""


def _params(f: Filters, channels: tuple[str, ...]) -> dict:
    """The sidebar's years, area and levels, and the page's own channel choice (any number of channels)."""
    params = filter_params(f, "years", "all_years", "provinces", "all_provinces", "levels", "all_levels")
    return params | {"channels": list(channels), "all_channels": not channels}


def search_provinces(db: Path) -> list[tuple[str, str]]:
    """(full name, short name) of every province, for reading a place out of the search text."""
    df = provinces(db)
    return list(zip(df["name"], df["short_name"], strict=True))


def activities(
    db: Path, f: Filters, kinds: tuple[str, ...] = KINDS, channels: tuple[str, ...] = (), search: str = ""
) -> pd.DataFrame:
    """Activities for the sidebar filters (years, area, levels), kinds, channels and a search text."""
    s = parse_search(search, search_provinces(db))
    params = _params(f, channels) | {
        "kinds": list(kinds) or list(KINDS),
        "search_years": list(s.years),
        "search_provinces": list(s.provinces),
        "patterns": list(s.patterns),
    }
    return fetch_df(db, ACTIVITIES_SQL, params)


def plan_modules(db: Path, f: Filters, channels: tuple[str, ...] = ()) -> pd.DataFrame:
    """year, module, org_level, n: how many plans ticked each of the five modules."""
    return fetch_df(db, MODULES_SQL, _params(f, channels))
