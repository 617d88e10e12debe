"""`python -m etl sample`: deterministic demo workbooks for 2021-2024 and the truth the ETL must recover.

Who submits and how they write it is data (data/reference/demo_units.yaml); figures and times come from
etl/demo/figures.py, each form's content from etl/demo/summary_forms.py, layouts from etl/demo/layouts.py;
etl/demo/book/ writes the files. Everything random comes from `random.Random` streams derived from the seed,
so a seed always gives the same bytes.

Broken or doubled on purpose (expected_status in the truth): a truncated .xlsx (2022, rejected), a
personnel list that is not the form (2023, rejected), a text file renamed .xlsx (2024, rejected), 河南省科协
twice in 2023 (the correction sorts first by name but is later by modified time: it is loaded, the other
`duplicate`), a 5亿 beneficiaries cell (2021) and a negative volunteers cell (2023: value None, file
loaded), a 2023 file left at the top of the output folder whose year is only in its title, and a 2023
重庆 district whose 填报单位 is empty (the organization comes from the file name).
Beside the summary forms: 2021 activity plans and 2024 recommendation forms, .xlsx and .docx
(etl/demo/activities.py).
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import astuple, dataclass, fields, replace
from datetime import timedelta
from pathlib import Path

from etl.demo.activities import generate_activities
from etl.demo.book.package import save
from etl.demo.book.spec import BookSpec, Properties, SheetSpec
from etl.demo.book.write import write_book
from etl.demo.figures import deadline_for, org_rng, submission_time
from etl.demo.plan import Plan, bulk_plans, default_plans
from etl.demo.summary_forms import Messiness, contact_person, summary_form
from etl.paths import REFERENCE_DIR
from etl.reference import load_yaml

BULK_DIRS = ("县级", "县级农技协")
MANIFEST = ".demo-files"  # hidden: the build skips it; lists what the last run wrote, to clear stale files
SIGNATURE = Properties(  # how the ETL tells demo data (etl/pipeline/extract.py); times are set per file
    creator="演示数据生成器 python -m etl sample",
    keywords="demo-data",
    description="演示数据 demo data: invented figures, not a real submission",
)
TRUNCATED_SHARE = 0.55  # of the bytes kept in the file cut off mid-transfer


@dataclass(frozen=True)
class TruthRow:
    """One value the ETL must recover (or one row for a file it must reject)."""

    source_file: str  # relative to the output folder, '/' separated
    year: int | None
    org_name: str | None
    metric: str | None
    channel: str | None
    value: int | None  # None: empty / 无 / — cell, or a rejected (impossible) value
    approximate: bool
    expected_status: str  # loaded | duplicate | rejected
    note: str


def load_config() -> dict:
    return load_yaml("demo_units.yaml")


def generate(
    out_dir: Path, seed: int = 2024, scale: int = 1, regions_csv: Path | None = None
) -> list[TruthRow]:
    """Write the demo workbooks under out_dir/<year>/ and return the truth, sorted by file."""
    cfg = load_config()
    out_dir = Path(out_dir)
    _clear_previous(out_dir)
    plans = default_plans(cfg, seed)
    if scale > 1:
        plans += bulk_plans(cfg, seed, scale, regions_csv or REFERENCE_DIR / "regions.csv")
    mess = Messiness(styles=list(cfg["value_styles"]) + list(cfg["empty_styles"]))
    truth: list[TruthRow] = []
    for plan in plans:
        truth += _write_plan(plan, cfg, seed, out_dir, mess)
    truth += _extra_broken_files(cfg, seed, out_dir)
    truth += _activity_files(out_dir, seed)
    truth.sort(key=lambda t: (t.source_file, t.metric or "", t.channel or ""))
    (out_dir / MANIFEST).write_text(
        "\n".join(sorted({t.source_file for t in truth})) + "\n", encoding="utf-8"
    )
    return truth


def _activity_files(out_dir: Path, seed: int) -> list[TruthRow]:
    """2021 plans and 2024 recommendations (etl/demo/activities.py): one truth row per file, no metric.

    Their activities' own truth is checked by tests/etl/test_sample_activities.py."""
    files = {
        (r["source_file"], r["year"], r["org_name"], r["table"]) for r in generate_activities(out_dir, seed)
    }
    return [
        TruthRow(f, year, org, None, None, None, False, "loaded", table)
        for f, year, org, table in sorted(files)
    ]


def write_truth_csv(rows: list[TruthRow], path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([f.name for f in fields(TruthRow)])
        for row in rows:
            w.writerow(["" if v is None else v for v in astuple(row)])


def _clear_previous(out_dir: Path) -> None:
    """Remove the files the previous run wrote (a new seed or scale writes other names), nothing else."""
    manifest = out_dir / MANIFEST
    if manifest.exists():
        for rel in manifest.read_text(encoding="utf-8").split():
            target = out_dir / rel
            if target.is_file():
                target.unlink()
    for year_dir in out_dir.glob("20[0-9][0-9]"):
        for name in BULK_DIRS:
            if (year_dir / name).is_dir():
                shutil.rmtree(year_dir / name)


def _write_plan(plan: Plan, cfg: dict, seed: int, out_dir: Path, mess: Messiness) -> list[TruthRow]:
    rng = org_rng(seed, plan.year, plan.org, plan.special, "form")
    book, cells = summary_form(plan, cfg, seed, rng, mess)
    modified = plan.modified or submission_time(
        rng, plan.year, deadline_for(cfg["deadlines"], plan.year, plan.group), cfg["late_share"]
    )
    created = modified - timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 9))
    rel = f"{plan.rel_dir}/{plan.name}" if plan.rel_dir else plan.name
    book.properties = replace(SIGNATURE, created=created, modified=modified)
    book.xlsx_engine = "template" if plan.bulk else "openpyxl"  # thousands of bulk files: the fast one
    path = write_book(out_dir / rel, book)
    if plan.special == "corrupt":  # cut off mid-transfer: a zip without its central directory
        data = path.read_bytes()
        save(path, data[: int(len(data) * TRUNCATED_SHARE)], modified)
        return [
            TruthRow(rel, plan.year, plan.org, None, None, None, False, "rejected", "corrupt: truncated zip")
        ]
    status = "duplicate" if plan.special == "duplicate_old" else "loaded"
    rows = []
    for c in cells:
        note = f"{c.sheet}!{c.ref} {c.note}".strip()
        value = c.value
        if plan.special == "impossible" and c.metric == "beneficiaries":
            value, note = None, f"{c.sheet}!{c.ref} rejected: 5亿 above the 1亿 maximum"
        if plan.special == "negative" and c.metric == "volunteers":
            value, note = None, f"{c.sheet}!{c.ref} rejected: negative"
        rows.append(
            TruthRow(rel, plan.year, plan.org, c.metric, c.channel, value, c.approximate, status, note)
        )
    return rows


def _extra_broken_files(cfg: dict, seed: int, out_dir: Path) -> list[TruthRow]:
    """A personnel list (a workbook but not the form) and a text file renamed to .xlsx."""
    rng = org_rng(seed, "broken")
    when = submission_time(rng, 2023, None, 0)
    sheet = SheetSpec("人员名单", widths={2: 28, 5: 16})
    for c, head in enumerate(["序号", "姓名", "工作单位", "职称", "性别", "手机"]):
        sheet.put(0, c, head)
    for r in range(1, 21):
        name, phone = contact_person(cfg, rng)
        row = [
            r,
            name,
            rng.choice(["市农科院", "县人民医院", "第一中学", "市气象局"]),
            rng.choice(["研究员", "副主任医师", "高级教师", "工程师"]),
            rng.choice(["男", "女"]),
            phone,
        ]
        for c, v in enumerate(row):
            sheet.put(r, c, v)
    roster = "2023/科技志愿者骨干名单.xlsx"
    write_book(
        out_dir / roster,
        BookSpec([sheet], replace(SIGNATURE, created=when - timedelta(days=2), modified=when)),
    )
    text_rel = "2024/活动总结（文字稿）.xlsx"
    text = (
        "2024年全国科技工作者日活动总结\n宁夏回族自治区科协\n5月30日前后，全区各级科协共组织开展活动三百余场，"
        "动员科技志愿者约3000人。\n（此文件为文字稿，误存为 .xlsx）\n"
    )
    save(out_dir / text_rel, text.encode("utf-8"), submission_time(rng, 2024, None, 0))
    return [
        TruthRow(roster, 2023, None, None, None, None, False, "rejected", "not a form: personnel list"),
        TruthRow(
            text_rel, 2024, None, None, None, None, False, "rejected", "not a workbook: text renamed .xlsx"
        ),
    ]
