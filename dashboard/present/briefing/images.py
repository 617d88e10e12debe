"""A briefing's charts as PNG images, drawn offline by Kaleido in the local Chromium.

Offline on purpose: Kaleido's page loads plotly.js from the installed plotly package (its default when
plotly is installed), MathJax is switched off (its default is a CDN), and the map gets the same empty
base topology as on screen (map.STUB_TOPOJSON_URL), so the browser fetches nothing. Kaleido never downloads
a browser by itself (only kaleido.get_chrome does, which is never called): without Chromium/Chrome the
briefing is made without pictures and says so (`ImagesUnavailable`).

Starting the browser is the largest single cost of a briefing (~3.5 s of ~8 s on an idle 2-core machine),
so the first briefing starts one and later ones reuse it: one headless Chromium per dashboard process, on
its own event loop thread, used by one briefing at a time, closed at exit, and started afresh after a failure.

A failed or stalled attempt is tried once more with a new browser, and the reason goes to the server's log.
Kaleido 1.5's start can wait for ever: it enables page events only after navigating, so a load that ends
in between is never reported (2 starts in ~310 on a loaded 2-core machine hung there, in `navigate`'s
`await page_ready`; CI lost a briefing's pictures to it). A browser kept open since the last briefing may
also have died meanwhile.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import kaleido
from choreographer.errors import ChromeNotFoundError

from dashboard.present.briefing.content import Chart
from dashboard.present.map import STUB_TOPOJSON_URL
from dashboard.present.slides import SCALE, framed

WIDTH = 1000  # CSS px of a chart in the documents; the PNG is SCALE times that
# per attempt: the browser must be up by then (1-4 s here, loaded); the second attempt waits longer in
# case the machine, not Kaleido, was slow
START_SECONDS = (30.0, 60.0)
DRAW_SECONDS = 120  # all charts of one briefing

log = logging.getLogger(__name__)


class ImagesUnavailable(RuntimeError):
    """No browser to draw the charts with (`missing`: Chromium or Chrome is not installed), or it failed
    twice (the reason is in the server log)."""

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        super().__init__(reason)
        self.missing = missing


@dataclass(frozen=True)
class Picture:
    chart: Chart
    png: bytes
    width: int  # pixels of the PNG
    height: int


def _with_room(fig: dict) -> dict:
    """Every axis makes room for its tick labels and title: on screen Streamlit's theme pads the chart,
    drawn here without it a tight margin (the trend panels' l=10) cut the value labels."""
    layout = fig["layout"]
    for name in list(layout):
        if name.startswith(("xaxis", "yaxis")):
            layout[name] = {**layout[name], "automargin": True}
    return fig


class _Browser:
    """One Kaleido (one Chromium) kept open on a background event loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._k: kaleido.Kaleido | None = None

    def _run(self, coro: Coroutine[Any, Any, Any], seconds: float, what: str) -> Any:
        assert self._loop is not None
        done = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return done.result(timeout=seconds)
        except concurrent.futures.TimeoutError:
            done.cancel()  # the stalled step stops waiting; close() then ends its browser
            raise TimeoutError(f"the browser did not {what} within {seconds:.0f} s") from None

    def _start(self, seconds: float) -> None:
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="briefing-chromium", daemon=True).start()

        async def make() -> kaleido.Kaleido:  # created on the loop it will run on
            return kaleido.Kaleido(n=1, mathjax=False, timeout=60)

        # kept before it opens, so that a start that stalls can still be closed (its Chromium ended)
        self._k = self._run(make(), seconds, "start")
        self._run(self._k.open(), seconds, "start")

    def close(self) -> None:
        if self._k is not None and self._loop is not None:
            with contextlib.suppress(Exception):  # a browser that already died: nothing left to close
                self._run(self._k.close(), 15, "close")
            proc = getattr(self._k, "subprocess", None)  # there once the start launched Chromium
            if proc is not None and proc.poll() is None:  # a close that stalled too: no browser left behind
                proc.kill()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._k = self._loop = None

    async def _draw(self, charts: tuple[Chart, ...]) -> list[Picture]:
        assert self._k is not None
        out = []
        for chart in charts:
            fig = _with_room(framed(chart.figure, chart.slide))
            height = int(fig["layout"].get("height") or 450)
            opts = {"format": "png", "width": WIDTH, "height": height, "scale": SCALE}
            png = await self._k.calc_fig(fig, opts=opts, topojson=STUB_TOPOJSON_URL)
            out.append(Picture(chart, png, WIDTH * SCALE, height * SCALE))
        return out

    def draw(self, charts: tuple[Chart, ...]) -> list[Picture]:
        with self._lock:
            for attempt, start_seconds in enumerate(START_SECONDS, 1):
                try:
                    if self._k is None:
                        self._start(start_seconds)
                    return self._run(self._draw(charts), DRAW_SECONDS, "draw the charts")
                except (ChromeNotFoundError, FileNotFoundError) as e:  # nothing to start: no retry
                    self.close()
                    raise ImagesUnavailable(str(e), missing=True) from e
                except Exception as e:  # crashed, stalled or failed to start: a new browser
                    self.close()
                    failed, reason = e, f"{type(e).__name__}: {e}"
                    log.warning("briefing charts, attempt %d of %d: %s", attempt, len(START_SECONDS), reason)
            raise ImagesUnavailable(reason) from failed  # every attempt failed


_BROWSER = _Browser()
atexit.register(_BROWSER.close)


def draw(charts: tuple[Chart, ...]) -> list[Picture]:
    """Every chart as a 2x PNG with its title and source line."""
    return _BROWSER.draw(charts) if charts else []
