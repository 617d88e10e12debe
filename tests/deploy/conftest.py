"""Deploy-test fixtures: the dashboard served by two Streamlit processes behind a private nginx
(deploy/serve.py's Cluster). The browser (`chromium`, `page`) is tests/browser/chromium.py's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.processes import nginx_binary
from deploy.serve import Cluster

NO_NGINX = "nginx is not installed: apt-get install nginx (scripts/install_system_deps.sh does it as root)"


@pytest.fixture
def cluster(fixture_db: Path, tmp_path: Path) -> Iterator[Cluster]:
    """Two dashboard processes over the fixture database behind nginx on free localhost ports. Not
    supervised: a test that kills a process decides what happens next. Per test, since tests kill."""
    if nginx_binary() is None:
        pytest.skip(NO_NGINX)
    with Cluster(fixture_db, processes=2, folder=tmp_path / "deploy") as c:
        yield c


@pytest.fixture
def published_cluster(fixture_db_copy, tmp_path: Path) -> Iterator[Cluster]:
    """As `cluster`, over a private copy of the fixture database (`cluster.db`) that a test may swap."""
    if nginx_binary() is None:
        pytest.skip(NO_NGINX)
    (tmp_path / "published").mkdir()
    db = fixture_db_copy(tmp_path / "published" / "campaigns.duckdb")
    with Cluster(db, processes=2, folder=tmp_path / "deploy") as c:
        yield c
