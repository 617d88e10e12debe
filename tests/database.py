"""Reading a database a test built: read-only, closed at once, as the dashboard reads it."""

from __future__ import annotations

from pathlib import Path

import duckdb


def fetch(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """All rows of `sql` (bound `params`) on the database file `db`."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()
