"""ETL throughput against the obvious alternative, in one run.

    .venv/bin/python -m bench.etl_bench --scales 1 4 [--out bench/results/etl.json]

For each scale K: `python -m etl sample --scale K` into a temp folder, then, each in a fresh process
(so peak RSS and start-up are real):
- full build (`--no-cache --force`): seconds, workbooks/s, peak RSS of its largest process (ru_maxrss of the children);
- rebuild with nothing changed (the content-hash check), and with one file changed (incremental:
  etl/pipeline/incremental.py), with its peak RSS;
- an upload confirmed at that scale: etl.intake.upload.accept (store the file, rebuild) in a process that
  has already checked it, as the upload page does between the confirm button and "stored and rebuilt";
- baseline: pandas.read_excel (openpyxl engine) on every file plus the same label lookups, in one
  process, as a user would script it; its workbooks/s and our speed-up ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


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
    """The obvious script: pandas.read_excel(openpyxl) on every file, then the same label lookups."""
    code = (
        "import sys, time, pandas as pd\n"
        "from etl.forms.vocabulary import catalogue\n"
        "m = catalogue().match\n"
        "files = sys.argv[1:]\n"
        "start = time.perf_counter()\n"
        "for f in files:\n"
        "    engine = 'xlrd' if f.endswith('.xls') else 'openpyxl'\n"
        "    try:\n"
        "        sheets = pd.read_excel(f, sheet_name=None, header=None, engine=engine)\n"
        "    except Exception:\n"
        "        continue\n"
        "    for df in sheets.values():\n"
        "        for row in df.itertuples(index=False):\n"
        "            for v in row:\n"
        "                if isinstance(v, str):\n"
        "                    m(v)\n"
        "print(time.perf_counter() - start)\n"
    )
    listing = [str(f) for f in files if f.suffix in {".xlsx", ".xlsm", ".xls"}]
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


def bench_scale(scale: int, tmp: Path, with_baseline: bool) -> dict:
    sub = tmp / f"sub{scale}"
    subprocess.run(
        [PY, "-m", "etl", "sample", "--out", str(sub), "--scale", str(scale)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    files = sorted(p for p in sub.rglob("*") if p.is_file() and not p.name.startswith("."))
    db, cache = {"CAMPAIGN_DB": str(tmp / f"b{scale}.duckdb")}, {"CAMPAIGN_CACHE": str(tmp / f"c{scale}")}
    base = [PY, "-m", "etl", "build", "--submissions", str(sub), "--notices", str(ROOT / "data/notices")]
    full_s, full_rss = _run([*base, "--no-cache", "--force"], db)
    _run([*base, "--force"], db | cache)  # primes the parse cache
    same_s, _ = _run(base, db | cache)
    victim, donor = files[len(files) // 2], files[len(files) // 2 + 1]
    shutil.copyfile(donor, victim)  # new content for one file
    one_s, one_rss = _run(base, db | cache)
    upload_s = upload_seconds(sub, Path(db["CAMPAIGN_DB"]), Path(cache["CAMPAIGN_CACHE"]))
    result = {
        "scale": scale,
        "workbooks": len(files),
        "full_build_s": round(full_s, 2),
        "workbooks_per_s": round(len(files) / full_s, 1),
        "build_peak_rss_mb": round(full_rss, 1),
        "rebuild_unchanged_s": round(same_s, 2),
        "rebuild_one_changed_s": round(one_s, 2),
        "rebuild_one_changed_peak_rss_mb": round(one_rss, 1),
        "upload_confirm_to_rebuilt_s": round(upload_s, 2),
    }
    if with_baseline:
        base_s = baseline(files)
        result |= {
            "baseline_s": round(base_s, 2),
            "baseline_workbooks_per_s": round(len(files) / base_s, 1),
            "speedup_vs_baseline": round(base_s / full_s, 1),
        }
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--work", help="keep the sample folders and databases here (default: a temp folder)")
    ap.add_argument("--out", default=str(ROOT / "bench/results/etl.json"))
    args = ap.parse_args()
    results = {
        "machine": f"{platform.machine()} {platform.processor() or ''} cpus={os.cpu_count()}",
        "python": platform.python_version(),
        "runs": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for scale in args.scales:
            run = bench_scale(scale, work, not args.no_baseline)
            print(json.dumps(run, ensure_ascii=False), flush=True)
            results["runs"].append(run)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
