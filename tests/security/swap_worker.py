"""Child processes for the rebuild tests: a writer swapping databases, a reader, a killable build.

Run as `python -m tests.security.swap_worker <role> ...` from the repository root.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

import duckdb


def dataset(tag: str) -> dict[str, list[dict]]:
    """Data set A has 500 submissions, B 1500: a reader can tell which file it saw, and whether whole."""
    n = 500 if tag == "A" else 1500
    return {
        "etl_runs": [{"built_at": "2024-06-01", "inputs_sha256": tag, "files_read": n}],
        "submissions": [
            {
                "submission_id": f"{tag}{i}",
                "source_file": f"{tag}/{i}.xlsx",
                "sha256": tag,
                "is_demo": False,
                "status": "loaded",
            }
            for i in range(n)
        ],
    }


def read_once(db: Path) -> str:
    """One short read-only visit, as the dashboard makes: returns the tag, raises on inconsistency."""
    from dashboard.data.db import connect

    with connect(db) as con:
        tag, n = con.execute("SELECT inputs_sha256, files_read FROM etl_runs").fetchone()
        count = con.execute("SELECT count(*) FROM submissions WHERE sha256 = ?", [tag]).fetchone()[0]
    if count != n:
        raise AssertionError(f"half a database: {tag} has {count} of {n} rows")
    return tag


def writer(db: Path, swaps: int) -> None:
    from etl.pipeline import load

    for i in range(swaps):
        with load.build_lock(db):
            load.write_database(db, dataset("AB"[(i + 1) % 2]))


def reader(db: Path, ready: Path, stop: Path) -> None:
    """Read until the `stop` file appears; create `ready` after the first read (the test waits for it)."""
    os.nice(10)  # reading all the time, yet leaving the CPU to the writer: the swaps come sooner
    seen, errors, announced = set(), [], False
    give_up = time.monotonic() + 600  # an abandoned reader ends on its own
    while not stop.exists() and time.monotonic() < give_up:
        try:
            seen.add(read_once(db))
        except (duckdb.Error, AssertionError, OSError) as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        if not announced:
            ready.touch()
            announced = True
    print(json.dumps({"seen": sorted(seen), "errors": errors[:20]}))


def build(submissions: Path, notices: Path, db: Path) -> None:
    from etl.pipeline.build import build as run_build

    summary = run_build(submissions, notices, db, cache_dir=None, workers=1, force=True)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"files": summary.files_read, "loaded": summary.loaded, "rss_mb": rss_mb}))


def extract_each(paths: list[Path]) -> None:
    """Extract each file in turn and report the peak RSS after each (the peak never goes down)."""
    from etl.pipeline.extract import extract_file

    out = {}
    for path in paths:
        ex = extract_file(path)
        out[path.name] = {
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "error": [ex.error.reason_zh, ex.error.reason_en] if ex.error else None,
        }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    role, *args = sys.argv[1:]
    if role == "writer":
        writer(Path(args[0]), int(args[1]))
    elif role == "reader":
        reader(Path(args[0]), Path(args[1]), Path(args[2]))
    elif role == "build":
        build(Path(args[0]), Path(args[1]), Path(args[2]))
    elif role == "extract":
        extract_each([Path(a) for a in args])
