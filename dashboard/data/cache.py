"""Cached access to queries.py for the Streamlit pages.

`q("headline", filters)` runs `queries.headline(db, filters)` through `st.cache_data`, keyed on the
database's build stamp (path, file mtime, inode, etl_runs.built_at): a rebuild swaps in a new file,
so the stamp changes and the next rerun shows the new data at once. Cached results are copies
(st.cache_data pickles), so callers may modify what they get.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.data import queries

TTL_SECONDS = 600
MAX_ENTRIES = 256


def db() -> Path:
    return queries.default_db()


@st.cache_data(ttl=TTL_SECONDS, max_entries=16, show_spinner=False)
def _built_at(path: str, mtime_ns: int, inode: int) -> str:
    info = queries.build_info(Path(path))
    return str(info.get("built_at", ""))


def build_stamp() -> tuple[str, int, int, str]:
    """(path, mtime_ns, inode, built_at); raises FileNotFoundError when there is no database."""
    path = db()
    st_ = os.stat(path)
    return (str(path), st_.st_mtime_ns, st_.st_ino, _built_at(str(path), st_.st_mtime_ns, st_.st_ino))


@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _cached(name: str, stamp: tuple, args: tuple, kwargs: tuple) -> Any:
    return getattr(queries, name)(Path(stamp[0]), *args, **dict(kwargs))


def q(name: str, *args: Any, **kwargs: Any) -> Any:
    """Run queries.<name>(db, *args, **kwargs), cached per build of the database."""
    return _cached(name, build_stamp(), args, tuple(sorted(kwargs.items())))


@st.cache_data(ttl=TTL_SECONDS, max_entries=16, show_spinner=False)
def _status(path: str, mtime_ns: int, inode: int) -> str:
    return queries.db_status(Path(path))


@st.cache_resource(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _figure(module: str, name: str, args: tuple, kwargs: tuple) -> Any:
    return getattr(importlib.import_module(module), name)(*args, **dict(kwargs))


def figure(chart: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """chart(*args, **kwargs), reused while its inputs are the same. Chart functions are pure, and
    building a Plotly figure (its validation) was the largest part of a warm page run. The figure is
    shared, not copied: pages hand it to st.plotly_chart and never change it."""
    return _figure(chart.__module__, chart.__name__, args, tuple(sorted(kwargs.items())))


def status() -> str:
    """Database status, keyed on the file's identity: a build swaps in a new file (new inode and time), so
    the next rerun sees it, while an unchanged database is not opened twice per run (~50 ms each)."""
    path = db()
    try:
        st_ = os.stat(path)
    except FileNotFoundError:
        return "missing"
    return _status(str(path), st_.st_mtime_ns, st_.st_ino)


def frame(name: str, *args: Any, **kwargs: Any) -> pd.DataFrame:
    """Like q() for queries returning a DataFrame (typed for the pages)."""
    return q(name, *args, **kwargs)
