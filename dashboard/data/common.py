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
