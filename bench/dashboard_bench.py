"""Dashboard speed and memory on a built database.

    .venv/bin/python -m bench.dashboard_bench --db data/campaigns.duckdb [--out bench/results/dash.json]

- script run per page (server side, streamlit.testing.v1.AppTest): cold = with st.cache_data emptied
  (a first visitor after a rebuild; modules already imported, as in a running server), warm = the
  next visitor (cache filled, fresh session), median of several runs;
- the first script run of a fresh process (imports included) is reported on its own;
- time to a fully drawn page in headless Chromium against `streamlit run`: from navigation until the
  script has finished, no skeleton is left and every Plotly chart has drawn its SVG; median of five
  first visits (new browser profile each) and of five returning visits (same profile), with the
  Streamlit messages' size, the time to the first and last message and the JavaScript fetched, beside
  the same for a page with a title only (Streamlit's own floor, bench/empty_app.py);
- the dashboard server's peak RSS (VmHWM) after every page was opened, and per page load: the peak is
  reset before each load (/proc/PID/clear_refs), so each load's own peak and the RSS after it are
  recorded; the server's peak is the highest of them (and of its start).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from deploy.processes import free_port, healthy, local_url

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard" / "app.py")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WARM_RUNS = 5

# A page is drawn when its script has finished, nothing is loading and every chart has its SVG.
DRAWN_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.every(c => c.querySelector('.main-svg'));
}"""


def page_names() -> list[str]:
    """The pages in navigation order, read from dashboard/app.py's PAGES (importing it runs the app)."""
    return re.findall(r'PageSpec\("(\w+)"', Path(APP).read_text(encoding="utf-8"))


def script_runs(db: Path) -> dict:
    """Per page: the script run as the server does it (ScriptRunner._run_script, timed inside), and the
    whole AppTest round trip beside it; the process's first run, then cold and warm per page."""
    os.environ["CAMPAIGN_DB"] = str(db)
    os.environ["CAMPAIGN_UPLOAD"] = "1"  # the upload page is off by default; measure it too
    import streamlit as st
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    durations: list[float] = []
    original = script_runner.ScriptRunner._run_script

    def timed(self: object, rerun_data: object) -> None:
        start = time.perf_counter()
        try:
            original(self, rerun_data)
        finally:
            durations.append(time.perf_counter() - start)

    script_runner.ScriptRunner._run_script = timed

    def run(page: str) -> tuple[float, float]:
        at = AppTest.from_file(APP, default_timeout=300)
        at.switch_page(f"app_pages/{page}.py")
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
        return durations[-1], seconds

    pages = page_names()
    first, _ = run(pages[0])  # imports, reference data, first queries
    out = {"first_run_of_process_s": round(first, 3), "pages": {}}
    for page in pages:
        st.cache_data.clear()
        st.cache_resource.clear()
        cold, cold_at = run(page)
        warm = [run(page) for _ in range(WARM_RUNS)]
        out["pages"][page] = {
            "cold_ms": round(cold * 1000),
            "warm_ms": round(statistics.median(w[0] for w in warm) * 1000),
            "apptest_cold_ms": round(cold_at * 1000),
            "apptest_warm_ms": round(statistics.median(w[1] for w in warm) * 1000),
        }
        print(page, out["pages"][page], flush=True)
    return out


def _serve(db: Path, port: int, app: str = APP) -> subprocess.Popen:
    root = str(Path(app).parent.parent)  # the checkout the app belongs to imports its own package
    env = {**os.environ, "CAMPAIGN_DB": str(db), "CAMPAIGN_UPLOAD": "1", "PYTHONPATH": root}
    cmd = [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port), "--server.address",
           "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=Path(app).parent.parent, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(240):
        if healthy(local_url(port), timeout=1):
            return proc
        time.sleep(0.25)
    proc.kill()
    raise RuntimeError("streamlit did not start")


def _rss_mb(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"server_peak_rss_mb": fields.get("VmHWM"), "server_rss_mb": fields.get("VmRSS")}


def _reset_peak(pid: int) -> None:
    """Start VmHWM again from the current RSS (Linux: "5" > clear_refs), so the next reading is the peak
    of what ran in between."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


class _Visit:
    """One page load watched through the DevTools protocol: the Streamlit messages (websocket frames,
    base64 for binary ones, so counted as 3/4 of their text) and the bytes of JavaScript fetched."""

    def __init__(self, context: object, pg: object, server_pid: int | None = None) -> None:
        self.server_pid = server_pid  # given: the server's peak RSS during each load, and its RSS after
        cdp = context.new_cdp_session(pg)
        cdp.send("Network.enable")
        self.start = time.perf_counter()
        self.frames: list[tuple[float, int]] = []
        self.js_bytes = 0
        self._js: set[str] = set()
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)

    def _frame(self, e: dict) -> None:
        data = e["response"]["payloadData"]
        size = len(data) * 3 // 4 if e["response"].get("opcode") == 2 else len(data)
        self.frames.append((time.perf_counter() - self.start, size))

    def _response(self, e: dict) -> None:
        if e["response"]["url"].endswith(".js"):
            self._js.add(e["requestId"])

    def _finished(self, e: dict) -> None:
        if e["requestId"] in self._js:
            self.js_bytes += int(e["encodedDataLength"])

    def load(self, pg: object, url: str) -> dict:
        self.frames.clear()
        self.js_bytes = 0
        if self.server_pid:
            _reset_peak(self.server_pid)
        self.start = time.perf_counter()
        pg.goto(url)
        pg.wait_for_function(DRAWN_JS, timeout=120_000, polling=50)
        drawn = time.perf_counter() - self.start
        sizes = [size for _, size in self.frames]
        server = _rss_mb(self.server_pid) if self.server_pid else {}
        return server | {
            "drawn_ms": round(drawn * 1000),
            "first_message_ms": round(self.frames[0][0] * 1000) if self.frames else None,
            "last_message_ms": round(self.frames[-1][0] * 1000) if self.frames else None,
            "messages_kb": round(sum(sizes) / 1024, 1),
            "largest_message_kb": round(max(sizes, default=0) / 1024, 1),
            "js_fetched_kb": round(self.js_bytes / 1024),
        }


SERVER_KEYS = ("server_peak_rss_mb", "server_rss_mb")


def _median(visits: list[dict]) -> dict:
    return {k: statistics.median(v[k] for v in visits) for k in visits[0]
            if visits[0][k] is not None and k not in SERVER_KEYS}  # fmt: skip


def _page_visits(browser: object, url: str, runs: int, server_pid: int | None = None) -> dict:
    """First visit: a new browser profile each time (empty cache), median of `runs`; returning visitor:
    the same profile opening the page again, median of `runs`. With `server_pid`: the server's peak RSS
    during each load and its RSS after, in the order of the loads."""
    first, again, loads = [], [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
        pg = context.new_page()
        visit = _Visit(context, pg, server_pid)
        first.append(visit.load(pg, url))
        loads.append(("first", first[-1]))
        if not again:
            for _ in range(runs):
                again.append(visit.load(pg, url))
                loads.append(("returning", again[-1]))
        context.close()
    out = {"first_visit": _median(first), "returning": _median(again),
           "drawn_first_visit_runs_ms": [v["drawn_ms"] for v in first],
           "drawn_returning_runs_ms": [v["drawn_ms"] for v in again]}  # fmt: skip
    if server_pid:
        out["server_peak_rss_mb"] = max(v["server_peak_rss_mb"] for _, v in loads)
        out["server_rss_mb"] = loads[-1][1]["server_rss_mb"]
        out["server_rss_runs_mb"] = [
            {"visit": kind, "peak": v["server_peak_rss_mb"], "after": v["server_rss_mb"]} for kind, v in loads
        ]
    return out


def browser_runs(db: Path, port: int = 0, runs: int = 5, pages: list[str] | None = None,
                 app: str = APP) -> dict:  # fmt: skip
    """Every page drawn in Chromium, and beside them Streamlit's own floor: a page with a title only
    (bench/empty_app.py), which is the front end booting before any script of ours matters."""
    from playwright.sync_api import sync_playwright

    out: dict = {"pages": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        floor_port = free_port()  # not a fixed port: other checkouts' benchmarks share the machine
        floor = _serve(db, floor_port, str(ROOT / "bench" / "empty_app.py"))
        try:
            out["empty_page"] = _page_visits(browser, f"http://127.0.0.1:{floor_port}/", runs)
            print("empty page", out["empty_page"], flush=True)
        finally:
            floor.terminate()
            floor.wait(timeout=20)
        port = port or free_port()
        proc = _serve(db, port, app)
        try:
            started = _rss_mb(proc.pid)
            out["server_started_rss_mb"] = started["server_rss_mb"]
            for page in pages or page_names():
                out["pages"][page] = _page_visits(browser, f"http://127.0.0.1:{port}/{page}", runs, proc.pid)
                print(page, out["pages"][page], flush=True)
            # the peak was reset before each load: the server's is the highest load's, or its start's
            peaks = [started["server_peak_rss_mb"], *(p["server_peak_rss_mb"] for p in out["pages"].values())]
            out |= {"server_peak_rss_mb": max(peaks), "server_rss_mb": _rss_mb(proc.pid)["server_rss_mb"]}
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--label", default="", help="what the database holds, e.g. 'scale 4, 11384 workbooks'")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--browser-only", action="store_true", help="skip the AppTest script runs")
    ap.add_argument("--runs", type=int, default=5, help="page loads per median in the browser")
    ap.add_argument("--pages", nargs="*", help="only these pages in the browser (default: all)")
    ap.add_argument("--app", default=APP, help="another checkout's dashboard/app.py (a before/after pair)")
    ap.add_argument("--out", default=str(ROOT / "bench/results/dashboard.json"))
    args = ap.parse_args()
    # AppTest in a child process, so its imports and caches do not inflate the browser run's numbers
    result: dict = {"db": args.label or str(args.db), "load_average": os.getloadavg()}
    if not args.browser_only:
        result["script"] = _in_child(args.db)
    if not args.no_browser:
        result["browser"] = browser_runs(args.db, runs=args.runs, pages=args.pages, app=args.app)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(report(result))


# issue 16: each page drawn (median of --runs) for a returning visitor and on a first visit; the server's RSS
DRAWN_TARGETS_MS = {"returning": 1500, "first_visit": 3000}
RSS_TARGET_MB = 400


def report(result: dict) -> str:
    """The run as `make bench` prints it: per page the drawn medians against issue 16's targets, Streamlit's
    own floor (an empty page) beside them, and the server's peak RSS; met or MISSED on each."""
    lines = [f"Dashboard, {result['db']}, load average {result['load_average'][0]:.1f}"]
    for page, ms in result.get("script", {}).get("pages", {}).items():
        lines.append(f"  script run {page:<12} cold {ms['cold_ms']:>5} ms   warm {ms['warm_ms']:>4} ms")
    browser = result.get("browser")
    if browser:
        floor = browser.get("empty_page", {})
        lines.append("  drawn in Chromium (median ms)   returning (<= 1500)   first visit (<= 3000)")
        for page, visits in [("(empty page)", floor), *browser["pages"].items()]:
            cells = []
            for kind, bound in DRAWN_TARGETS_MS.items():
                drawn = visits.get(kind, {}).get("drawn_ms")
                verdict = "" if page == "(empty page)" or drawn is None else ("met" if drawn <= bound else "MISSED")
                cells.append(f"{drawn if drawn is not None else '-':>8} {verdict:<8}")
            lines.append(f"  {page:<30} {cells[0]}      {cells[1]}")
        lines.append("  server RSS per page (MB)   peak during its loads   after its last load")
        for page, visits in browser["pages"].items():
            if "server_peak_rss_mb" in visits:
                lines.append(f"  {page:<30} {visits['server_peak_rss_mb']:>8.0f} {visits['server_rss_mb']:>16.0f}")
        rss = browser.get("server_peak_rss_mb")
        if rss is not None:
            lines.append(f"  server peak RSS {rss:,.0f} MB (<= {RSS_TARGET_MB}) {'met' if rss <= RSS_TARGET_MB else 'MISSED'}")
    return "\n".join(lines)


def _in_child(db: Path) -> dict:
    code = "import json, sys; from bench.dashboard_bench import script_runs; " \
           "print('RESULT' + json.dumps(script_runs(__import__('pathlib').Path(sys.argv[1]))))"  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code, str(db)], cwd=ROOT, check=True, capture_output=True,
                         text=True)  # fmt: skip
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT"))
    return json.loads(line[len("RESULT") :])


if __name__ == "__main__":
    main()
