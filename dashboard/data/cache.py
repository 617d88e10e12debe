"""The pages' way to the database and to figures: `run(query, ...)` and `figure(chart, ...)`, cached.

`run(overview.headline, f)` runs `overview.headline(db, f)` through `st.cache_data`, keyed on the
query's module and name, its arguments and the database's build stamp (path, file mtime, inode,
etl_runs.built_at): a rebuild swaps in a new file, so the stamp changes and the next rerun shows the
new data at once. Cached results are copies (st.cache_data pickles), so callers may modify what they
get. Pages pass the function itself, so an editor follows every call from a page to its SQL.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import streamlit as st

from dashboard.data.db import build_info, db_status, default_db

TTL_SECONDS = 600
MAX_ENTRIES = 256
# Query results by size as well (issue 16, item 4): every page's results at 11,404 workbooks are ~4.3 MB
# pickled (one explore frame ~1 MB), so 64 MB keeps ~15 views' worth; without it 256 explore frames
# could hold ~250 MB. Least recently used go first, so the pages' common queries stay.
MAX_RESULT_BYTES = 64 * 2**20

P = ParamSpec("P")
T = TypeVar("T")


def _name(fn: Callable) -> str:
    """What a cache entry is keyed by instead of the function object: its module and qualified name."""
    return f"{fn.__module__}.{fn.__qualname__}"


@st.cache_data(ttl=TTL_SECONDS, max_entries=16, show_spinner=False)
def _built_at(path: str, mtime_ns: int, inode: int) -> str:
    info = build_info(Path(path))
    return str(info.get("built_at", ""))


def build_stamp() -> tuple[str, int, int, str]:
    """(path, mtime_ns, inode, built_at); raises FileNotFoundError when there is no database."""
    path = default_db()
    st_ = os.stat(path)
    return (str(path), st_.st_mtime_ns, st_.st_ino, _built_at(str(path), st_.st_mtime_ns, st_.st_ino))


# `_query` (leading underscore) is not hashed: `name` stands for it in the key.
@st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, max_size=MAX_RESULT_BYTES, show_spinner=False)
def _cached(_query: Callable, name: str, stamp: tuple, args: tuple, kwargs: tuple) -> object:
    return _query(Path(stamp[0]), *args, **dict(kwargs))


def run(query: Callable[Concatenate[Path, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
    """query(db, *args, **kwargs), cached per build of the database."""
    return _cached(query, _name(query), build_stamp(), args, tuple(sorted(kwargs.items())))  # type: ignore[return-value]


@st.cache_data(ttl=TTL_SECONDS, max_entries=16, show_spinner=False)
def _status(path: str, mtime_ns: int, inode: int) -> str:
    return db_status(Path(path))


def status() -> str:
    """Database status, keyed on the file's identity: a build swaps in a new file (new inode and time), so
    the next rerun sees it, while an unchanged database is not opened twice per run (~50 ms each)."""
    path = default_db()
    try:
        st_ = os.stat(path)
    except FileNotFoundError:
        return "missing"
    return _status(str(path), st_.st_mtime_ns, st_.st_ino)


@st.cache_resource(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)
def _figure(_chart: Callable, name: str, args: tuple, kwargs: tuple) -> object:
    return _chart(*args, **dict(kwargs))


def figure(chart: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """chart(*args, **kwargs), reused while its inputs are the same. Chart functions are pure, and
    building a Plotly figure (its validation) was the largest part of a warm page run. The figure is
    shared, not copied: pages hand it to st.plotly_chart and never change it."""
    return _figure(chart, _name(chart), args, tuple(sorted(kwargs.items())))  # type: ignore[return-value]
