"""The simulated viewers of the load test (bench/load.py): one speaks Streamlit's own websocket protocol,
the other is a real headless Chromium tab.

`ProtocolViewer` does what the browser's front end does, with the protobufs from `streamlit.proto`: it
opens `/_stcore/stream`, sends a `BackMsg.rerun_script` (a `ClientState` with the page and the widget
states), reads `ForwardMsg`s until `script_finished`, and learns each widget's id and options from the
deltas, so a filter change is the same widget state the browser would send. The time of a script run is
from the rerun request to the `script_finished` message.

`BrowserViewer` opens pages in Chromium (Playwright) and times the page drawn: from navigation until the
script has finished, no skeleton is left and every chart has its SVG (bench/dashboard_bench.py's test).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.dashboard_bench import DRAWN_JS

# The pages a viewer opens (upload is off by default and has no data to show).
PAGES = ["overview", "compare", "activities", "submissions", "notices", "quality", "explore"]
STEP_TIMEOUT_S = 120.0  # a script run or a page drawn slower than this counts as an error (a hung viewer)
FILTER_KEYS = ("w_years_zh", "w_area_zh", "w_metric_zh")  # the sidebar's widgets, by their key (zh)


@dataclass
class Tally:
    """What every viewer of one phase saw: timings in seconds and errors by kind (with a few examples)."""

    script_s: list[float] = field(default_factory=list)
    drawn_s: list[float] = field(default_factory=list)
    first_drawn_s: list[float] = field(default_factory=list)  # a tab's first page: cold browser cache
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    browser_runs: int = 0  # pages Chromium asked for: each is a script run on the server too

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        if len(self.examples) < 20:
            self.examples.append(f"{kind}: {detail[:300]}")


@dataclass
class Widget:
    id: str
    kind: str  # the element type: multiselect, selectbox, radio, ...
    options: list[str]


class ProtocolViewer:
    """One browser tab, spoken as protobufs over the websocket."""

    def __init__(self, url: str, tally: Tally, rng: random.Random) -> None:
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.tally = tally
        self.rng = rng
        self.ws: websockets.ClientConnection | None = None
        self.widgets: dict[str, Widget] = {}  # user key -> widget
        self.states: dict[str, WidgetState] = {}  # widget id -> the state this tab sends back
        self.page_hashes: dict[str, str] = {}  # url path -> page_script_hash
        self.page_hash = ""

    async def connect(self) -> None:
        # "streamlit" is the subprotocol the front end asks for; no XSRF token (none is needed to connect)
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=STEP_TIMEOUT_S, ping_interval=None)  # fmt: skip

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def open_page(self, page: str) -> None:
        """A page opened from its address (a new tab) or from the menu (a known page hash)."""
        msg = BackMsg()
        msg.rerun_script.page_name = "" if page == "overview" else page
        msg.rerun_script.page_script_hash = self.page_hashes.get(msg.rerun_script.page_name, "")
        self._sidebar_states(msg)
        await self._rerun(msg, f"open {page}")

    async def change_filter(self) -> None:
        """One sidebar filter set to another value, as a click in the browser sends it."""
        key = self.rng.choice([k for k in FILTER_KEYS if k in self.widgets] or [""])
        if not key:
            self.tally.error("no sidebar", "the filters were not drawn")
            return
        w = self.widgets[key]
        state = WidgetState(id=w.id)
        if w.kind == "multiselect":
            picked = self.rng.sample(w.options, k=self.rng.randint(0, min(3, len(w.options))))
            state.string_array_value.data.extend(picked)
        else:
            state.string_value = self.rng.choice(w.options)
        self.states[w.id] = state
        msg = BackMsg()
        msg.rerun_script.page_script_hash = self.page_hash
        self._sidebar_states(msg)
        await self._rerun(msg, f"filter {key}")

    def _sidebar_states(self, msg: BackMsg) -> None:
        sidebar_ids = {w.id for k, w in self.widgets.items() if k in FILTER_KEYS}
        msg.rerun_script.widget_states.widgets.extend(s for i, s in self.states.items() if i in sidebar_ids)

    async def _rerun(self, msg: BackMsg, what: str) -> None:
        assert self.ws is not None
        start = time.perf_counter()
        try:
            await self.ws.send(msg.SerializeToString())
            finished = await asyncio.wait_for(self._until_finished(what), STEP_TIMEOUT_S)
        except TimeoutError:
            self.tally.error("timeout", f"{what}: no script_finished within {STEP_TIMEOUT_S:.0f} s")
            return
        except websockets.ConnectionClosed as exc:
            self.tally.error("dropped connection", f"{what}: {exc}")
            raise
        if finished:
            self.tally.script_s.append(time.perf_counter() - start)

    async def _until_finished(self, what: str) -> bool:
        """Read messages until the run ends; True when it ran to its end (not interrupted)."""
        assert self.ws is not None
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self._element(fm.delta.new_element, what)
            elif kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash
            elif kind == "navigation":
                self.page_hashes = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
                self.page_hash = fm.navigation.page_script_hash or self.page_hash
            elif kind == "page_not_found":
                self.tally.error("page not found", what)
            elif kind == "script_finished":
                status = fm.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.tally.error("script error", f"{what}: compile error")
                return status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)

    def _element(self, el: object, what: str) -> None:
        kind = el.WhichOneof("type")
        if kind == "exception":  # st.exception or an uncaught exception: the viewer sees a traceback box
            self.tally.error("exception shown", f"{what}: {el.exception.type}: {el.exception.message}")
            return
        body = getattr(el, kind)
        widget_id = getattr(body, "id", "") if kind in ("multiselect", "selectbox", "radio") else ""
        if widget_id:
            key = widget_id.rsplit("-", 1)[-1]
            self.widgets[key] = Widget(widget_id, kind, list(body.options))


async def protocol_viewer(
    url: str, tally: Tally, seed: int, until: float, think: tuple[float, float]
) -> None:
    """A viewer who opens a page, then changes a filter or moves to another page every few seconds."""
    rng = random.Random(seed)
    viewer = ProtocolViewer(url, tally, rng)
    try:
        await viewer.connect()
        await viewer.open_page(rng.choice(PAGES))
        while time.monotonic() + think[0] < until:
            await asyncio.sleep(rng.uniform(*think))
            if rng.random() < 0.6:
                await viewer.change_filter()
            else:
                await viewer.open_page(rng.choice(PAGES))
    except websockets.ConnectionClosed:
        pass  # counted where it happened
    except (OSError, TimeoutError) as exc:
        tally.error("connect failed", repr(exc))
    finally:
        await viewer.close()


async def browser_viewer(browser: object, url: str, tally: Tally, seed: int, until: float,
                         think: tuple[float, float]) -> None:  # fmt: skip
    """A visitor in Chromium: opens pages (some with filters in the link) and waits until each is drawn.
    The first page (Streamlit's bundles not yet in the browser's cache) is counted apart."""
    rng = random.Random(seed)
    context = await browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = await context.new_page()
    links = ["", "?years=2024", "?area=华东", "?years=2023&years=2024&level=province"]
    first = True
    try:
        while time.monotonic() < until:
            target = f"{url}/{rng.choice(PAGES)}{rng.choice(links)}"
            start = time.perf_counter()
            tally.browser_runs += 1
            try:
                await page.goto(target, timeout=STEP_TIMEOUT_S * 1000)
                await page.wait_for_function(DRAWN_JS, timeout=STEP_TIMEOUT_S * 1000, polling=50)
            except Exception as exc:  # noqa: BLE001 - Playwright's timeouts and navigation errors alike
                tally.error("page not drawn", f"{target}: {exc!r}")
                continue
            (tally.first_drawn_s if first else tally.drawn_s).append(time.perf_counter() - start)
            first = False
            shown = page.locator('[data-testid="stException"]')
            if await shown.count():
                tally.error("exception shown", f"{target}: {await shown.first.inner_text()}")
            await asyncio.sleep(rng.uniform(*think))
    finally:
        await context.close()
