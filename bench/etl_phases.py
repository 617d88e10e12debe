"""Where a full build's time goes, phase by phase (the build's own fault points, used as timers).

    .venv/bin/python -m bench.etl_phases --submissions bench/work/sub4 [--workers 2]

One full build (`--no-cache --force` semantics) in this process, with a hook on every point the build
announces (etl/pipeline/faults.py): seconds from the start to each phase's first point, and between phases.
Imports are timed too (a fresh process pays them on every build).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

START = time.perf_counter()

from etl.pipeline import faults  # noqa: E402
from etl.pipeline.build import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# phase name -> the point that ends it (the first occurrence, except "parsed": its last)
PHASES = [
    ("imports", None), ("lock", "locked"), ("list files", "listed"), ("hash files", "hashed"),
    ("parse (workers)", "parsed"), ("resolve", "resolved"), ("write database", "swapped"),
]  # fmt: skip


def run(submissions: Path, notices: Path, workers: int | None) -> dict[str, float]:
    seen: dict[str, float] = {}

    def hook(point: str, nth: int, detail: str) -> None:
        if point == "parsed" or point not in seen:
            seen[point] = time.perf_counter()

    imported = time.perf_counter()
    faults.arm("*=hook", hook)
    with tempfile.TemporaryDirectory() as tmp:
        build(submissions, notices, Path(tmp) / "b.duckdb", workers=workers, force=True)
    end = time.perf_counter()
    faults.disarm()
    out, last = {"imports": imported - START}, imported
    # in the order the build reached them: without a cache it hashes after the parse (the workers' hashes)
    for name, point in sorted((p for p in PHASES[1:] if p[1] in seen), key=lambda p: seen[p[1]]):
        out[name] = seen[point] - last
        last = seen[point]
    out["rest (unlock)"] = end - last
    out["total"] = end - START
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--submissions", type=Path, required=True)
    ap.add_argument("--notices", type=Path, default=ROOT / "data" / "notices")
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    for name, seconds in run(args.submissions, args.notices, args.workers).items():
        print(f"{name:<18}{seconds:8.2f} s")


if __name__ == "__main__":
    main()
