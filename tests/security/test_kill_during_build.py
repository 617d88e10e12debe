"""A build killed with SIGKILL at any point leaves the previous database working; the next build
removes what the killed one left (temp file, write-ahead log) and writes a complete database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.security import corpus

ROOT = Path(__file__).resolve().parents[2]
OLD_FILES = 5
NEW_FILES = 120  # enough that parsing and writing each take a visible moment


def _fill(year_dir: Path, n: int, prefix: str) -> None:
    year_dir.mkdir(parents=True, exist_ok=True)
    data = corpus.form_bytes("广东省科学技术协会", {"动员科技志愿者数量（人）": 100, "开展活动数量（场）": 5})
    for i in range(n):
        (year_dir / f"{prefix}{i:04d}.xlsx").write_bytes(data)


def _start_build(sub: Path, notices: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.security.swap_worker", "build", str(sub), str(notices), str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _files_read(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        (count,) = con.execute("SELECT count(*) FROM submissions").fetchone()
        (runs,) = con.execute("SELECT files_read FROM etl_runs").fetchone()
    finally:
        con.close()
    assert count == runs, "a complete database: its run record matches its rows"
    return count


def _leftovers(db: Path) -> list[str]:
    return sorted(
        p.name for p in db.parent.iterdir() if p.name.startswith(".building-") or p.suffix == ".wal"
    )


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    sub, notices, db = tmp_path / "submissions", tmp_path / "notices", tmp_path / "db" / "campaigns.duckdb"
    notices.mkdir()
    _fill(sub / "2024", OLD_FILES, "旧")
    proc = _start_build(sub, notices, db)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert _files_read(db) == OLD_FILES
    _fill(sub / "2024", NEW_FILES, "新")  # the next build has more to read
    return sub, notices, db


def test_sigkill_at_several_points_leaves_the_previous_database(setup):
    sub, notices, db = setup
    killed_while_writing = False
    # Seconds after start (importing, then parsing), then the moment the new file is being written.
    for point in (0.3, "writing", 0.7):
        proc = _start_build(sub, notices, db)
        if point == "writing":  # the riskiest moment: a half-written database file exists
            deadline = time.monotonic() + 60
            own_temp = db.parent / f".building-{db.name}.{proc.pid}"  # load.write_database names it by pid
            while not own_temp.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            killed_while_writing = proc.poll() is None and own_temp.exists()
        else:
            time.sleep(point)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        print(f"kill at {point}: returncode {proc.returncode}, leftovers {_leftovers(db)}")
        if proc.returncode == -signal.SIGKILL:
            assert _files_read(db) == OLD_FILES, "the previous database still opens and answers"
        else:  # the build finished before the kill: then the new database is complete
            assert _files_read(db) == OLD_FILES + NEW_FILES
    assert killed_while_writing, "the build was caught with its new file half written"
    # Leftovers of other killed writers too: a temp file with its log, and a stray .wal beside the database.
    (db.parent / f".building-{db.name}.99999").write_bytes(b"half a database")
    (db.parent / f".building-{db.name}.99999.wal").write_bytes(b"log")
    db.with_name(db.name + ".wal").write_bytes(b"")
    assert _files_read(db) in (OLD_FILES, OLD_FILES + NEW_FILES), "leftovers beside it do not stop readers"
    proc = _start_build(sub, notices, db)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert _files_read(db) == OLD_FILES + NEW_FILES
    assert _leftovers(db) == [], "the next build removed the killed builds' leftovers"
