"""The dashboard server's memory under repeated visits, broken down, and whether it levels off (issue 16, item 4).

    .venv/bin/python -m bench.dashboard_memory --db /work/bench-data/b4.duckdb [--profiles 6] [--rounds 4]

One `streamlit run` process; `--profiles` browser profiles (headless Chromium) kept open, each opening
every page once per round (every page load is a new Streamlit session; the one it leaves stays on the
server until `server.disconnectedSessionTTL`). After the server starts and after each round: the
process's RSS (VmRSS) and peak (VmHWM), and what Streamlit itself holds by its own count
(`/_stcore/metrics`: each st.cache_data / st.cache_resource cache, session state, media files); the rest
of the RSS is the interpreter with its imports, the live sessions, DuckDB and what the allocator keeps.
Plateau: the RSS after `rounds` rounds against the RSS after `rounds // 2`; a server whose memory grows
with visits climbs, one with bounded state levels off. Both are printed met / MISSED against 400 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
import urllib.request
from pathlib import Path

from bench.dashboard_bench import APP, CHROMIUM, DRAWN_JS, _rss_mb, _serve, page_names
from deploy.processes import free_port  # a fixed port met another checkout's server on a shared machine

ROOT = Path(__file__).resolve().parent.parent
RSS_TARGET_MB = 400
# "Levels off": the second half of the rounds may add at most this much (allocator noise, a new cache
# entry or two), where the sessions of the first measurement added ~15 MB per round.
PLATEAU_SLACK_MB = 15


def streamlit_held_mb(port: int) -> dict[str, float]:
    """Streamlit's own count of what it holds, MB per cache (`/_stcore/metrics`, cache_memory_bytes)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics", timeout=30) as r:
        text = r.read().decode()
    held: dict[str, float] = {}
    for kind, name, size in re.findall(
        r'cache_memory_bytes\{cache_type="([^"]*)",cache="([^"]*)"\} (\d+)', text
    ):
        key = f"{kind}:{name.rsplit('.', 1)[-1]}" if name else kind
        held[key] = round(held.get(key, 0) + int(size) / 2**20, 2)
    return held


def _sample(pid: int, port: int, label: str, visits: int, seconds: float) -> dict:
    rss = _rss_mb(pid)
    held = streamlit_held_mb(port)
    return {"after": label, "visits": visits, "seconds": round(seconds, 1), "rss_mb": rss["server_rss_mb"],
            "peak_rss_mb": rss["server_peak_rss_mb"], "streamlit_held_mb": held,
            "streamlit_held_total_mb": round(sum(held.values()), 1)}  # fmt: skip


def memory_runs(db: Path, port: int = 0, profiles: int = 6, rounds: int = 4, app: str = APP,
                idle: float = 0) -> dict:  # fmt: skip
    """Serve the dashboard, open every page from each profile `rounds` times, sample after each round;
    then, with `idle`, once more after the browser has closed and `idle` seconds have passed (what the
    sessions held is released once they expire)."""
    from playwright.sync_api import sync_playwright

    pages = page_names()
    port = port or free_port()
    start = time.perf_counter()
    proc = _serve(db, port, app)
    samples = [_sample(proc.pid, port, "server started", 0, 0.0)]
    visits = 0
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            tabs = []
            for _ in range(profiles):
                context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
                tabs.append(context.new_page())
            for round_ in range(1, rounds + 1):
                for page in pages:
                    for tab in tabs:
                        tab.goto(f"http://127.0.0.1:{port}/{page}")
                        tab.wait_for_function(DRAWN_JS, timeout=120_000, polling=100)
                        visits += 1
                samples.append(
                    _sample(proc.pid, port, f"round {round_}", visits, time.perf_counter() - start)
                )
                print(json.dumps(samples[-1], ensure_ascii=False), flush=True)
            browser.close()
        if idle:
            time.sleep(idle)  # not a race: the sessions' expiry is what this sample is about
            samples.append(_sample(proc.pid, port, f"idle {idle:.0f} s", visits, time.perf_counter() - start))
            print(json.dumps(samples[-1], ensure_ascii=False), flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    half, full = samples[max(1, rounds // 2)], samples[rounds]
    return {"profiles": profiles, "rounds": rounds, "pages": len(pages), "samples": samples,
            "plateau": {"half_visits": half["visits"], "half_rss_mb": half["rss_mb"],
                        "all_visits": full["visits"], "all_rss_mb": full["rss_mb"]}}  # fmt: skip


def report(result: dict) -> str:
    """RSS after each round beside what Streamlit holds; the plateau and the peak, met or MISSED."""
    lines = [f"Dashboard memory, {result['db']}, {result['profiles']} profiles x {result['pages']} pages per round,"
             f" load average {result['load_average'][0]:.1f}"]  # fmt: skip
    for s in result["samples"]:
        held = ", ".join(f"{k} {v:.1f}" for k, v in sorted(s["streamlit_held_mb"].items()) if v >= 0.05)
        lines.append(f"  {s['after']:<15} {s['visits']:>4} visits  RSS {s['rss_mb']:>5.0f} MB"
                     f"  (Streamlit's caches and sessions {s['streamlit_held_total_mb']:.1f} MB: {held or '-'})")  # fmt: skip
    p = result["plateau"]
    grew = p["all_rss_mb"] - p["half_rss_mb"]
    level = "met" if grew <= PLATEAU_SLACK_MB else "MISSED"
    lines.append(f"  plateau: RSS after {p['half_visits']} visits {p['half_rss_mb']:.0f} MB, after {p['all_visits']} "
                 f"{p['all_rss_mb']:.0f} MB ({grew:+.0f}; <= +{PLATEAU_SLACK_MB}) {level}")  # fmt: skip
    peak = result["samples"][-1]["peak_rss_mb"]
    lines.append(
        f"  server peak RSS {peak:,.0f} MB (<= {RSS_TARGET_MB}) {'met' if peak <= RSS_TARGET_MB else 'MISSED'}"
    )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--label", default="")
    ap.add_argument("--profiles", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--port", type=int, default=0, help="default: a free one")
    ap.add_argument(
        "--idle", type=float, default=0, help="one more sample this many seconds after the last visit"
    )
    ap.add_argument("--app", default=APP, help="another checkout's dashboard/app.py (a before/after pair)")
    ap.add_argument("--out", default=str(ROOT / "bench/results/dashboard_memory.json"))
    args = ap.parse_args()
    result = {"db": args.label or str(args.db), "load_average": os.getloadavg()}
    result |= memory_runs(args.db, args.port, args.profiles, args.rounds, args.app, args.idle)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(report(result))


if __name__ == "__main__":
    main()
