"""Two dashboard processes behind nginx (deploy/): a viewer is served through the proxy and stays on one
process (the route cookie); when that process is killed mid-session, the viewer reconnects to the other
one and sees the page again, without reloading it. One test, so the two processes start once (< 60 s on
a quiet machine)."""

from __future__ import annotations

import pytest

from deploy.serve import Cluster
from tests.browser.page_checks import (
    DRAWN_JS,
    WAIT_MS,
    assert_no_exception,
    open_page,
    screenshot,
    wait_for_app,
    wait_for_map,
)
from tests.waiting import wait_until

pytestmark = pytest.mark.browser


def route_port(page) -> int | None:
    """The process nginx's route cookie names for this browser (p8501 -> 8501)."""
    values = [c["value"] for c in page.context.cookies() if c["name"] == "campaign_route"]
    return int(values[0][1:]) if values and values[0].startswith("p") and values[0][1:].isdigit() else None


def smoke(page, url: str) -> None:
    """The overview, drawn in full through the proxy (as tests/browser/test_browser_overview.py checks it)."""
    page.set_default_timeout(WAIT_MS)
    open_page(page, f"{url}/", "核心指标")
    assert page.locator('[data-testid="stMetric"]').count() == 4
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .trace').length >= 5")
    assert_no_exception(page)


def test_viewer_reconnects_to_the_other_process_when_its_process_dies(cluster: Cluster, page) -> None:
    smoke(page, cluster.url)
    victim = route_port(page)
    assert victim in cluster.ports
    survivor = next(p for p in cluster.ports if p != victim)
    sticky = [line for line in cluster.access_log.read_text().splitlines() if "route=p" in line]
    # every request that carried the cookie (scripts, health, host-config) went to the process it names
    assert sticky and all(f"upstream=127.0.0.1:{victim} " in line for line in sticky), sticky

    # Streamlit's client notices, polls /_stcore/health through nginx (which fails over to the survivor
    # and moves the route cookie there) and opens a new websocket, routed by the cookie to the survivor.
    with page.expect_websocket(timeout=WAIT_MS):
        cluster.procs[victim].kill()  # SIGKILL mid-session: no goodbye to the browser
        cluster.procs[victim].wait()
    wait_until(lambda: route_port(page) == survivor, 10, "the route cookie to name the surviving process", every=0.1)
    log = cluster.access_log.read_text()
    assert '"GET /_stcore/stream HTTP/1.1" 101' in log and f"upstream=127.0.0.1:{victim}" in log
    assert f"upstream=127.0.0.1:{victim}, 127.0.0.1:{survivor}" in log  # a failed try, retried on the survivor
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')")

    # The page is there (Streamlit keeps it on reconnecting; no new run need come), and the session on the
    # survivor is live: the sidebar opens another page over it.
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]').getAttribute('data-test-connection-state')"
        " === 'CONNECTED'"
    )
    page.get_by_text("核心指标").first.wait_for()
    page.wait_for_function(DRAWN_JS)
    assert_no_exception(page)
    page.locator('[data-testid="stSidebarNav"] a[href$="/compare"]').first.click()
    wait_for_app(page)
    wait_for_map(page)
    assert page.url.endswith("/compare")
    assert_no_exception(page)
    assert cluster.procs[victim].poll() is not None and cluster.procs[survivor].poll() is None
    assert route_port(page) == survivor
    screenshot(page, "deploy_after_failover")
