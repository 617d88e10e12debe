"""A build stopped at any point leaves a working database: the previous one before the swap, the new one,
complete, after it; the next build removes what the stopped one left and succeeds.

Driven by events, not by time: the build announces its points (etl/pipeline/faults.py) and each test
stops it at a named point - SIGKILL, an exception, a full disk, a power cut - never after a delay, so the
outcome is the same on a fast machine and on one slow core. Builds are forked from
tests/security/build_server.py (imports paid once), or run as `python -m etl build` with CAMPAIGN_FAULT.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from tests.security import corpus
from tests.security.build_server import TIMEOUT, Build, BuildServer

ROOT = Path(__file__).resolve().parents[2]
OLD, NEW = 2, 3  # files in the previous build, files added for the next (each parse is a point)
ORGS = ["广东省科学技术协会", "浙江省科学技术协会", "江苏省科学技术协会", "四川省科学技术协会", "山东省科学技术协会",
        "河南省科学技术协会"]
PHASES = {  # a full build (--force), and an incremental one (the previous database changed: incremental.py)
    "full": {"locked", "listing", "listed", "hashed", "notices-read", "parsed", "cache-written", "cache-saved",
             "resolving", "resolved", "temp-created", "schema", "table", "checkpointed", "closed", "swap",
             "swapped", "dir-synced", "unlocked"},
    "incremental": {"locked", "listing", "listed", "hashed", "compared", "parsed", "resolving", "resolved",
                    "temp-created", "removed", "regrouped", "inserted", "checkpointed", "closed", "swap",
                    "swapped", "dir-synced", "unlocked"},
}


def _fill(sub: Path, first: int, n: int) -> None:
    """Files `first`..`first+n-1`, each with its own bytes (the cache is keyed by content)."""
    (sub / "2024").mkdir(parents=True, exist_ok=True)
    for i in range(first, first + n):
        data = corpus.form_bytes(ORGS[i], {"动员科技志愿者数量（人）": 100 + i, "开展活动数量（场）": 5})
        (sub / "2024" / f"{i:02d}.xlsx").write_bytes(data)


def _tables(db: Path) -> dict[str, tuple[int, int]]:
    """What a reader finds: (rows, content hash) of every table; asserts the run record matches."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        found = {}
        for name in names:
            # built_at differs between two builds of the same inputs: everything else must not
            cols = "* EXCLUDE (built_at)" if name == "etl_runs" else "*"
            found[name] = con.execute(
                f'SELECT count(*), coalesce(sum(hash(r)), 0) FROM (SELECT {cols} FROM "{name}") r').fetchone()
        (files_read,) = con.execute("SELECT files_read FROM etl_runs").fetchone()
    finally:
        con.close()
    assert found["submissions"][0] == files_read, "a complete database: its run record matches its rows"
    return found


@dataclass
class World:
    """Inputs, a database built from the first OLD files, and a build server; NEW files added since."""

    root: Path
    server: BuildServer
    mode: str  # full | incremental: how every build after the first one runs
    old: dict = field(default_factory=dict)  # what readers find in the previous database
    new: dict = field(default_factory=dict)  # ... in the database built from all files
    points: list[str] = field(default_factory=list)  # "name:nth" a full build passes, in order

    def __post_init__(self) -> None:
        self.sub, self.notices, self.saved = self.root / "sub", self.root / "notices", self.root / "saved"
        self.db, self.cache = self.root / "db" / "campaigns.duckdb", self.root / "cache"

    def build(self, fault: str = "", **kw) -> Build:
        return self.server.start(self.sub, self.notices, self.db, self.root / "runs", fault=fault,
                                 cache=self.cache, force=self.mode == "full", **kw)

    def restore(self) -> None:
        """Back to the moment before the next build: the previous database and its cache."""
        for name in ("db", "cache"):
            shutil.rmtree(self.root / name)
            shutil.copytree(self.saved / name, self.root / name)

    def leftovers(self) -> list[str]:
        return sorted([p.name for p in self.db.parent.iterdir() if p.name.startswith(".building-")
                       or p.suffix == ".wal"] + [p.name for p in self.cache.glob(".parsed-*")])


@pytest.fixture(params=["full", "incremental"])
def world(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[World]:
    server = BuildServer(tmp_path / "server.log")
    try:
        w = World(tmp_path, server, request.param)
        w.notices.mkdir()
        _fill(w.sub, 0, OLD)
        first = w.build()
        assert first.wait() == 0, first.outcome()
        w.old = _tables(w.db)
        assert w.old["submissions"][0] == OLD
        for name in ("db", "cache"):
            shutil.copytree(w.root / name, w.saved / name)
        _fill(w.sub, OLD, NEW)
        full = w.build("*=trace")  # the reference run: every point it passes, and the database it makes
        assert full.wait() == 0, full.outcome()
        w.points, w.new = full.trace(), _tables(w.db)
        assert w.new["submissions"][0] == OLD + NEW
        yield w
    finally:
        server.close()


def _next_build_succeeds(world: World) -> None:
    build = world.build()
    assert build.wait() == 0, build.outcome()
    assert world.leftovers() == [], "the next build removed what the stopped one left"
    assert _tables(world.db) == world.new


def test_the_build_announces_every_phase(world):
    assert {p.split(":")[0] for p in world.points} == PHASES[world.mode]
    assert len(world.points) >= 20 and len(set(world.points)) == len(world.points)
    assert [p for p in world.points if p.startswith("parsed:")] == [f"parsed:{n}" for n in range(1, NEW + 1)], \
        "each new file parsed (the previous ones come from the cache)"
    assert world.points.index("closed:1") < world.points.index("swap:1") < world.points.index("swapped:1")


def test_sigkill_at_every_point(world):
    """Paused at each point (readers checked there), then SIGKILLed; the next build cleans up."""
    swapped = world.points.index("swapped:1")
    temp_from = world.points.index("temp-created:1")
    for i, point in enumerate(world.points):
        world.restore()
        build = world.build(f"{point}=pause")
        build.paused(point)
        expected = world.new if i >= swapped else world.old
        assert _tables(world.db) == expected, f"what readers find while the build is at {point}"
        assert build.kill() == -signal.SIGKILL
        assert _tables(world.db) == expected, f"what readers find after a SIGKILL at {point}"
        temp = f".building-{world.db.name}.{build.pid}"
        assert (temp in world.leftovers()) == (temp_from <= i < swapped), f"temp file after a kill at {point}"
        cache_temp = any(n.startswith(f".parsed-{build.pid}-") for n in world.leftovers())
        assert cache_temp == (point == "cache-written:1"), f"cache temp file after a kill at {point}"
        _next_build_succeeds(world)


def test_an_exception_at_any_point_cleans_up_and_keeps_a_whole_database(world):
    swapped = world.points.index("swapped:1")
    for i, point in enumerate(world.points):
        world.restore()
        build = world.build(f"{point}=raise")
        assert build.wait() == 1
        assert build.outcome()["error"].startswith("FaultInjected"), build.outcome()
        assert _tables(world.db) == (world.new if i >= swapped else world.old), f"after a crash at {point}"
        assert world.leftovers() == [], f"a crashed build removes its own temp files ({point})"
    _next_build_succeeds(world)


def _mount_tmpfs(folder: Path, size: int) -> str | None:
    """Mount a tmpfs of `size` bytes; None when it worked, else why not (not root, no mount, ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, text=True, timeout=TIMEOUT)
    except OSError as exc:
        return str(exc)
    return None if done.returncode == 0 else done.stderr.strip() or f"mount exited {done.returncode}"


@pytest.mark.parametrize("disk", ["rlimit", "tmpfs"])
def test_a_full_disk_at_the_write_fails_the_build_and_keeps_the_previous(world, disk):
    """A size limit (RLIMIT_FSIZE: always possible) or a tiny tmpfs (when this user may mount one)."""
    world.restore()
    db_size = world.db.stat().st_size
    limit, tiny = {}, world.root / "tiny"
    if disk == "rlimit":
        limit = {"fsize": db_size // 2}  # the new file (as large as the old) cannot be written in full
        assert (world.cache / "parsed.pickle").stat().st_size < db_size // 2, "the cache still fits"
    else:
        why = _mount_tmpfs(tiny, db_size + 64 * 1024)  # the previous database and a little more
        if why:
            pytest.skip(f"cannot mount a tmpfs ({why}); the rlimit case covers a full disk")
    try:
        if disk == "tmpfs":
            shutil.copytree(world.db.parent, tiny, dirs_exist_ok=True)
            world.db = tiny / world.db.name
        build = world.build("*=trace", **limit)
        assert build.wait() == 1
        error = build.outcome()["error"]
        assert "File too large" in error or "No space left" in error, error
        trail = build.trace()
        assert "temp-created:1" in trail and "swap:1" not in trail, f"it failed while writing: {trail[-3:]}"
        assert _tables(world.db) == world.old
        assert world.leftovers() == [], "the failed build removed its half-written file"
        if disk == "tmpfs":  # space freed: the same folder now takes the new database
            subprocess.run(["mount", "-o", f"remount,size={4 * db_size}", str(tiny)], check=True)
        _next_build_succeeds(world)
    finally:
        if disk == "tmpfs":
            subprocess.run(["umount", "-l", str(tiny)], check=False)


def _cli_build(world: World, fault: str = "") -> subprocess.Popen:
    """`python -m etl build` as an operator runs it, with the fault in the environment."""
    env = {**os.environ, "CAMPAIGN_FAULT": fault, "CAMPAIGN_CACHE": str(world.cache)}
    args = ["--submissions", str(world.sub), "--notices", str(world.notices), "--db", str(world.db),
            *(["--force"] if world.mode == "full" else [])]
    proc = subprocess.Popen([sys.executable, "-m", "etl", "build", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.communicate(timeout=TIMEOUT)
    return proc


@pytest.mark.parametrize("cut", ["closed:1", "swap:1"])
def test_a_power_cut_between_writing_and_the_swap_leaves_a_temp_file_never_used(world, cut):
    """At "closed" the file is written but not yet synced (a power cut may tear it); at "swap" it is
    complete and synced. Either way the next build discards it, and readers never see it."""
    world.restore()
    cut_build = _cli_build(world, f"{cut}=kill")
    assert cut_build.returncode == -signal.SIGKILL
    temp = world.db.with_name(f".building-{world.db.name}.{cut_build.pid}")
    if cut == "swap:1":
        assert _tables(temp) == world.new, "a tempting leftover: a complete database"
    else:
        with open(temp, "r+b") as fh:  # the pages the disk never got
            fh.truncate(temp.stat().st_size // 2)
    # leftovers of other writers too: a temp file with its log, and a stray log beside the database
    (world.db.parent / f".building-{world.db.name}.99999").write_bytes(b"half a database")
    (world.db.parent / f".building-{world.db.name}.99999.wal").write_bytes(b"log")
    world.db.with_name(world.db.name + ".wal").write_bytes(b"")
    assert _tables(world.db) == world.old, "readers find the previous database, not the temp file"
    _fill(world.sub, OLD + NEW, 1)  # the inputs change: the right database now differs from the leftover
    after = _cli_build(world)
    assert after.returncode == 0
    assert _tables(world.db)["submissions"][0] == OLD + NEW + 1, "built afresh, the leftover not used"
    assert world.leftovers() == []
