"""Rebuilds never hurt readers: readers during swaps see old or new data, never an error or half a file;
two builds at once are serialized by the lock; both finish and the database is valid."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from etl.pipeline import load
from tests.security.swap_worker import dataset, read_once
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]


def _child(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.security.swap_worker", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_readers_see_old_or_new_never_an_error(tmp_path: Path):
    db = tmp_path / "campaigns.duckdb"
    load.write_database(db, dataset("A"))
    # Readers read from before the writer starts until after it ends, however fast either machine is.
    stop = tmp_path / "stop"
    ready = [tmp_path / f"ready{i}" for i in range(2)]
    readers = [_child("reader", str(db), str(r), str(stop)) for r in ready]  # other processes, as other servers
    seen: set[str] = set()
    errors: list[str] = []
    stopping = threading.Event()

    def thread_reader() -> None:  # threads in one process, as Streamlit sessions are
        while not stopping.is_set():
            try:
                seen.add(read_once(db))
            except Exception as exc:  # any error at all is a failure here
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=thread_reader) for _ in range(3)]
    try:
        # the threads start once the processes have read (they would slow their start four times)
        wait_until(lambda: all(r.exists() for r in ready), 120, "every reader process's first read")
        for t in threads:
            t.start()
        wait_until(lambda: seen or errors, 120, "the reader threads' first read")
        writer = _child("writer", str(db), "6")
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    finally:
        stopping.set()
        stop.touch()
    for t in threads:
        t.join()
    for r in readers:
        out, err = r.communicate(timeout=60)
        assert r.returncode == 0, err
        result = json.loads(out)
        assert result["errors"] == [], result["errors"]
        assert result["seen"], "the reader process read something"
    assert errors == []
    assert seen <= {"A", "B"} and seen, seen
    assert read_once(db) in {"A", "B"}
    assert not list(tmp_path.glob(".building-*")), "no temp file left after the writer finished"


def test_two_writers_at_once_are_serialized(tmp_path: Path):
    db = tmp_path / "campaigns.duckdb"
    writers = [_child("writer", str(db), "3") for _ in range(2)]
    for w in writers:
        _, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    assert read_once(db) in {"A", "B"}
    assert not list(tmp_path.glob(".building-*")) and not (tmp_path / "campaigns.duckdb.wal").exists()


def _blocked_on(lock: Path) -> bool:
    """Someone waits for `lock`: Linux lists each blocked flock waiter as a "->" line in /proc/locks."""
    inode = f":{lock.stat().st_ino}"
    return any(f.split()[1] == "->" and f.split()[-3].endswith(inode)
               for f in Path("/proc/locks").read_text().splitlines())


def test_build_lock_excludes_a_second_holder(tmp_path: Path):
    """While one build holds the lock, a second waits (it neither fails nor runs alongside)."""
    if not Path("/proc/locks").exists():
        pytest.skip("no /proc/locks here to see the second holder waiting")
    db = tmp_path / "campaigns.duckdb"
    order: list[str] = []
    with load.build_lock(db):
        t = threading.Thread(target=lambda: (load.build_lock(db).__enter__(), order.append("second")))
        t.start()
        wait_until(lambda: _blocked_on(db.with_name(db.name + ".lock")), 60, "the second holder to wait")
        order.append("first done")
        assert t.is_alive(), "the second holder waits for the lock"
    t.join(timeout=10)
    assert order == ["first done", "second"]


def test_a_reader_open_across_a_swap_keeps_its_snapshot(tmp_path: Path):
    db = tmp_path / "campaigns.duckdb"
    load.write_database(db, dataset("A"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        load.write_database(db, dataset("B"))
        assert con.execute("SELECT inputs_sha256 FROM etl_runs").fetchone()[0] == "A"
        assert con.execute("SELECT count(*) FROM submissions").fetchone()[0] == 500
    finally:
        con.close()
    assert read_once(db) == "B"
