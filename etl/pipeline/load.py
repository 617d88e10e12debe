"""The one writer: builds a complete new database file beside the old one, then swaps it in.

Readers (the dashboard) open the database read-only and briefly; they see the old file until the
atomic `os.replace`, then the new one. A build killed at any point leaves the previous database as
it was (only a temp file remains, removed by the next build). Builds are serialized by a lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

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


def write_database(db_path: Path, tables: dict[str, list[dict] | pd.DataFrame], run: dict | None = None) -> dict:
    """Create every table and view from schema.sql, insert `tables`, then swap the file in.
    `run`: the etl_runs row's own fields; its counts are taken from the written tables (`record_run`)."""
    def fill(con: duckdb.DuckDBPyConnection) -> dict:
        con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        faults.at("schema")
        for name, rows in tables.items():
            insert(con, name, rows)
            faults.at("table", name)
        if run is None:
            return {}
        recorded = record_run(con, run)
        faults.at("table", "etl_runs")
        return recorded

    return _publish(db_path, None, fill)


def update_database(db_path: Path, apply: Callable[[duckdb.DuckDBPyConnection], dict]) -> dict:
    """A copy of the current database, changed by `apply`, then swapped in like a new one: readers see
    the old file or the new one, and a stopped update leaves only a temp file (removed by the next build)."""
    return _publish(db_path, db_path, apply)


def _publish(db_path: Path, start_from: Path | None, fill: Callable[[duckdb.DuckDBPyConnection], dict]) -> dict:
    temp = db_path.with_name(f"{TEMP_PREFIX}{db_path.name}.{os.getpid()}")
    temp.unlink(missing_ok=True)
    try:
        if start_from is not None:
            _copy(start_from, temp)
        con = duckdb.connect(str(temp))
        try:
            if start_from is None:
                faults.at("temp-created", temp.name)
            result = fill(con)
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
        return result
    finally:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + ".wal").unlink(missing_ok=True)


def _copy(source: Path, temp: Path) -> None:
    """The previous database's bytes into the temp file (announced once the file exists, so a fault
    test finds it there; a full disk fails the copy, after that point)."""
    with open(source, "rb") as src, open(temp, "wb") as dst:
        faults.at("temp-created", temp.name)
        shutil.copyfileobj(src, dst, 1 << 20)


# The run record's counts, from the tables as written: a full build and an incremental one count alike.
RUN_COUNTS = """
SELECT (SELECT count(*) FROM submissions) AS files_read,
       (SELECT count(*) FROM submissions WHERE status = 'loaded') AS files_loaded,
       (SELECT count(*) FROM submissions WHERE status = 'duplicate') AS files_duplicate,
       (SELECT count(*) FROM submissions WHERE status = 'rejected') AS files_rejected,
       (SELECT count(*) FROM cell_values c JOIN submissions s USING (submission_id)
         WHERE s.status = 'loaded' AND c.role = 'value' AND c.value IS NOT NULL
           AND coalesce(c.metric, '') <> '') AS values_used,
       (SELECT count(*) FROM load_issues WHERE severity = 'error') AS issues_error,
       (SELECT count(*) FROM load_issues WHERE severity = 'warning') AS issues_warning,
       (SELECT coalesce(bool_or(is_demo), false) FROM submissions) AS is_demo
"""


def record_run(con: duckdb.DuckDBPyConnection, run: dict) -> dict:
    """Replace the etl_runs row with `run` plus the counts of the tables as they are now; returns the row."""
    cur = con.execute(RUN_COUNTS)
    counts = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
    row = run | counts
    con.execute("DELETE FROM etl_runs")
    insert(con, "etl_runs", [row])
    return row


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict] | pd.DataFrame) -> None:
    """Append rows (dicts keyed by column name, or a DataFrame) to a table of the schema in one
    statement: up to SMALL rows as one `INSERT … VALUES`, more as one `INSERT … SELECT` from a columnar
    (Arrow) table; never a statement per row (DuckDB plans each executemany row anew: 76 load_issues
    rows took 0.4 s) nor pandas' row-wise from_records."""
    if isinstance(rows, list):
        if not rows:
            return
        if len(rows) <= SMALL:
            _insert_values(con, table, rows)
            return
        incoming = columnar(rows)
    elif rows.empty:
        return
    else:
        incoming = rows
    con.register("incoming", incoming)
    try:
        # BY NAME: columns are matched by name, so row dicts need not follow the schema's order.
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM incoming')  # table names are ours
    finally:
        con.unregister("incoming")


SMALL = 200  # up to this many rows one VALUES statement: no Arrow scan, which makes DuckDB import pandas (~0.4 s)


def _insert_values(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """A few rows as one `INSERT … VALUES (…), (…)` statement (the incremental rebuild writes a few per
    changed file; a statement per row is planned anew each time)."""
    columns = list(dict.fromkeys(k for row in rows for k in row))
    names = ", ".join(f'"{c}"' for c in columns)  # names are ours (schema columns)
    one = "(" + ", ".join("?" for _ in columns) + ")"
    con.execute(f'INSERT INTO "{table}" ({names}) VALUES {", ".join([one] * len(rows))}',
                [row.get(c) for row in rows for c in columns])


def columnar(rows: list[dict]) -> pa.Table | pd.DataFrame:
    """Row dicts -> an Arrow table, column by column (every key any row has; missing ones are NULL).
    Should Arrow find no one type for a column (numbers and text mixed), the rows go through pandas as
    objects, as they always did, and DuckDB casts them on insert."""
    import pyarrow as pa  # here: a no-change rebuild never writes and skips the import

    names = list(dict.fromkeys(k for row in rows for k in row))
    try:
        arrays = [pa.array([row.get(name) for row in rows]) for name in names]
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        import pandas as pd

        return pd.DataFrame.from_records(rows)
    return pa.Table.from_arrays(arrays, names=names)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_run(db_path: Path) -> dict | None:
    """The current database's etl_runs row (what it was built from: inputs, code, notices); None when
    there is none or it cannot be read (then the build starts afresh)."""
    found = _read(db_path, "SELECT * FROM etl_runs ORDER BY built_at DESC LIMIT 1")
    return found[0] if found else None


def read_files(db_path: Path) -> dict[str, tuple]:
    """Each submission of the current database: source_file -> (sha256, modified_at, modified_source)."""
    rows = _read(db_path, "SELECT source_file, sha256, modified_at, modified_source FROM submissions") or []
    return {r["source_file"]: (r["sha256"], r["modified_at"], r["modified_source"]) for r in rows}


def _read(db_path: Path, sql: str) -> list[dict] | None:
    if not db_path.exists():
        return None
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            cur = con.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        finally:
            con.close()
    except duckdb.Error:
        return None
