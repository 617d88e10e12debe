"""The whole pipeline on the demo set: truth == database, every file accounted for, rebuilds."""

from __future__ import annotations

import math
import shutil

import pytest

from etl.pipeline import faults
from etl.pipeline.build import build
from tests.conftest import NOTICES
from tests.database import fetch


def test_truth_equals_database(demo_set, demo_db):
    """Every true value of a loaded file is in metric_values, from its file, and nothing else is."""
    _, truth = demo_set
    expected = {}
    for t in truth:
        if t.expected_status == "loaded" and t.value is not None:
            key = (t.source_file, t.metric, t.channel)
            expected[key] = expected.get(key, 0) + t.value
    got = {}
    for source_file, metric, channel, value in fetch(
        demo_db, "SELECT source_file, metric, channel, value FROM metric_values"
    ):
        key = (source_file, metric, channel)
        got[key] = got.get(key, 0) + value
    missing = {k: v for k, v in expected.items() if k not in got}
    extra = {k: v for k, v in got.items() if k not in expected}
    wrong = {k: (expected[k], got[k]) for k in expected.keys() & got.keys()
             if not math.isclose(expected[k], got[k])}
    assert not missing, f"values not recovered: {list(missing.items())[:10]}"
    assert not extra, f"values that are not true: {list(extra.items())[:10]}"
    assert not wrong, f"wrong values (truth, db): {list(wrong.items())[:10]}"


def test_every_file_has_expected_status(demo_set, demo_db):
    folder, truth = demo_set
    expected = {t.source_file: t.expected_status for t in truth}
    got = dict(fetch(demo_db, "SELECT source_file, status FROM submissions"))
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
               if p.is_file() and not p.name.startswith(".")}  # hidden files (.demo-files marker) skipped
    assert set(got) == on_disk, "every file under the folder has exactly one submissions row"
    assert {f: got[f] for f in expected} == expected


def test_rejected_and_duplicate_files_are_explained(demo_db):
    unexplained = fetch(demo_db, """
        SELECT s.source_file FROM submissions s
        WHERE s.status <> 'loaded' AND NOT EXISTS (
            SELECT 1 FROM load_issues i WHERE i.source_file = s.source_file
              AND (s.status = 'duplicate' OR i.severity = 'error'))""")
    assert unexplained == []


def test_every_used_value_has_file_sheet_cell(demo_db):
    assert fetch(demo_db, """SELECT count(*) FROM metric_values
                              WHERE source_file IS NULL OR sheet IS NULL OR cell IS NULL""") == [(0,)]


def test_province_metrics_never_double_counts(demo_db):
    """Where a province reported itself, its figure is its own report, not plus its districts."""
    rows = fetch(demo_db, """
        SELECT pm.year, pm.reporting_system, pm.province, pm.metric, pm.value, sum(mv.value)
        FROM province_metrics pm JOIN metric_values mv
          ON mv.year = pm.year AND mv.reporting_system = pm.reporting_system
         AND mv.province = pm.province AND mv.metric = pm.metric AND mv.org_level = 'province'
        GROUP BY ALL""")
    assert rows, "the demo set has province-level reports"
    for *_, figure, own in rows:
        assert math.isclose(figure, own)
    levels = fetch(demo_db, "SELECT DISTINCT org_level FROM metric_values WHERE org_level IN ('national','unit')")
    assert levels, "the demo set has national bodies and units, which province_metrics leaves out"


def test_rebuild_gives_identical_database(demo_set, tmp_path):
    folder, _ = demo_set
    tables = ["submissions", "cell_values", "load_issues", "notices", "notice_activities", "submission_contacts"]
    dumps = []
    for name in ("a", "b"):
        db = tmp_path / f"{name}.duckdb"
        build(folder, NOTICES, db, cache_dir=tmp_path / "cache", workers=2 if name == "b" else 1)
        dumps.append({t: fetch(db, f"SELECT * FROM {t} ORDER BY ALL") for t in tables})
    assert dumps[0] == dumps[1]


def test_unchanged_inputs_skip_the_rebuild_and_a_changed_file_does_not(demo_set, tmp_path):
    folder, _ = demo_set
    work = tmp_path / "sub"
    shutil.copytree(folder, work)
    db = tmp_path / "x.duckdb"
    first = build(work, NOTICES, db, cache_dir=tmp_path / "cache")
    assert not first.skipped
    assert build(work, NOTICES, db, cache_dir=tmp_path / "cache").skipped
    victim = next(p for p in sorted(work.rglob("*.xlsx")))
    victim.unlink()
    third = build(work, NOTICES, db, cache_dir=tmp_path / "cache")
    assert not third.skipped and third.files_read == first.files_read - 1


def test_a_build_without_cache_hashes_in_its_workers_the_same_inputs(demo_set, tmp_path):
    """--no-cache --force (and a first build without a cache) takes each file's hash from the worker that
    parsed it instead of reading every file twice: the run records the same inputs hash and the same
    database, and the next build with nothing changed is skipped."""
    folder, _ = demo_set
    tables = ["submissions", "cell_values", "load_issues"]
    hashed, dumps = [], []
    for name, kwargs in (("first", {}), ("forced", {"force": True}), ("cached", {"cache_dir": tmp_path / "c"})):
        db = tmp_path / f"{name}.duckdb"
        if name == "forced":
            shutil.copy(tmp_path / "first.duckdb", db)  # a previous database, rebuilt anyway
        points: list[str] = []
        faults.arm("*=hook", lambda point, nth, detail, seen=points: seen.append(point))
        try:
            build(folder, NOTICES, db, workers=2, **kwargs)
        finally:
            faults.disarm()
        last_parsed = len(points) - 1 - points[::-1].index("parsed")
        # without a cache the hash comes after the parse (from the workers), with one before (to look up)
        assert (points.index("hashed") > last_parsed) == (name != "cached"), name
        hashed.append(fetch(db, "SELECT inputs_sha256 FROM etl_runs")[0][0])
        dumps.append({t: fetch(db, f"SELECT * FROM {t} ORDER BY ALL") for t in tables})
    assert hashed[0] and len(set(hashed)) == 1
    assert dumps[0] == dumps[1] == dumps[2]
    assert build(folder, NOTICES, tmp_path / "first.duckdb").skipped


@pytest.mark.parametrize("missing", ["submissions", "notices"])
def test_build_with_an_empty_or_missing_folder_still_writes_a_database(tmp_path, missing):
    sub = tmp_path / "sub"
    sub.mkdir()
    notices = NOTICES if missing == "submissions" else tmp_path / "none"
    summary = build(sub if missing == "notices" else tmp_path / "absent", notices, tmp_path / "db.duckdb")
    assert summary.files_read == 0
    assert fetch(tmp_path / "db.duckdb", "SELECT count(*) FROM etl_runs") == [(1,)]
