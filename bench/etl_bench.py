"""ETL throughput against the plain reading a user would script, and issue 16's ETL targets, in one run.

    .venv/bin/python -m bench.etl_bench --scales 1 4 [--repeat 3] [--out bench/results/etl.json]

For each scale K: `python -m etl sample --scale K` into the work folder, then, each command in a fresh process
(so peak RSS and start-up are real), `--repeat` times with the median reported:
- full build (`--no-cache --force`): seconds, workbooks/s, peak RSS of its largest process (ru_maxrss of the
  children);
- rebuild with nothing changed (the content-hash check), and with one file changed (a different one each
  time), with its peak RSS;
- an upload confirmed at that scale: etl.intake.upload.accept (store the file, rebuild) in a process that
  has already checked it, as the upload page does between the confirm button and "stored and rebuilt";
- at the largest scale (or `--baseline-at`): the baseline, `pandas.read_excel(f, sheet_name=None,
  header=None)` on every workbook (openpyxl; xlrd for .xls) in one process, timed from the first file to
  the last, and the full build's speed-up over it.
Then each target of issue 16 with its figure, the baseline or limit beside it, and whether it is met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
# issue 16: (figure, at least / at most, bound, unit). The ratio counts at >= RATIO_MIN_WORKBOOKS only.
TARGETS = [
    ("speedup_vs_baseline", ">=", 10.0, "x"),
    ("rebuild_one_changed_s", "<=", 1.0, "s"),
    ("upload_confirm_to_rebuilt_s", "<=", 2.0, "s"),
    ("build_peak_rss_mb", "<=", 1024.0, "MB"),
]
RATIO_MIN_WORKBOOKS = 10_000


def _run(args: list[str], env: dict | None = None) -> tuple[float, float]:
    """Seconds, and peak RSS in MB of the largest process the command started (through a wrapper,
    so earlier commands of this benchmark do not count)."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    start = time.perf_counter()
    out = subprocess.run(
        [PY, "-c", wrapper, *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    seconds = time.perf_counter() - start
    return seconds, int(out.stdout.strip().splitlines()[-1]) / 1024


def baseline(files: list[Path]) -> float:
    """The plain reading: pandas.read_excel(sheet_name=None, header=None) on every workbook, one process,
    seconds from the first file to the last (pandas' import not counted)."""
    code = (
        "import sys, time, warnings, pandas as pd\n"
        "warnings.simplefilter('ignore')\n"
        "files = sys.argv[1:]\n"
        "start = time.perf_counter()\n"
        "for f in files:\n"
        "    engine = 'xlrd' if f.endswith('.xls') else 'openpyxl'\n"
        "    try:\n"
        "        pd.read_excel(f, sheet_name=None, header=None, engine=engine)\n"
        "    except Exception:\n"
        "        continue\n"
        "print(time.perf_counter() - start)\n"
    )
    listing = [str(f) for f in files if f.suffix in WORKBOOK_SUFFIXES]
    out = subprocess.run([PY, "-c", code, *listing], cwd=ROOT, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


UPLOAD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from etl.intake import upload\n"
    "from tests.security.corpus import form_bytes\n"
    "sub, notices, db, cache = map(Path, sys.argv[1:5])\n"
    "data = form_bytes('湖北省宜昌市长阳土家族自治县科协', {'动员科技志愿者数量（人）': 77, '开展活动数量（场）': 4})\n"
    "checked = upload.check_upload('长阳县科协报送.xlsx', data, year=2024)\n"
    "assert checked.accepted, checked.errors\n"
    "upload.existing_submissions(db, checked)  # the page's rerun asks this before the button answers\n"
    "start = time.perf_counter()\n"
    "stored, summary = upload.accept([checked], sub, notices, db, cache_dir=cache)\n"
    "print(time.perf_counter() - start)\n"
    "stored[0].unlink()\n"
)


def upload_seconds(sub: Path, db: Path, cache: Path) -> float:
    """Seconds from confirming one upload to the rebuilt database (the page's "stored and rebuilt")."""
    args = [PY, "-c", UPLOAD, str(sub), str(ROOT / "data/notices"), str(db), str(cache)]
    out = subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def _median(runs: list[float]) -> float:
    return round(statistics.median(runs), 2)


def bench_scale(scale: int, work: Path, with_baseline: bool, repeat: int) -> dict:
    sub = work / f"sub{scale}"
    shutil.rmtree(sub, ignore_errors=True)
    subprocess.run(
        [PY, "-m", "etl", "sample", "--out", str(sub), "--scale", str(scale)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    files = sorted(p for p in sub.rglob("*") if p.is_file() and not p.name.startswith("."))
    db, cache = {"CAMPAIGN_DB": str(work / f"b{scale}.duckdb")}, {"CAMPAIGN_CACHE": str(work / f"c{scale}")}
    base = [PY, "-m", "etl", "build", "--submissions", str(sub), "--notices", str(ROOT / "data/notices")]
    load_before = os.getloadavg()[0]
    full = [_run([*base, "--no-cache", "--force"], db) for _ in range(repeat)]
    _run([*base, "--force"], db | cache)  # primes the parse cache
    same = [_run(base, db | cache)[0] for _ in range(repeat)]
    one = []
    middle = len(files) // 2
    for i in range(repeat):  # new content for one file each time (a copy of its neighbour's)
        shutil.copyfile(files[middle + 2 * i + 1], files[middle + 2 * i])
        one.append(_run(base, db | cache))
    upload_s = upload_seconds(sub, Path(db["CAMPAIGN_DB"]), Path(cache["CAMPAIGN_CACHE"]))
    full_s = _median([s for s, _ in full])
    result = {
        "scale": scale,
        "workbooks": len(files),
        "repeat": repeat,
        "full_build_s": full_s,
        "full_build_runs_s": [round(s, 2) for s, _ in full],
        "workbooks_per_s": round(len(files) / full_s, 1),
        "build_peak_rss_mb": round(max(rss for _, rss in full), 1),
        "rebuild_unchanged_s": _median(same),
        "rebuild_one_changed_s": _median([s for s, _ in one]),
        "rebuild_one_changed_runs_s": [round(s, 2) for s, _ in one],
        "rebuild_one_changed_peak_rss_mb": round(max(rss for _, rss in one), 1),
        "upload_confirm_to_rebuilt_s": round(upload_s, 2),
    }
    if with_baseline:
        base_s = baseline(files)
        result |= {
            "baseline_s": round(base_s, 2),
            "baseline_workbooks_per_s": round(len(files) / base_s, 1),
            "speedup_vs_baseline": round(base_s / full_s, 1),
        }
    result["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return result


def target_rows(run: dict) -> list[dict]:
    """Each issue-16 target this run measured: figure, bound, met or missed (and why it does not count)."""
    rows = []
    for key, op, bound, unit in TARGETS:
        if key not in run:
            continue
        figure = run[key]
        met = figure >= bound if op == ">=" else figure <= bound
        row = {"target": key, "figure": figure, "bound": f"{op} {bound:g} {unit}", "met": met}
        if key == "speedup_vs_baseline":
            row["beside"] = f"build {run['full_build_s']} s vs baseline {run['baseline_s']} s"
            if run["workbooks"] < RATIO_MIN_WORKBOOKS:
                row["met"], row["note"] = False, f"fewer than {RATIO_MIN_WORKBOOKS:,} workbooks: does not count"
        rows.append(row)
    return rows


def report(run: dict) -> str:
    """The run as the lines `make bench` prints: figures, the baseline beside the build, each target."""
    lines = [
        f"ETL, scale {run['scale']}: {run['workbooks']:,} workbooks, median of {run['repeat']},"
        f" load average {run['load_average'][0]} -> {run['load_average'][1]}",
        f"  full build              {run['full_build_s']:8.2f} s   {run['workbooks_per_s']:,.0f} workbooks/s"
        f"   peak RSS {run['build_peak_rss_mb']:,.0f} MB",
    ]
    if "baseline_s" in run:
        lines.append(f"  baseline (pandas)       {run['baseline_s']:8.2f} s   {run['baseline_workbooks_per_s']:,.0f}"
                     f" workbooks/s   speed-up {run['speedup_vs_baseline']}x")  # fmt: skip
    lines += [
        f"  rebuild, nothing changed{run['rebuild_unchanged_s']:8.2f} s",
        f"  rebuild, one changed    {run['rebuild_one_changed_s']:8.2f} s"
        f"   peak RSS {run['rebuild_one_changed_peak_rss_mb']:,.0f} MB",
        f"  upload, confirm->rebuilt{run['upload_confirm_to_rebuilt_s']:8.2f} s",
    ]
    for row in target_rows(run):
        verdict = "met" if row["met"] else "MISSED"
        extra = f"  ({row.get('note') or row.get('beside')})" if row.get("note") or row.get("beside") else ""
        lines.append(f"  target {row['target']:<24} {row['figure']:>8} {row['bound']:<12} {verdict}{extra}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--repeat", type=int, default=3, help="runs of each build command (the median is reported)")
    ap.add_argument("--baseline-at", type=int, nargs="*", help="scales measured against pandas (default: the largest)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--work", help="keep the sample folders and databases here (default: a temp folder)")
    ap.add_argument("--out", default=str(ROOT / "bench/results/etl.json"))
    args = ap.parse_args()
    with_baseline = set() if args.no_baseline else set(args.baseline_at or [max(args.scales)])
    results = {
        "machine": f"{platform.machine()} {platform.processor() or ''} cpus={os.cpu_count()}",
        "python": platform.python_version(),
        "runs": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for scale in args.scales:
            run = bench_scale(scale, work, scale in with_baseline, args.repeat)
            run["targets"] = target_rows(run)
            print(report(run), flush=True)
            results["runs"].append(run)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
