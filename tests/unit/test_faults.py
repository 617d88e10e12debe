"""etl.pipeline.faults: the plan syntax, occurrence counting, and the points a database write passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.pipeline import faults, load
from tests.security.swap_worker import dataset


@pytest.fixture(autouse=True)
def _disarmed():
    faults.disarm()
    yield
    faults.disarm()


def test_plan_syntax() -> None:
    assert faults.parse("table:3=kill, *=trace") == {"table": [(3, "kill")], "*": [(None, "trace")]}
    assert faults.parse("") == {}
    for bad in ("table", "table=explode", "table:x=kill", "=kill"):
        with pytest.raises(ValueError, match="CAMPAIGN_FAULT"):
            faults.parse(bad)


def test_disarmed_points_do_nothing() -> None:
    faults.arm("swap=raise")
    faults.disarm()
    faults.at("swap")  # the plan is gone: no error


def test_a_write_passes_its_points_in_order_and_nth_counts_each_point(tmp_path: Path) -> None:
    seen: list[str] = []
    faults.arm("*=hook", hook=lambda point, nth, detail: seen.append(f"{point}:{nth}"))
    load.write_database(tmp_path / "x.duckdb", dataset("A"))
    assert seen == ["temp-created:1", "schema:1", "table:1", "table:2", "checkpointed:1", "closed:1",
                    "swap:1", "swapped:1", "dir-synced:1"]
    faults.arm("table:2=raise")
    with pytest.raises(faults.FaultInjected, match="table:2 submissions"):
        load.write_database(tmp_path / "x.duckdb", dataset("B"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.duckdb"], "the crashed write cleaned up"


def test_pause_waits_for_its_release_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(faults.DIR_ENV, str(tmp_path))
    (tmp_path / "swap.1.release").touch()  # released before it even paused: it goes straight on
    faults.arm("swap=pause")
    faults.at("swap", "x")
    assert (tmp_path / "swap.1.paused").read_text().splitlines()[1] == "x"
    monkeypatch.setattr(faults, "PAUSE_LIMIT", 0.0)
    with pytest.raises(faults.FaultTimeout):
        faults.at("swap")  # the second occurrence has no release file: it gives up at the deadline
