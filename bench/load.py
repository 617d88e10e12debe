"""Load test: N viewers on one dashboard process while the database is rebuilt every few seconds.

    .venv/bin/python -m bench.load --viewers 10 30 100 [--duration 60] [--browsers 2]

Run on demand, never in CI. For each N it starts its own `streamlit run dashboard/app.py` over a copy of
the database (`--db`, default /work/bench-data/b4.duckdb, else bench/work/b4.duckdb), opens every page
once (a server that has been up a while), then runs N viewers for `--duration` seconds: N - B speak
Streamlit's websocket protocol (bench/load_viewers.py), B are headless Chromium tabs. Each viewer opens a
page, then every `--think` seconds changes a sidebar filter or opens another page. Meanwhile
`python -m etl build --force` rebuilds the served database from `--submissions` (parsed-file cache warmed
first, so a build is a few seconds) and swaps it in, then waits `--rebuild-gap` seconds and builds again.

Reported per N: errors (exceptions shown to a viewer, dropped connections, script errors, timeouts, pages
not drawn, failed builds), p50/p95 of the script run (rerun request -> script_finished) and of the page
drawn (Chromium), the server's peak RSS and RSS growth per viewer, its CPU (percent of one core), the
number of rebuilds, and the load average. Written to bench/results/load.json and printed as a table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from bench.load_viewers import PAGES, ProtocolViewer, Tally, browser_viewer, protocol_viewer
from deploy.processes import free_port, local_url, start_streamlit, wait_healthy
from etl.paths import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHARED_DB = Path("/work/bench-data/b4.duckdb")
SHARED_SUB = Path("/work/bench-data/sub4")


class Server:
    """`streamlit run dashboard/app.py` over `db` on a free port, sampled by psutil every half second."""

    def __init__(self, db: Path, log: Path) -> None:
        self.port = free_port()
        self.url = local_url(self.port)
        env = {**os.environ, "CAMPAIGN_DB": str(db), "PYTHONPATH": str(ROOT)}
        self.proc = start_streamlit(self.port, env, log)  # the command deploy/ runs in production
        self.samples: list[tuple[float, float, float]] = []  # (time, rss MB, cpu % of one core)
        self._stop = threading.Event()
        wait_healthy(self.port, self.proc, log, timeout=120)
        self.ps = psutil.Process(self.proc.pid)
        self.ps.cpu_percent()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            try:
                self.samples.append(
                    (time.monotonic(), self.ps.memory_info().rss / 2**20, self.ps.cpu_percent())
                )
            except psutil.Error:
                return

    def rss_mb(self) -> float:
        return self.ps.memory_info().rss / 2**20

    def stop(self) -> None:
        self._stop.set()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Rebuilder(threading.Thread):
    """`python -m etl build --force` into the served path, again `gap` seconds after each build ends."""

    def __init__(self, db: Path, submissions: Path, cache: Path, gap: float) -> None:
        super().__init__(daemon=True)
        self.cmd = [sys.executable, "-m", "etl", "build", "--submissions", str(submissions),
                    "--notices", str(ROOT / "data" / "notices"), "--db", str(db), "--force"]  # fmt: skip
        self.env = {**os.environ, "CAMPAIGN_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
        self.gap = gap
        self.stopping = threading.Event()
        self.builds: list[float] = []
        self.failures: list[str] = []

    def build_once(self) -> None:
        start = time.perf_counter()
        done = subprocess.run(self.cmd, cwd=ROOT, env=self.env, capture_output=True, text=True)
        if done.returncode:
            self.failures.append(done.stderr[-500:])
        else:
            self.builds.append(time.perf_counter() - start)

    def run(self) -> None:
        while not self.stopping.is_set():
            self.build_once()
            self.stopping.wait(self.gap)


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


async def _warm(url: str, tally: Tally) -> None:
    """Every page once, one after another: the server's imports and caches, as after a while in service."""
    import random

    viewer = ProtocolViewer(url, tally, random.Random(0))
    await viewer.connect()
    for page in PAGES:
        await viewer.open_page(page)
    await viewer.close()


async def _viewers(url: str, n: int, browsers: int, tally: Tally, args: argparse.Namespace) -> None:
    until = time.monotonic() + args.duration
    think = (args.think[0], args.think[1])
    probe_think = (args.probe_think[0], args.probe_think[1])
    tasks = []
    pw = browser = None
    if browsers:
        from playwright.async_api import async_playwright

        pw = await async_playwright().start()
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    try:
        for i in range(n):
            await asyncio.sleep(args.ramp / n)  # viewers arrive over the first `ramp` seconds
            if i < browsers:
                tasks.append(asyncio.create_task(browser_viewer(browser, url, tally, i, until, probe_think)))
            else:
                tasks.append(asyncio.create_task(protocol_viewer(url, tally, i, until, think)))
        await asyncio.gather(*tasks)
    finally:
        if browser is not None:
            await browser.close()
            await pw.stop()


def run_phase(n: int, args: argparse.Namespace, work: Path, cache: Path) -> dict:
    served = work / "served.duckdb"
    shutil.copyfile(args.db, served)
    browsers = min(args.browsers, n)
    load_before = os.getloadavg()
    server = Server(served, work / f"streamlit_{n}.log")
    try:
        warm = Tally()
        asyncio.run(_warm(server.url, warm))
        rss_warm = server.rss_mb()
        rebuilder = Rebuilder(served, args.submissions, cache, args.rebuild_gap)
        rebuilder.start()
        tally = Tally()
        me = psutil.Process()
        me.cpu_percent()
        cpu0 = sum(server.ps.cpu_times()[:2])
        t0 = time.monotonic()
        asyncio.run(_viewers(server.url, n, browsers, tally, args))
        wall = time.monotonic() - t0
        generator_cpu = me.cpu_percent()
        rebuilder.stopping.set()
        rebuilder.join()
        rss_end = server.rss_mb()
        server_cpu_s = sum(server.ps.cpu_times()[:2]) - cpu0
        during = [s for s in server.samples if s[0] >= t0]
    finally:
        server.stop()
    runs = len(tally.script_s) + tally.browser_runs
    for failure in rebuilder.failures:
        tally.error("build failed", failure)
    return {
        "viewers": n,
        "browsers": browsers,
        "duration_s": round(wall, 1),
        "errors": sum(tally.errors.values()),
        "errors_by_kind": dict(tally.errors),
        "error_examples": tally.examples,
        "warmup_errors": dict(warm.errors),
        "script_runs": len(tally.script_s),
        "script_p50_ms": _ms(_pct(tally.script_s, 50)),
        "script_p95_ms": _ms(_pct(tally.script_s, 95)),
        "pages_drawn": len(tally.drawn_s),
        "drawn_p50_ms": _ms(_pct(tally.drawn_s, 50)),
        "drawn_p95_ms": _ms(_pct(tally.drawn_s, 95)),
        "first_drawn_ms": [_ms(x) for x in tally.first_drawn_s],
        "rss_after_warmup_mb": round(rss_warm),
        "rss_peak_mb": round(max((s[1] for s in during), default=rss_end)),
        "rss_end_mb": round(rss_end),
        "rss_growth_per_viewer_mb": round((rss_end - rss_warm) / n, 2),
        "cpu_mean_pct": round(statistics.mean(s[2] for s in during), 1) if during else None,
        "cpu_max_pct": round(max(s[2] for s in during), 1) if during else None,
        "server_cpu_s": round(server_cpu_s, 1),
        # the server's CPU per script run (protocol reruns and browser page loads): what a run costs the
        # process whatever else the machine runs; its Python parts hold the GIL, so ~1 core is the ceiling
        "server_cpu_ms_per_run": round(server_cpu_s * 1000 / runs) if runs else None,
        "load_generator_cpu_pct": round(generator_cpu, 1),
        "rebuilds": len(rebuilder.builds),
        "rebuild_median_s": round(statistics.median(rebuilder.builds), 1) if rebuilder.builds else None,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds * 1000)


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())  # fmt: skip
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "when_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }


def table(result: dict) -> str:
    head = ("| viewers (browsers) | errors | script run p50 / p95 | page drawn p50 / p95 | peak RSS "
            "| RSS per viewer | server CPU mean / max | rebuilds | load avg |")  # fmt: skip
    rows = [head, "|" + "---|" * 9]
    for p in result["phases"]:
        rows.append(
            f"| {p['viewers']} ({p['browsers']}) | {p['errors']} | {p['script_p50_ms']} / {p['script_p95_ms']} ms "
            f"| {p['drawn_p50_ms']} / {p['drawn_p95_ms']} ms | {p['rss_peak_mb']} MB "
            f"| {p['rss_growth_per_viewer_mb']} MB | {p['cpu_mean_pct']} / {p['cpu_max_pct']} % "
            f"| {p['rebuilds']} | {p['loadavg_before'][0]} → {p['loadavg_after'][0]} |"
        )
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_db = SHARED_DB if SHARED_DB.exists() else ROOT / "bench" / "work" / "b4.duckdb"
    default_sub = SHARED_SUB if SHARED_SUB.exists() else ROOT / "bench" / "work" / "sub4"
    ap.add_argument("--viewers", type=int, nargs="+", default=[10, 30, 100])
    ap.add_argument("--browsers", type=int, default=2, help="how many of the N are Chromium tabs")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load per N")
    ap.add_argument("--ramp", type=float, default=5.0, help="seconds over which the N viewers arrive")
    ap.add_argument("--think", type=float, nargs=2, default=[5.0, 15.0], help="seconds between actions")
    ap.add_argument(
        "--probe-think",
        type=float,
        nargs=2,
        default=[1.0, 3.0],
        help="seconds between the Chromium viewers' pages (they are the page-drawn probes)",
    )
    ap.add_argument("--rebuild-gap", type=float, default=3.0, help="seconds between one build and the next")
    ap.add_argument("--db", type=Path, default=default_db)
    ap.add_argument("--submissions", type=Path, default=default_sub)
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "work" / "load")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "load.json")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    cache = args.work / "cache"
    result: dict = {"machine": machine(), "settings": {k: str(v) if isinstance(v, Path) else v
                                                     for k, v in vars(args).items()}, "phases": []}  # fmt: skip
    # One build first fills the parsed-file cache, so the builds under load take seconds, not minutes.
    warm_db = args.work / "cache-warm.duckdb"
    shutil.copyfile(args.db, warm_db)
    Rebuilder(warm_db, args.submissions, cache, 0).build_once()
    for n in args.viewers:
        phase = run_phase(n, args, args.work, cache)
        result["phases"].append(phase)
        print(json.dumps(phase, ensure_ascii=False), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(result))


if __name__ == "__main__":
    main()
