"""A rebuild swaps a new database file in while sessions are reading (issue 15, found by bench/load.py): a
session that starts after the swap reads the new build even while another session still has a query
open on the old file, and that open query finishes on the file it started with."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from dashboard.data import cache
from dashboard.data.db import build_info, connect, fetch_df


def _build(path: Path, built_at: str, rows: int) -> Path:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE etl_runs (built_at TIMESTAMP, is_demo BOOLEAN)")
    con.execute("INSERT INTO etl_runs VALUES (CAST(? AS TIMESTAMP), false)", [built_at])
    con.execute("CREATE TABLE submissions AS SELECT range AS id FROM range(?)", [rows])
    con.close()
    return path


@pytest.fixture
def served(tmp_path: Path) -> tuple[Path, Path]:
    """The served file (first build) and the next build waiting beside it, to be swapped in."""
    served = _build(tmp_path / "campaigns.duckdb", "2026-05-30 09:00:00", 3)
    return served, _build(tmp_path / ".building-next", "2026-05-30 10:00:00", 5)


def test_a_query_open_across_the_swap_keeps_its_file_and_the_next_one_reads_the_new_build(
    served: tuple[Path, Path],
) -> None:
    db, nxt = served
    with connect(db) as old:  # another session's query, still running when the build swaps
        assert old.execute("SELECT count(*) FROM submissions").fetchone()[0] == 3
        os.replace(nxt, db)
        assert str(build_info(db)["built_at"]).startswith("2026-05-30 10:00")
        assert fetch_df(db, "SELECT count(*) AS n FROM submissions")["n"][0] == 5
        assert old.execute("SELECT count(*) FROM submissions").fetchone()[0] == 3  # no error, same file


def test_two_sessions_with_a_swap_between_see_their_own_build_through_the_cache(
    served: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, nxt = served
    monkeypatch.setenv("CAMPAIGN_DB", str(db))
    assert str(cache.run(build_info)["built_at"]).startswith("2026-05-30 09:00")  # first session
    with connect(db):  # the first session is still reading when the swap comes
        os.replace(nxt, db)
        # the second session: the new stamp, and the new file's rows cached under it (not the old file's)
        assert str(cache.run(build_info)["built_at"]).startswith("2026-05-30 10:00")
    assert str(cache.run(build_info)["built_at"]).startswith("2026-05-30 10:00")
