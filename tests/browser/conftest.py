"""Browser-test fixtures: the dashboard served by `streamlit run` on a free port (and Debian's headless
Chromium driven by Playwright, in tests/browser/chromium.py). Reusable by every page's tests:

    def test_x(dashboard_url, page): page.goto(f"{dashboard_url}/overview") ...

`dashboard_url` serves the base fixture database (or BROWSER_TEST_DB, to look at a real build);
`secretariat_url`, `activities_url` and `coverage_url` serve it with a layer (tests/fixture_db.py). Each database is
served once per session, by `serve`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from etl.paths import APP_FILE, ROOT
from tests.waiting import wait_until


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    def healthy() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        wait_until(healthy, 60, "streamlit's health check", every=0.25)  # 60 s: a slow CI machine
    except TimeoutError:
        raise RuntimeError(f"streamlit did not become healthy:\n{log.read_text(errors='replace')}") from None


@contextmanager
def streamlit_server(db: Path, log: Path) -> Iterator[str]:
    """`streamlit run dashboard/app.py` over `db`: yields its URL once healthy, stops it afterwards."""
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP_FILE), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    with log.open("w") as fh:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, "CAMPAIGN_DB": str(db)}, stdout=fh, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
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
