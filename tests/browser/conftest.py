"""Browser-test fixtures: the dashboard served by `streamlit run` on a free port over the fixture
database, and Debian's headless Chromium driven by Playwright. Reusable by every page's tests:

    def test_x(dashboard_url, page): page.goto(f"{dashboard_url}/overview") ...
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.app.fixture_db import make_fixture_db  # noqa: E402
from tests.waiting import wait_until  # noqa: E402

SCREENSHOTS = ROOT / "test-output" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database the served dashboard reads (override with BROWSER_TEST_DB to use a real build)."""
    explicit = os.environ.get("BROWSER_TEST_DB")
    if explicit:
        return Path(explicit)
    return make_fixture_db(tmp_path_factory.mktemp("browser") / "campaigns.duckdb")


@pytest.fixture(scope="session")
def dashboard_url(browser_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "CAMPAIGN_DB": str(browser_db)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard" / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
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
def chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("chromium not installed (scripts/install_system_deps.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(
        viewport={"width": 1440, "height": 1700}, accept_downloads=True, locale="zh-CN"
    )
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def wait_for_app(pg, text: str | None = None) -> None:
    """Wait until the script run has finished (and `text` is on the page, when given).

    Streamlit marks the app root with data-test-script-state; after a click the rerun may not have
    started yet, so give it a moment before waiting for "notRunning".
    """
    pg.wait_for_selector('[data-testid="stApp"]')
    pg.wait_for_timeout(400)
    pg.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    if text:
        pg.get_by_text(text, exact=False).first.wait_for()
    pg.wait_for_timeout(300)


def assert_no_exception(pg) -> None:
    assert pg.locator('[data-testid="stException"]').count() == 0, pg.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


def screenshot(pg, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path
