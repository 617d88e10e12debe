"""The database, read-only and briefly: which file, connect, fetch a frame, bind the sidebar's filters,
and the build's status and record. No Streamlit here (the cached wrappers are in cache.py).

Each call opens the database read-only, runs one query with bound parameters, and closes it at once:
DuckDB allows one writer process, and a dashboard holding the file open would block a rebuild.
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
    """The file at `db` now, read-only. Not `duckdb.connect(db)`: DuckDB hands every connection to a path
    the database instance already open there, so while any session still had a query running on the
    previous file, a session starting after a rebuild's swap read the previous build too (and cached it
    under the new build's stamp). An in-memory database attaching the file opens what the path names now;
    a query already running keeps the file it opened until it closes (issue 15, bench/load.py)."""
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS campaign (READ_ONLY)", [str(db)])
        con.execute("USE campaign")
        yield con
    finally:
        con.close()


def fetch_df(db: Path, sql: str, params: dict | list | None = None) -> pd.DataFrame:
    """Run one parameterised query on a fresh read-only connection."""
    with connect(db) as con:
        # Phones and e-mails quoted anywhere (issue messages, notice text) are masked (issue 6).
        return scrub_frame(con.execute(sql, params or {}).df())


def filter_params(f: Filters, *names: str) -> dict:
    """The sidebar filters as DuckDB parameters: lists bound as list parameters, each with an `all_` flag
    for "no restriction". `names`: only those (DuckDB rejects a parameter its statement does not use);
    none: every one."""
    params = {
        "years": list(f.years),
        "all_years": not f.years,
        "provinces": list(f.provinces),
        "all_provinces": not f.provinces,
        "levels": list(f.org_levels),
        "all_levels": not f.org_levels,
        "channel": f.channel,
    }
    return {k: params[k] for k in names} if names else params


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
