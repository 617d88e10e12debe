"""Deadlines the secretariat enters (data/reference/deadlines.yaml) where no notice gives one."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from etl.issues import InputError
from etl.pipeline import deadlines
from etl.pipeline.build import build
from tests.builders import SEED000_FILLED, seed000_sheet, write


def _timeliness(db: Path) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT org_name, timeliness, days_late, deadline_source, report_deadline FROM submission_deadlines"
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


def test_an_entered_deadline_turns_unknown_into_on_time_or_late(tmp_path):
    subs, notices = tmp_path / "submissions", tmp_path / "notices"
    notices.mkdir()  # no notice at all for the year
    # the 附件1 form of the 农技协 channel
    for org, saved in (("广西壮族自治区科协", datetime(2019, 6, 20, 10)), ("云南省科协", datetime(2019, 7, 3, 9))):
        write(subs / "2019" / f"{org}.xlsx", [seed000_sheet(SEED000_FILLED, org=org)], {"modified": saved})
    db = tmp_path / "campaigns.duckdb"
    build(subs, notices, db, cache_dir=None, workers=1)
    before = _timeliness(db)
    assert {v[0] for v in before.values()} == {"deadline_unknown"}

    deadlines.save_entry(deadlines.deadlines_file(subs), {
        "year": 2019, "channel": "农技协", "deadline": "2019-06-30", "entered_by": "秘书处", "note": "电话确认"})
    build(subs, notices, db, cache_dir=None, workers=1)  # the edited file is an input: no forced rebuild
    after = _timeliness(db)
    assert set(after) == set(before)
    assert after["广西壮族自治区科协"][:3] == ("on_time", 0, "entered")
    assert after["云南省科协"][:3] == ("late", 3, "entered")
    assert after["云南省科协"][3] == date(2019, 6, 30)

    # a province's own entered date beats the channel's
    deadlines.save_entry(deadlines.deadlines_file(subs), {
        "year": 2019, "channel": "农技协", "province": "云南", "deadline": "2019-07-05"})
    build(subs, notices, db, cache_dir=None, workers=1)
    assert _timeliness(db)["云南省科协"][:2] == ("on_time", 0)
    assert _timeliness(db)["广西壮族自治区科协"][:2] == ("on_time", 0)


def test_save_entry_replaces_the_same_key_and_refuses_bad_input(tmp_path):
    path = tmp_path / "reference" / "deadlines.yaml"
    deadlines.save_entry(path, {"year": 2024, "channel": "科协", "deadline": "2024-06-30"})
    deadlines.save_entry(path, {"year": 2024, "channel": "科协", "deadline": "2024-07-10", "entered_by": "李"})
    deadlines.save_entry(path, {"year": 2024, "channel": "农技协", "deadline": "2024-07-31"})
    rows, problems = deadlines.read_rows(path)
    assert not problems
    assert sorted((r["reporting_system"], r["deadline"]) for r in rows) == [
        ("农技协", date(2024, 7, 31)), ("科协", date(2024, 7, 10))]
    text = path.read_text(encoding="utf-8")
    for bad in ({"year": 2024, "channel": "科协", "deadline": "6月底"},
                {"year": 2024, "channel": "妇联", "deadline": "2024-06-30"},
                {"year": 2024, "channel": "科协", "province": "火星", "deadline": "2024-06-30"}):
        with pytest.raises(InputError):
            deadlines.save_entry(path, bad)
    assert path.read_text(encoding="utf-8") == text  # a refused entry leaves the file as it was


def test_a_bad_entry_in_the_file_is_skipped_and_said(tmp_path):
    path = tmp_path / "deadlines.yaml"
    path.write_text("deadlines:\n  - {year: 2024, channel: 科协, deadline: 2024-06-30}\n"
                    "  - {year: 2023, channel: 科协, deadline: soon}\n", encoding="utf-8")
    rows, problems = deadlines.read_rows(path)
    assert [r["year"] for r in rows] == [2024] and len(problems) == 1 and "#2" in problems[0]


def test_the_repository_file_parses():
    repo_data = Path(deadlines.__file__).parents[2] / "data"
    rows, problems = deadlines.read_rows(deadlines.deadlines_file(repo_data / "submissions"))
    assert not problems
