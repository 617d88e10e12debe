"""Where things are. Defaults < environment variables < command-line arguments.

No project imports here, so every module (and the dashboard) can use it.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"
SCHEMA_FILE = ROOT / "etl" / "pipeline" / "schema.sql"
DASHBOARD_DIR = ROOT / "dashboard"
APP_FILE = DASHBOARD_DIR / "app.py"
PAGES_DIR = DASHBOARD_DIR / "app_pages"
TEXT_DIR = DASHBOARD_DIR / "text"  # interface strings, one YAML file per page or area
STATIC_DIR = DASHBOARD_DIR / "static"  # served by Streamlit's static route


def data_dir() -> Path:
    """The data folder (`CAMPAIGN_DATA` overrides `<repo>/data`)."""
    return Path(os.environ.get("CAMPAIGN_DATA", ROOT / "data"))


def submissions_dir() -> Path:
    return data_dir() / "submissions"


def notices_dir() -> Path:
    return data_dir() / "notices"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database: `--db` wins over `CAMPAIGN_DB`, which wins over the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("CAMPAIGN_DB")
    return Path(env) if env else data_dir() / "campaigns.duckdb"


def cache_dir() -> Path:
    """Parsed-file cache used to skip unchanged workbooks on rebuild (never committed)."""
    return Path(os.environ.get("CAMPAIGN_CACHE", data_dir() / ".cache"))
