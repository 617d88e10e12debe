"""The floor under a full build: what reading and parsing alone cost, in one process and on the pool.

    .venv/bin/python -m bench.etl_floor --submissions bench/work/sub4 [--workers 2]

1. Every file through `extract_file` (the read, the guard, the parser: everything a worker does) in this
   process, one after another: CPU seconds and count by format. This is the work no scheduling removes.
2. The same files on the build's own pool (`_parse_uncached`, its chunking, nothing placed): wall seconds
   and the workers' CPU seconds (getrusage of the children).
From these: the best wall time the parse can reach on N cores (CPU / N), the pool's efficiency against it,
and the build time the 10x target allows against a baseline given with `--baseline-s` (bench/etl_bench.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections import defaultdict
from pathlib import Path

from etl.pipeline.build import _parse_uncached, list_submission_files
from etl.pipeline.extract import extract_file


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def in_one_process(paths: list[Path]) -> dict[str, dict[str, float]]:
    """CPU seconds and file count per format, every file extracted here in turn."""
    by_format: dict[str, dict[str, float]] = defaultdict(lambda: {"files": 0, "cpu_s": 0.0})
    for path in paths:
        start = time.process_time()
        extract_file(path)
        row = by_format[path.suffix.lower().lstrip(".")]
        row["files"] += 1
        row["cpu_s"] += time.process_time() - start
    return dict(by_format)


def on_the_pool(paths: list[Path], workers: int) -> dict[str, float]:
    """Wall seconds and the workers' CPU for the build's parse alone (nothing placed or written)."""
    cpu_before, start = _children_cpu(), time.perf_counter()
    _parse_uncached([str(p) for p in paths], workers, meanwhile=lambda: None)
    return {"wall_s": time.perf_counter() - start, "workers_cpu_s": _children_cpu() - cpu_before}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--submissions", type=Path, required=True)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--baseline-s", type=float, default=None, help="the pandas baseline of the same run")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    paths = list_submission_files(args.submissions)
    # the pool first: its workers fork from a process whose caches are cold, as a build's do
    pool = on_the_pool(paths, args.workers)
    serial = in_one_process(paths)
    cpu = sum(r["cpu_s"] for r in serial.values())
    result = {
        "files": len(paths), "workers": args.workers, "by_format": serial, "extract_cpu_s": cpu,
        "extract_us_per_file": cpu / len(paths) * 1e6, "parse_floor_wall_s": cpu / args.workers, **pool,
        "pool_efficiency": cpu / args.workers / pool["wall_s"],
    }  # fmt: skip
    if args.baseline_s:
        result["baseline_s"] = args.baseline_s
        result["build_s_allowed_for_10x"] = args.baseline_s / 10
    for fmt, row in sorted(serial.items()):
        print(f"  {fmt:<6}{int(row['files']):>7} files  {row['cpu_s']:6.2f} s CPU  "
              f"{row['cpu_s'] / row['files'] * 1e6:8.0f} us/file")  # fmt: skip
    print(f"extract in one process: {cpu:.2f} s CPU ({result['extract_us_per_file']:.0f} us/file); "
          f"on {args.workers} cores at best {result['parse_floor_wall_s']:.2f} s")  # fmt: skip
    print(f"the build's pool: {pool['wall_s']:.2f} s wall, workers {pool['workers_cpu_s']:.2f} s CPU, "
          f"efficiency {result['pool_efficiency']:.0%}")  # fmt: skip
    if args.baseline_s:
        print(f"10x the baseline ({args.baseline_s:.2f} s) allows {result['build_s_allowed_for_10x']:.2f} s for "
              f"the whole build")  # fmt: skip
    if args.out:
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
