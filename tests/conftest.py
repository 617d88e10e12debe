"""Shared fixtures, each built once per test session (per xdist worker):

- `demo_set` / `demo_db`: the default demo data, and a database built from it by the real pipeline;
- `fixture_db`, `secretariat_db`, `activities_db`: the small fixture database of tests/fixture_db.py,
  bare or with a layer; read them only. A test that writes copies one first with `fixture_db_copy`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from etl.demo.generate import generate
from etl.paths import ROOT
from etl.pipeline.build import build
from tests.browser.chromium import chromium, page  # noqa: F401  (one browser per process: tests/browser, tests/deploy)
from tests.fixture_db import make_fixture_db

NOTICES = ROOT / "data" / "notices"

# Property tests judge results, never time: Hypothesis's 200 ms deadline per example and its "too slow"
# health check fail on a loaded or one-core machine (a parse took 276 ms under load 25).
settings.register_profile("any_machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("any_machine")


@pytest.fixture(scope="session")
def demo_set(tmp_path_factory: pytest.TempPathFactory):
    """(submissions folder, truth rows) of the default demo data."""
    folder = tmp_path_factory.mktemp("demo") / "submissions"
    truth = generate(folder, seed=2024, scale=1)
    return folder, truth


@pytest.fixture(scope="session")
def demo_db(demo_set, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from the demo set and the five seed notices by `etl.pipeline.build.build`."""
    folder, _ = demo_set
    db = tmp_path_factory.mktemp("db") / "campaigns.duckdb"
    build(folder, NOTICES, db, cache_dir=None, workers=1)
    return db


@pytest.fixture(scope="session")
def fixture_db_with(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """fixture_db_with(*layers) -> the fixture database with those layers, built on first use."""
    built: dict[tuple[str, ...], Path] = {}

    def get(*layers: str) -> Path:
        if layers not in built:
            folder = tmp_path_factory.mktemp("fixture_db_" + "_".join(layers or ("base",)))
            built[layers] = make_fixture_db(folder / "campaigns.duckdb", *layers)
        return built[layers]

    return get


@pytest.fixture(scope="session")
def fixture_db(fixture_db_with: Callable[..., Path]) -> Path:
    """The base fixture database: figures for 8 provinces, 2021-2024 (see tests/fixture_db.py)."""
    return fixture_db_with()


@pytest.fixture(scope="session")
def secretariat_db(fixture_db_with: Callable[..., Path]) -> Path:
    """The fixture database with the secretariat rows: notices, deadlines, late files, load issues."""
    return fixture_db_with("secretariat")


@pytest.fixture(scope="session")
def activities_db(fixture_db_with: Callable[..., Path]) -> Path:
    """The fixture database with the 优秀活动 rows: recommended and planned activities."""
    return fixture_db_with("activities")


@pytest.fixture(scope="session")
def coverage_db(fixture_db_with: Callable[..., Path]) -> Path:
    """The fixture database with provinces that reported in one year only (tests/fixture_db_coverage.py)."""
    return fixture_db_with("coverage")


@pytest.fixture(scope="session")
def fixture_db_copy(fixture_db_with: Callable[..., Path]) -> Callable[..., Path]:
    """fixture_db_copy(dest, *layers) -> dest, a private copy of the fixture database a test may change."""

    def copy(dest: str | Path, *layers: str) -> Path:
        return Path(shutil.copyfile(fixture_db_with(*layers), dest))

    return copy
