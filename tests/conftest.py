"""Shared fixtures: a real demo data set, built by the real pipeline, once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTICES = REPO / "data" / "notices"


@pytest.fixture(scope="session")
def demo_set(tmp_path_factory: pytest.TempPathFactory):
    """(submissions folder, truth rows) of the default demo data."""
    from etl.demo.generate import generate

    folder = tmp_path_factory.mktemp("demo") / "submissions"
    truth = generate(folder, seed=2024, scale=1)
    return folder, truth


@pytest.fixture(scope="session")
def demo_db(demo_set, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built from the demo set and the five seed notices by `etl.pipeline.build.build`."""
    from etl.pipeline.build import build

    folder, _ = demo_set
    db = tmp_path_factory.mktemp("db") / "campaigns.duckdb"
    build(folder, NOTICES, db, cache_dir=None, workers=1)
    return db
