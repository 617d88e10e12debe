"""Command line: `python -m etl build | validate | sample`. Each subcommand's help has an example."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
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


def _sample_arguments(s: argparse.ArgumentParser) -> None:
    s.add_argument("--out", metavar="DIR", help="输出文件夹 / output folder (default data/submissions)")
    s.add_argument("--seed", type=int, default=2024, metavar="N", help="随机种子 / random seed (default 2024)")
    s.add_argument("--scale", type=int, default=1, metavar="K",
                   help="报送单位倍数 / multiply the submitting units, for benchmarks (default 1)")
    s.add_argument("--truth", metavar="CSV", help="另写真值 / also write the true values as CSV to this path")


def _build_arguments(b: argparse.ArgumentParser) -> None:
    b.add_argument("--submissions", metavar="DIR", help="报送文件夹 / submissions folder (default data/submissions)")
    b.add_argument("--notices", metavar="DIR", help="通知文件夹 / notices folder (default data/notices)")
    b.add_argument("--db", metavar="PATH",
                   help="数据库路径 / database file (default $CAMPAIGN_DB, else data/campaigns.duckdb)")
    b.add_argument("--workers", type=int, metavar="N",
                   help="并行解析进程数 / parallel parse processes (default: all cores)")
    b.add_argument("--force", action="store_true", help="输入未变也重建 / rebuild even when no input changed")
    b.add_argument("--no-cache", action="store_true", help="不用缓存，逐个重新解析 / parse every file again")


def _validate_arguments(v: argparse.ArgumentParser) -> None:
    from etl.readers.formats import SUBMISSION_SUFFIXES

    v.add_argument("files", nargs="+", metavar="FILE",
                   help=f"报送文件 / submission files ({' '.join(SUBMISSION_SUFFIXES)})")
    v.add_argument("--lang", choices=["zh", "en", "both"], default="both",
                   help="提示语言 / message language (default both)")


# name, summary, description, example, arguments, run: in the order a newcomer uses them. Every
# subcommand's help ends with its example; the README's command reference (scripts/cli_reference.py) too.
SUBCOMMANDS: list[tuple[str, str, str, str, Callable[[argparse.ArgumentParser], None],
                        Callable[[argparse.Namespace], int]]] = [
    ("sample", "生成演示数据 / write the demo workbooks",
     "Write deterministic demo workbooks (2021-2024) that look like real submissions.",
     "python -m etl sample --out /tmp/demo --seed 7 --scale 4", _sample_arguments, _cmd_sample),
    ("build", "读取通知和报送文件，生成数据库 / build the database",
     "Read every notice and submission and write the database. Exit 0 when it finished, even if some "
     "files had problems (see load_issues).",
     "python -m etl build --submissions data/submissions --db /tmp/x.duckdb", _build_arguments, _cmd_build),
    ("validate", "检查报送文件，不导入 / check files without loading",
     "Check submission files; print each problem with file, sheet, cell and message; exit 1 if any error.",
     "python -m etl validate data/submissions/2024/*.xlsx", _validate_arguments, _cmd_validate),
]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m etl", description="全国科技工作者日活动数据 ETL / campaign data ETL",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True)
    for name, summary, description, example, arguments, run in SUBCOMMANDS:
        p = sub.add_parser(name, help=summary, description=description, epilog=f"example: {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        arguments(p)
        p.set_defaults(func=run)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
