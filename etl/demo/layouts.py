"""Demo form layouts: figures -> a BookSpec plus the cells the ETL must read back (etl/demo/generate.py drives it).

Layouts of the 科协 summary form (no real example exists, so these are the shapes people produce):
- `pairs`: label | value down two columns, optional offset, extra title rows and a 填表说明 sheet first;
- `two_pairs`: seed 000's 4-column grid with merged cells, two label|value pairs per row;
- `header_row`: labels across one row, values in the row below;
- `list_table`: 序号 | 指标 | 数值 | 单位 (no 合计: a total over unlike units is meaningless, and the contract
  compares a 合计 with the sum of one metric).
`njx` is seed 000's own 农技协 form: channel rows (农技协 / 科技小院 / 科普教育基地), each with its 开展活动数量,
optionally closed by 开展活动数量合计（场）: a formula, a typed true sum, or a typed sum with a slip.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from etl.demo.book.spec import BookSpec, Formula, SheetSpec
from etl.demo.cell_styles import render

KX_ORDER = ["units_mobilized", "volunteers", "volunteer_teams", "events", "media_reports", "beneficiaries"]


@dataclass
class Cell:
    """One value cell written, and what the ETL must make of it."""

    metric: str
    channel: str | None
    value: int | None
    approximate: bool
    note: str
    ref: str = ""
    sheet: str = ""


@dataclass
class FormInput:
    org: str  # written in 填报单位 (may be "" for the blank-org file)
    year: int
    title: str
    figures: dict[tuple[str, str | None], int]  # (metric, channel) -> true figure
    styles: dict[tuple[str, str | None], str]  # (metric, channel) -> value style
    contact: str
    phone: str
    instructions: list[str] | None = None  # a 填表说明 sheet before the form
    remark: str | None = None
    total: str | None = None  # None | "formula" | "typed_ok" | "typed_wrong"


Labels = dict[str, str]  # metric -> its label (or unit) as written in this form
LaidOut = tuple[BookSpec, list[Cell]]  # the workbook, and each value cell with what the ETL must read from it


class _Form:
    """Shared bits: value cells with their truth, the header block, the instructions sheet."""

    def __init__(self, form: FormInput, units: Labels, rng: random.Random, sheet_name: str) -> None:
        self.form, self.units, self.rng = form, units, rng
        self.sheet = SheetSpec(sheet_name)
        self.cells: list[Cell] = []

    def value(self, row: int, col: int, metric: str, channel: str | None = None) -> None:
        key = (metric, channel)
        content, truth, approx, note = render(
            self.form.figures[key], metric, self.form.styles[key], self.units[metric]
        )
        ref = self.sheet.put(row, col, content)
        self.cells.append(Cell(metric, channel, truth, approx, note, ref, self.sheet.name))

    def title(self, row: int, first: int, last: int) -> None:
        self.sheet.put(row, first, self.form.title)
        self.sheet.bold.add((row, first))
        if last > first:
            self.sheet.merged.append((row, first, row, last))

    def grid_top(self, row: int, org_label: str, contact_label: str, phone_label: str) -> None:
        """The 4-column grid's top: the title over A-D, 填报单位 | org over B-D, 联系人 | name | 手机 | phone."""
        self.title(row, 0, 3)
        row += 1
        self.sheet.put(row, 0, org_label)
        self.sheet.put(row, 1, self.form.org)
        self.sheet.merged.append((row, 1, row, 3))
        self.sheet.put(row + 1, 0, contact_label)
        self.sheet.put(row + 1, 1, self.form.contact)
        self.sheet.put(row + 1, 2, phone_label)
        self.sheet.put(row + 1, 3, self.form.phone)

    def book(self) -> BookSpec:
        sheets = []
        if self.form.instructions:
            notes = SheetSpec("填表说明", widths={0: 90})
            for i, line in enumerate(self.form.instructions):
                notes.put(i, 0, line)
            sheets.append(notes)
        return BookSpec(sheets + [self.sheet])

    def metrics(self) -> list[str]:
        return [m for m in KX_ORDER if (m, None) in self.form.figures]


def pairs(form: FormInput, labels: Labels, units: Labels, rng: random.Random) -> LaidOut:
    f = _Form(form, units, rng, rng.choice(["Sheet1", "汇总表", "活动信息汇总表"]))
    r, c = rng.choice([0, 0, 1, 2]), rng.choice([0, 0, 1, 2])  # offset: rows/columns left empty
    f.title(r, c, c + 1)
    if rng.random() < 0.4:
        r += 1
        f.sheet.put(r, c, f"（{form.year}年5月30日前后开展）")
    org_label = rng.choice(["填报单位（盖章）", "填报单位(盖章)", "填报单位"])
    f.sheet.put(r + 1, c, org_label)
    f.sheet.put(r + 1, c + 1, form.org)
    f.sheet.put(r + 2, c, rng.choice(["联系人", "联 系 人"]))
    f.sheet.put(r + 2, c + 1, form.contact)
    f.sheet.put(r + 3, c, rng.choice(["手机", "手 机", "联系电话"]))
    f.sheet.put(r + 3, c + 1, form.phone)
    row = r + 4
    for m in f.metrics():
        f.sheet.put(row, c, labels[m])
        f.value(row, c + 1, m)
        row += 1
    if form.remark:
        f.sheet.put(row, c, "备注")
        f.sheet.put(row, c + 1, form.remark)
    f.sheet.widths = {c: 34, c + 1: 22}
    return f.book(), f.cells


def two_pairs(form: FormInput, labels: Labels, units: Labels, rng: random.Random) -> LaidOut:
    f = _Form(form, units, rng, "Sheet1")
    s = f.sheet
    f.grid_top(0, "填报单位\n（盖章）", "联 系 人", "手 机")
    s.put(3, 0, "开展活动信息")
    s.merged.append((3, 0, 3, 3))
    metrics = f.metrics()
    row = 4
    for i in range(0, len(metrics), 2):
        s.put(row, 0, labels[metrics[i]])
        f.value(row, 1, metrics[i])
        if i + 1 < len(metrics):
            s.put(row, 2, labels[metrics[i + 1]])
            f.value(row, 3, metrics[i + 1])
        else:
            s.merged.append((row, 1, row, 3))
        row += 1
    s.widths = {0: 30, 1: 14, 2: 30, 3: 14}
    return f.book(), f.cells


def header_row(form: FormInput, labels: Labels, units: Labels, rng: random.Random) -> LaidOut:
    f = _Form(form, units, rng, rng.choice(["Sheet1", "汇总"]))
    s = f.sheet
    metrics = f.metrics()
    last = max(len(metrics) - 1, 5)
    f.title(0, 0, last)
    s.put(1, 0, "填报单位（盖章）")
    s.put(1, 1, form.org)
    s.merged.append((1, 1, 1, 2))
    s.put(1, 3, "联系人")
    s.put(1, 4, f"{form.contact} {form.phone}")
    head = 3 if rng.random() < 0.5 else 2
    for i, m in enumerate(metrics):
        s.put(head, i, labels[m])
        f.value(head + 1, i, m)
        s.widths[i] = 18
    return f.book(), f.cells


def list_table(form: FormInput, labels: Labels, units: Labels, rng: random.Random) -> LaidOut:
    f = _Form(form, units, rng, "Sheet1")
    s = f.sheet
    f.grid_top(0, "填报单位", "联系人", "联系电话")
    for i, h in enumerate(["序号", "指标", "数值", "单位"]):
        s.put(3, i, h)
    row = 4
    for n, m in enumerate(f.metrics(), 1):
        s.put(row, 0, n)
        s.put(row, 1, labels[m])
        f.value(row, 2, m)
        s.put(row, 3, units[m])
        row += 1
    s.widths = {0: 8, 1: 28, 2: 16, 3: 8}
    return f.book(), f.cells


def njx(
    form: FormInput,
    channel_rows: list[dict],
    single: dict[str, str],
    events_label: str,
    total_label: str,
    units: dict[str, str],
    rng: random.Random,
) -> LaidOut:
    """Seed 000's 附件1 as the 农技协 notice gives it: merged cells, spaced labels, channel rows."""
    f = _Form(form, units, rng, rng.choice(["Sheet1", "附件1"]))
    s = f.sheet
    r = 0
    if rng.random() < 0.6:
        s.put(0, 0, "附件1")
        r = 1
    f.grid_top(r, "组织单位\n（盖章）", "联 系 人", "手 机")
    s.put(r + 3, 0, "通讯地址")
    s.merged.append((r + 3, 1, r + 3, 3))
    s.put(r + 4, 0, "开展活动信息")
    s.merged.append((r + 4, 0, r + 4, 3))
    row = r + 5
    first = row
    for ch in channel_rows:
        s.put(row, 0, ch["label"])
        f.value(row, 1, "units_mobilized", ch["channel"])
        s.put(row, 2, events_label)
        f.value(row, 3, "events", ch["channel"])
        row += 1
    if form.total:
        s.put(row, 2, total_label)
        _total_row_njx(f, row, first)
        row += 1
    for metric, label in single.items():
        s.put(row, 0, label)
        f.value(row, 1, metric)
        s.merged.append((row, 1, row, 3))
        row += 1
    s.widths = {0: 30, 1: 14, 2: 22, 3: 14}
    return f.book(), f.cells


def _total_row_njx(f: _Form, row: int, first: int) -> None:
    """A 合计 row is a check, never a value. A formula caches what Excel shows (SUM skips text cells, so
    a form with text numbers shows a smaller total); a typed total is the true sum, or off by a slip."""
    if f.form.total == "formula":
        shown = sum(
            v
            for (r, c), v in f.sheet.cells.items()
            if c == 3 and first <= r < row and isinstance(v, int | float) and not isinstance(v, bool)
        )
        f.sheet.put(row, 3, Formula(f"SUM(D{first + 1}:D{row})", shown))
        return
    true_sum = sum(n for (m, _ch), n in f.form.figures.items() if m == "events")
    slip = f.rng.choice([-3, 5, 20]) if f.form.total == "typed_wrong" else 0
    f.sheet.put(row, 3, true_sum + slip)


KX_LAYOUTS = {"pairs": pairs, "two_pairs": two_pairs, "header_row": header_row, "list_table": list_table}
