"""Browser-test fixtures: the dashboard served by `streamlit run` on a free port (and Debian's headless
Chromium driven by Playwright, in tests/browser/chromium.py). Reusable by every page's tests:

    def test_x(dashboard_url, page): page.goto(f"{dashboard_url}/overview") ...

`dashboard_url` serves the base fixture database (or BROWSER_TEST_DB, to look at a real build);
`secretariat_url`, `activities_url` and `coverage_url` serve it with a layer (tests/fixture_db.py). Each database is
served once per session, by `serve`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from deploy.processes import free_port, local_url, start_streamlit, wait_healthy


@contextmanager
def streamlit_server(db: Path, log: Path) -> Iterator[str]:
    """`streamlit run dashboard/app.py` over `db`, started as deploy/ starts one (same command and health
    check): yields its URL once healthy, stops it afterwards."""
    port = free_port()
    proc = start_streamlit(port, {**os.environ, "CAMPAIGN_DB": str(db)}, log)
    try:
        wait_healthy(port, proc, log)
        yield local_url(port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], str]]:
    """serve(db) -> the URL of the dashboard over `db`, started on first use and stopped after the session."""
    urls: dict[Path, str] = {}
    with ExitStack() as servers:

        def url_for(db: Path) -> str:
            if db not in urls:
                log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
                urls[db] = servers.enter_context(streamlit_server(db, log))
            return urls[db]

        yield url_for


@pytest.fixture(scope="session")
def dashboard_url(serve: Callable[[Path], str], fixture_db: Path) -> str:
    explicit = os.environ.get("BROWSER_TEST_DB")
    return serve(Path(explicit) if explicit else fixture_db)


@pytest.fixture(scope="session")
def secretariat_url(serve: Callable[[Path], str], secretariat_db: Path) -> str:
    return serve(secretariat_db)


@pytest.fixture(scope="session")
def activities_url(serve: Callable[[Path], str], activities_db: Path) -> str:
    return serve(activities_db)


@pytest.fixture(scope="session")
def coverage_url(serve: Callable[[Path], str], coverage_db: Path) -> str:
    """The fixture database with provinces that reported in one year only (tests/fixture_db_coverage.py)."""
    return serve(coverage_db)
