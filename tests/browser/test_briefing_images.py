"""The briefing's chart pictures (dashboard/present/briefing/images.py) survive a browser that stalls or
dies: the attempt is abandoned, its Chromium ended, and a new browser draws the charts. CI once lost a
briefing's pictures to a Kaleido start that never finished (its load event was missed)."""

from __future__ import annotations

import asyncio
import shutil

import kaleido
import plotly.graph_objects as go
import pytest

from dashboard.present.briefing import images
from dashboard.present.briefing.content import Chart
from dashboard.present.slides import slide
from tests.waiting import wait_until

pytestmark = pytest.mark.browser

GONE_WITHIN = 30.0  # s: a closed browser's process has exited by then (polled)


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    if not shutil.which("chromium"):
        pytest.skip("chromium not installed (scripts/install_system_deps.sh installs it)")


def _charts() -> tuple[Chart, ...]:
    fig = go.Figure(go.Bar(x=["四川省", "河南省"], y=[3, 5]))
    return (Chart(slide("排名", 2024, "受益人次", "科协系统", "zh", {}), fig),)


def _wait_exited(proc) -> None:
    wait_until(lambda: proc.poll() is not None, GONE_WITHIN, "the browser process to exit")


def test_a_start_that_stalls_is_abandoned_and_a_new_browser_draws(monkeypatch, caplog) -> None:
    starts: list[kaleido.Kaleido] = []
    real_open = kaleido.Kaleido.open

    async def stalls_the_first_time(self: kaleido.Kaleido) -> None:
        starts.append(self)
        await real_open(self)
        if len(starts) == 1:
            await asyncio.Event().wait()  # the load event that never comes

    monkeypatch.setattr(kaleido.Kaleido, "open", stalls_the_first_time)
    # the stalled start is given up after 10 s (a real start takes 1-4 s here, loaded); the second one
    # has all the time a slow machine needs
    monkeypatch.setattr(images, "START_SECONDS", (10.0, 120.0))
    browser = images._Browser()
    try:
        pictures = browser.draw(_charts())
    finally:
        browser.close()
    assert len(pictures) == 1 and pictures[0].png.startswith(b"\x89PNG")
    assert len(starts) == 2
    launched = getattr(starts[0], "subprocess", None)  # None only if its start was slower than 10 s
    if launched is not None:
        _wait_exited(launched)  # the stalled start's Chromium is not left running
    assert "attempt 1 of 2" in caplog.text and "did not start within 10 s" in caplog.text


def test_a_browser_that_died_since_the_last_briefing_is_replaced(monkeypatch) -> None:
    browser = images._Browser()
    try:
        assert len(browser.draw(_charts())) == 1
        first = browser._k
        first.subprocess.kill()  # e.g. ended by the out-of-memory killer while the page sat idle
        _wait_exited(first.subprocess)
        assert len(browser.draw(_charts())) == 1
        assert browser._k is not first
    finally:
        browser.close()


def test_two_failed_attempts_make_the_briefing_without_pictures(monkeypatch) -> None:
    async def fails(self: kaleido.Kaleido) -> None:
        raise RuntimeError("the browser exited at once")

    monkeypatch.setattr(kaleido.Kaleido, "open", fails)
    browser = images._Browser()
    with pytest.raises(images.ImagesUnavailable, match="exited at once"):
        browser.draw(_charts())
    assert browser._k is None
