"""The one writer: builds a complete new database file beside the old one, then swaps it in.

Readers (the dashboard) open the database read-only and briefly; they see the old file until the
atomic `os.replace`, then the new one. A build killed at any point leaves the previous database as
it was (only a temp file remains, removed by the next build). Builds are serialized by a lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pandas as pd

from etl.paths import SCHEMA_FILE
from etl.pipeline import faults

TEMP_PREFIX = ".building-"


@contextlib.contextmanager
def build_lock(db_path: Path) -> Iterator[None]:
    """One build at a time per database: a second build waits, it does not crash."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # released by the OS even when the process is killed
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def remove_leftovers(db_path: Path) -> None:
    """Temp files and write-ahead logs of builds that were killed (call only under the lock)."""
    for leftover in db_path.parent.glob(f"{TEMP_PREFIX}{db_path.name}*"):
        leftover.unlink(missing_ok=True)
    db_path.with_name(db_path.name + ".wal").unlink(missing_ok=True)


def write_database(db_path: Path, tables: dict[str, list[dict] | pd.DataFrame]) -> None:
    """Create every table and view from schema.sql, insert `tables`, then swap the file in."""
    temp = db_path.with_name(f"{TEMP_PREFIX}{db_path.name}.{os.getpid()}")
    temp.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(temp))
        try:
            faults.at("temp-created", temp.name)
            con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
            faults.at("schema")
            for name, rows in tables.items():
                _insert(con, name, rows)
                faults.at("table", name)
            con.execute("CHECKPOINT")
            faults.at("checkpointed")
        finally:
            con.close()
        faults.at("closed")
        with open(temp, "rb") as fh:  # the bytes are on disk before the swap makes them visible
            os.fsync(fh.fileno())
        faults.at("swap")  # a power cut here leaves a complete temp file: the next build removes it unused
        os.replace(temp, db_path)
        faults.at("swapped")
        _fsync_dir(db_path.parent)
        faults.at("dir-synced")
    finally:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + ".wal").unlink(missing_ok=True)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict] | pd.DataFrame) -> None:
    import pandas as pd  # here, not at the top: a no-change rebuild never writes and skips its ~1 s import

    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(rows)
    if frame.empty:
        return
    con.register("incoming", frame)
    try:
        # BY NAME: columns are matched by name, so row dicts need not follow the schema's order.
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM incoming')  # table names are ours
    finally:
        con.unregister("incoming")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_inputs_hash(db_path: Path) -> str | None:
    """The inputs hash of the current database, to skip a rebuild that would change nothing."""
    if not db_path.exists():
        return None
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            row = con.execute("SELECT inputs_sha256 FROM etl_runs ORDER BY built_at DESC LIMIT 1").fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return None
    return row[0] if row else None
