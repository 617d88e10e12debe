"""Command line: `python -m etl build | validate | sample`. Each subcommand's help has an example."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl import paths

EPILOG = """examples:
  python -m etl sample                      # demo workbooks for 2021-2024 into data/submissions
  python -m etl build                       # data/submissions + data/notices -> data/campaigns.duckdb
  python -m etl validate 2024/广东省科协.xlsx  # check received files before accepting them
"""


def _cmd_build(args: argparse.Namespace) -> int:
    from etl.pipeline.build import build

    submissions = Path(args.submissions) if args.submissions else paths.submissions_dir()
    notices = Path(args.notices) if args.notices else paths.notices_dir()
    if not submissions.exists():
        print(f"提示 / note: 报送文件夹不存在 / submissions folder missing: {submissions}", file=sys.stderr)
    summary = build(submissions, notices, paths.db_path(args.db), cache_dir=None if args.no_cache
                    else paths.cache_dir(), workers=args.workers, force=args.force)
    print("\n".join(summary.lines()))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from etl.intake.validate import validate_files

    return validate_files([Path(f) for f in args.files], lang=args.lang)


def _cmd_sample(args: argparse.Namespace) -> int:
    from etl.demo.generate import generate, write_truth_csv

    out = Path(args.out) if args.out else paths.submissions_dir()
    truth = generate(out, seed=args.seed, scale=args.scale)
    files = {t.source_file for t in truth}
    print(f"演示数据 / demo data: {len(files)} 个文件 files -> {out}")
    if args.truth:
        write_truth_csv(truth, Path(args.truth))
        print(f"真值 / truth: {args.truth}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m etl", description="全国科技工作者日活动数据 ETL / campaign data ETL",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="读取通知和报送文件，生成数据库 / build the database",
                       description="Read every notice and submission and write the database. Exit 0 when it "
                       "finished, even if some files had problems (see load_issues).",
                       epilog="example: python -m etl build --submissions data/submissions --db /tmp/x.duckdb",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--submissions", help="报送文件夹 (default data/submissions)")
    b.add_argument("--notices", help="通知文件夹 (default data/notices)")
    b.add_argument("--db", help="数据库路径 (default $CAMPAIGN_DB or data/campaigns.duckdb)")
    b.add_argument("--workers", type=int, help="parallel parse processes (default: all cores)")
    b.add_argument("--force", action="store_true", help="rebuild even when no input changed")
    b.add_argument("--no-cache", action="store_true", help="parse every file again")
    b.set_defaults(func=_cmd_build)

    v = sub.add_parser("validate", help="检查报送文件，不导入 / check files without loading",
                       description="Check submission files; print each problem with file, sheet, cell and "
                       "message; exit 1 if any error.",
                       epilog="example: python -m etl validate data/submissions/2024/*.xlsx",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    v.add_argument("files", nargs="+", help="workbook files (.xlsx .xlsm .xls)")
    v.add_argument("--lang", choices=["zh", "en", "both"], default="both", help="message language")
    v.set_defaults(func=_cmd_validate)

    s = sub.add_parser("sample", help="生成演示数据 / write the demo workbooks",
                       description="Write deterministic demo workbooks (2021-2024) that look like real "
                       "submissions.",
                       epilog="example: python -m etl sample --out /tmp/demo --seed 7 --scale 4",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("--out", help="output folder (default data/submissions)")
    s.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    s.add_argument("--scale", type=int, default=1, help="multiply submitting units (benchmarks)")
    s.add_argument("--truth", help="also write the true values as CSV to this path")
    s.set_defaults(func=_cmd_sample)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
