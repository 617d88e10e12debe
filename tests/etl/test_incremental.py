"""An incremental rebuild (etl/pipeline/incremental.py) makes the database a full build makes.

The demo set is built fully; then files are changed, added, removed, renamed and touched, a notice is
removed, and the rebuild (which parses only what changed) is compared table by table with a full build of
the same folders: every row equal, in any order, only the run's time stamp aside.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from etl.pipeline import faults
from etl.pipeline.build import build
from tests.conftest import NOTICES
from tests.database import fetch
from tests.security import corpus


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted (order-independent); etl_runs without its time stamp."""
    with duckdb.connect(str(db), read_only=True) as con:
        names = [n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        found = {}
        for name in names:
            cols = "* EXCLUDE (built_at)" if name == "etl_runs" else "*"
            found[name] = sorted(con.execute(f'SELECT {cols} FROM "{name}"').fetchall(), key=repr)
    return found


def _points(run) -> list[str]:
    seen: list[str] = []
    faults.arm("*=hook", hook=lambda point, nth, detail: seen.append(point))
    try:
        run()
    finally:
        faults.disarm()
    return seen


@pytest.fixture
def world(demo_set, tmp_path: Path) -> tuple[Path, Path, Path]:
    """(submissions, notices, database): a copy of the demo set and of the notices, built fully."""
    folder, _ = demo_set
    sub, notices, db = tmp_path / "sub", tmp_path / "notices", tmp_path / "db" / "campaigns.duckdb"
    shutil.copytree(folder, sub)
    shutil.copytree(NOTICES, notices)
    first = build(sub, notices, db, cache_dir=tmp_path / "cache", force=True)
    assert not first.skipped
    return sub, notices, db


def _status(db: Path) -> dict[str, tuple]:
    return {f: (s, d) for f, s, d in fetch(db, "SELECT source_file, status, duplicate_of FROM submissions")}


def test_changed_added_removed_renamed_files_give_the_full_build(world, tmp_path):
    sub, notices, db = world
    status = _status(db)
    loaded = sorted(f for f, (s, _) in status.items() if s == "loaded" and f.endswith(".xlsx"))
    duplicated = sorted(f for f, (s, _) in status.items() if s == "duplicate")
    assert duplicated, "the demo set has duplicates: the rule is exercised"
    by_id = dict(fetch(db, "SELECT submission_id, source_file FROM submissions"))
    kept_of_duplicate = by_id[status[duplicated[0]][1]]

    loaded = [f for f in loaded if f != kept_of_duplicate]
    changed, renamed = loaded[0], loaded[len(loaded) // 2]
    donor = max(f for f in loaded if f.split("/")[0] == changed.split("/")[0] and f not in (changed, renamed))
    (sub / changed).write_bytes((sub / donor).read_bytes())  # other bytes: now a duplicate of the donor
    (sub / "2024" / "新增-四川省科学技术协会.xlsx").write_bytes(
        corpus.form_bytes("四川省科学技术协会", {"动员科技志愿者数量（人）": 321, "开展活动数量（场）": 7}))
    (sub / kept_of_duplicate).unlink()  # its duplicate is the loaded file now
    (sub / renamed).rename((sub / renamed).with_name("改名-" + Path(renamed).name))
    by_file_time = sorted(f for (f,) in fetch(db, "SELECT source_file FROM submissions "
                                                  "WHERE modified_source = 'file' AND status <> 'rejected'"))
    if by_file_time:  # the same bytes, another file time: the time is what the database records
        os.utime(sub / by_file_time[0], ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    (notices / sorted(os.listdir(notices))[0]).unlink()

    points = _points(lambda: build(sub, notices, db, cache_dir=tmp_path / "cache"))
    assert "compared" in points, "an incremental rebuild"
    assert points.count("parsed") == 3 + bool(by_file_time), "only the changed, added and renamed files parsed"
    assert "notices-read" in points, "a notice changed: the notices are read again"

    full = tmp_path / "full.duckdb"
    build(sub, notices, full, cache_dir=None)
    incremental, fresh = _tables(db), _tables(full)
    assert incremental.keys() == fresh.keys()
    for name in fresh:
        assert incremental[name] == fresh[name], f"table {name} differs from a full build"
    after = _status(db)
    assert after[duplicated[0]][0] == "loaded", "the duplicate whose kept file went is loaded now"
    assert "duplicate" in (after[changed][0], after[donor][0]), "a copy of a file in its year is a duplicate"


def test_a_rebuild_after_only_a_notice_changed_reads_no_workbook(world, tmp_path):
    sub, notices, db = world
    (notices / sorted(os.listdir(notices))[-1]).unlink()
    points = _points(lambda: build(sub, notices, db, cache_dir=tmp_path / "cache"))
    assert "compared" in points and "parsed" not in points and "notices-read" in points
    full = tmp_path / "full.duckdb"
    build(sub, notices, full, cache_dir=None)
    assert _tables(db) == _tables(full)


def test_force_and_no_cache_build_everything_afresh(world, tmp_path):
    sub, notices, db = world
    (sub / "2024" / "新增.xlsx").write_bytes(corpus.form_bytes("浙江省科学技术协会", {"开展活动数量（场）": 3}))
    for kwargs in ({"cache_dir": tmp_path / "cache", "force": True}, {"cache_dir": None, "force": True}):
        points = _points(lambda kw=kwargs: build(sub, notices, db, **kw))
        assert "compared" not in points and "schema" in points, kwargs
