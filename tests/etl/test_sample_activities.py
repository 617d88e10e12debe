"""Demo activity forms: deterministic, realistic, and every field lands in the database.

Runs the real per-file pipeline (extract -> resolve -> write_database) on generate_activities()'s files
and compares the database with the generator's truth.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from etl.demo.activities import generate_activities
from etl.pipeline import load, reference_tables
from etl.pipeline.extract import extract_many
from etl.pipeline.resolve import FileInput, resolve


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], Path]:
    folder = tmp_path_factory.mktemp("acts") / "submissions"
    truth = generate_activities(folder, 2024)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    inputs = [
        FileInput(p.relative_to(folder).as_posix(), ex, datetime.fromtimestamp(p.stat().st_mtime, tz=UTC))
        for p, ex in zip(files, extract_many(files), strict=True)
    ]
    rows = resolve(inputs)
    db = folder.parent / "campaigns.duckdb"
    load.write_database(
        db,
        reference_tables.tables()
        | {
            "submissions": rows.submissions,
            "cell_values": rows.cell_values,
            "submission_contacts": rows.contacts,
            "load_issues": rows.issues,
        }
        | rows.activities,
    )
    return folder, truth, db


def test_same_seed_same_bytes(tmp_path: Path, demo) -> None:
    folder, _, _ = demo
    generate_activities(tmp_path / "again", 2024)
    assert _hashes(tmp_path / "again") == _hashes(folder)
    assert {p.suffix for p in folder.rglob("*.*")} == {".xlsx", ".docx"}


def test_what_the_generator_writes(demo) -> None:
    _, truth, _ = demo
    recs = [t for t in truth if t["table"] == "recommended_activities"]
    plans = [t for t in truth if t["table"] == "planned_activities"]
    assert {t["year"] for t in recs} == {2024} and {t["year"] for t in plans} == {2021}
    assert any(t["province"] == "四川省" and "科技小院" in t["activity_name"] for t in recs)
    per_file: dict[str, int] = {}
    for t in recs:
        per_file[t["source_file"]] = per_file.get(t["source_file"], 0) + 1
    assert set(per_file.values()) == {2, 3}  # some recommend two activities
    assert sum(t["reason_too_long"] for t in recs) >= 1
    assert any(t["province"] is None for t in plans) and any(t["province"] for t in plans)
    assert any(t["modules"] == "" for t in plans)  # one plan ticks nothing (a warning)


def test_every_field_lands_in_the_database(demo) -> None:
    _, truth, db = demo
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM submissions WHERE status <> 'loaded'").fetchone()[0] == 0
        for table, cols in (
            ("recommended_activities", ["seq", "activity_name", "organizer", "reason", "reason_too_long"]),
            (
                "planned_activities",
                [
                    "activity_name",
                    "organizer",
                    "undertaker",
                    "modules",
                    "planned_time",
                    "planned_place",
                    "target_groups",
                    "planned_scale",
                ],
            ),
        ):
            want = sorted(
                tuple([t["source_file"], t["year"], t["province"]] + [t[c] for c in cols])
                for t in truth
                if t["table"] == table
            )
            got = sorted(
                con.execute(f"SELECT source_file, year, province, {', '.join(cols)} FROM {table}").fetchall()
            )
            assert got == want
        levels = dict(
            con.execute("""SELECT form || '|' || org_level || '|' || reporting_system, count(*)
                                     FROM submissions GROUP BY 1""").fetchall()
        )
        assert set(levels) == {"recommendation|province|农技协", "plan|province|科协", "plan|national|科协"}
        # every activity row points at a real cell of its file, and contacts were kept apart
        assert (
            con.execute(
                "SELECT count(*) FROM recommended_activities WHERE cell IS NULL OR sheet IS NULL"
            ).fetchone()[0]
            == 0
        )
        assert (
            con.execute("SELECT count(DISTINCT submission_id) FROM submission_contacts").fetchone()[0]
            == con.execute("SELECT count(*) FROM submissions").fetchone()[0]
        )
        codes = dict(con.execute("SELECT code, count(*) FROM load_issues GROUP BY 1").fetchall())
        assert codes.get("activity_plan_no_module") == 1
        assert codes.get("activity_reason_too_long", 0) >= 1
        assert set(codes) <= {"activity_plan_no_module", "activity_reason_too_long"}
    finally:
        con.close()
