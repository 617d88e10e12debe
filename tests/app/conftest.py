"""AppTest fixtures: open_app (tests/apptest.py) pointed through CAMPAIGN_DB at the fixture database,
bare (`app`) or with a layer (`secretariat_app`, `activities_app`). Each is called as
app(page=None, **query_params) and returns an AppTest that has run once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_app


def _on(db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    monkeypatch.setenv("CAMPAIGN_DB", str(db))
    return open_app


@pytest.fixture
def app(fixture_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    return _on(fixture_db, monkeypatch)


@pytest.fixture
def secretariat_app(secretariat_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    return _on(secretariat_db, monkeypatch)


@pytest.fixture
def activities_app(activities_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    return _on(activities_db, monkeypatch)


@pytest.fixture
def coverage_app(coverage_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    return _on(coverage_db, monkeypatch)
