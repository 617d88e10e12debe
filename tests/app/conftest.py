"""AppTest fixtures: a fixture database, and an AppTest factory pointed at it through CAMPAIGN_DB."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.app.fixture_db import make_fixture_db  # noqa: E402

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_fixture_db(tmp_path_factory.mktemp("db") / "campaigns.duckdb")


@pytest.fixture
def app(fixture_db: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., AppTest]:
    """app(page=None, **query_params) -> an AppTest that has run once."""
    monkeypatch.setenv("CAMPAIGN_DB", str(fixture_db))

    def make(page: str | None = None, **params: str | list[str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        if page:
            at.switch_page(f"app_pages/{page}.py")
        return at.run()

    return make


def qp(at: AppTest, key: str) -> list[str]:
    """A query parameter of an AppTest as a list (AppTest stores one value as a str)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)
