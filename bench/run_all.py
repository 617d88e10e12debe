"""Every benchmark, in the order docs/performance.md reports them (`make bench`, ~16 minutes).

    .venv/bin/python -m bench.run_all [--scales 1 4] [--work bench/work]

1. ETL at each scale (median of 3 runs), the plain pandas+openpyxl baseline at the largest, and issue 16's
   ETL targets, each with its figure, the baseline or limit beside it, met or MISSED (bench/etl_bench.py)
   -> bench/results/etl.json
1b. the floor under the full build at the largest scale: the parse alone in one process and on the build's
   pool, against the time 10x that run's baseline allows (bench/etl_floor.py) -> bench/results/etl_floor.json
2. the dashboard on the smallest and the largest database built in step 1 (bench/dashboard_bench.py)
   -> bench/results/dashboard_scale<K>.json
3. the overview's briefing on the largest database (bench/briefing_bench.py) -> bench/results/briefing.json
3b. the dashboard server's memory on the largest database: 6 browser profiles opening every page 4 times,
   RSS and Streamlit's own caches after each round, plateau and peak against 400 MB (issue 16, item 4;
   bench/dashboard_memory.py) -> bench/results/dashboard_memory.json
4. the load test: 5, 10, 30 and 100 viewers on one dashboard process over the largest database, rebuilt from
   its sample every few seconds (bench/load.py) -> bench/results/load.json
The sample folders and databases stay under --work (git-ignored) for profiling afterwards.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 4])  # the demo set and 11,404 workbooks, where the targets are
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    args = ap.parse_args()
    py = sys.executable
    subprocess.run([py, "-m", "bench.etl_bench", "--scales", *map(str, args.scales), "--repeat", "3",
                    "--work", str(args.work), "--out", str(RESULTS / "etl.json")], cwd=ROOT, check=True)  # fmt: skip
    # 1b. the floor: what the parse alone costs, beside the build time 10x this run's baseline allows
    largest = max(json.loads((RESULTS / "etl.json").read_text())["runs"], key=lambda r: r["scale"])
    subprocess.run([py, "-m", "bench.etl_floor", "--submissions", str(args.work / f"sub{largest['scale']}"),
                    "--baseline-s", str(largest["baseline_s"]), "--out", str(RESULTS / "etl_floor.json")],
                   cwd=ROOT, check=True)  # fmt: skip
    for scale in sorted({min(args.scales), max(args.scales)}):
        db = args.work / f"b{scale}.duckdb"
        files = sum(
            1 for p in (args.work / f"sub{scale}").rglob("*") if p.is_file() and not p.name.startswith(".")
        )
        subprocess.run([py, "-m", "bench.dashboard_bench", "--db", str(db), "--label",
                        f"scale {scale}: {files} workbooks", "--out", str(RESULTS / f"dashboard_scale{scale}.json")],
                       cwd=ROOT, check=True)  # fmt: skip
    # 3. the overview's briefing on the largest database (bench/briefing_bench.py)
    db = args.work / f"b{max(args.scales)}.duckdb"
    subprocess.run([py, "-m", "bench.briefing_bench", "--db", str(db), "--out", str(RESULTS / "briefing.json")],
                   cwd=ROOT, check=True)  # fmt: skip
    # 3b. the dashboard server's memory (issue 16, item 4)
    subprocess.run([py, "-m", "bench.dashboard_memory", "--db", str(db), "--label", f"scale {max(args.scales)}",
                    "--out", str(RESULTS / "dashboard_memory.json")], cwd=ROOT, check=True)  # fmt: skip
    # 4. the load test
    big = max(args.scales)
    subprocess.run([py, "-m", "bench.load", "--viewers", "5", "10", "30", "100", "--db", str(args.work / f"b{big}.duckdb"),
                    "--submissions", str(args.work / f"sub{big}"), "--work", str(args.work / "load"),
                    "--out", str(RESULTS / "load.json")], cwd=ROOT, check=True)  # fmt: skip


if __name__ == "__main__":
    main()
