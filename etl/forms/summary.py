"""Workbook -> ParsedForm: the summary form's figures found by their labels, never by fixed addresses.

Each text cell is matched once against metrics.yaml (etl/forms/vocabulary.py). A label's value is the next non-empty
cell to its right outside the label's merged range (stopping at another label); with nothing there, the cell
below (header-row tables). A unit cell after the value (list-style 指标 | 数值 | 单位) gives the unit.
In seed 000's form an events label takes the channel of the 动员农技协/科技小院/科普教育基地 label on its row.
合计/小计/总计 are checks (role total), compared with the sum of their metric; a metric twice: first wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from etl.forms.unit_tables import settle_unit_rows
from etl.forms.values import parse_number
from etl.forms.vocabulary import MAX_LABEL_CHARS, Catalogue, LabelMatch, catalogue, normalize_label
from etl.issues import Issue, issue
from etl.readers.cells import a1
from etl.readers.workbook import Sheet, Workbook

_YEAR_RE = re.compile(r"(20[0-9]{2})")
_TITLE_ROWS = 10


@dataclass
class FormValue:
    sheet: str
    cell: str  # A1 address of the value cell
    label: str  # the label as written (whitespace collapsed)
    label_cell: str
    raw_text: str  # the value as written
    metric: str | None
    channel: str | None
    value: float | None
    approximate: bool
    role: str  # value | total | unmapped | rejected


@dataclass
class Contact:
    sheet: str
    cell: str
    field: str  # contact_name | phone | address | email
    value: str


@dataclass
class ParsedForm:
    form: str | None  # summary | recommendation | plan | None (not a form: the caller rejects the file)
    org_name: str | None = None
    org_sheet: str | None = None
    org_cell: str | None = None
    title: str | None = None
    year_hint: int | None = None
    values: list[FormValue] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


class _Grid:
    """One sheet's cells with merged ranges and label positions, for neighbour look-ups."""

    def __init__(self, sheet: Sheet, cat: Catalogue) -> None:
        self.sheet, self.rows, self.formulas = sheet, sheet.rows, sheet.formula_cells
        self.merged = {(b[0], b[1]): b for b in sheet.merged}
        self.labels: dict[tuple[int, int], tuple[str, LabelMatch]] = {}
        self.texts: list[tuple[int, int, str]] = []  # text cells that are no label
        for r, row in enumerate(self.rows):
            for c, v in enumerate(row):
                if v.__class__ is str and v:
                    m = cat.match(v)
                    if m is None:
                        self.texts.append((r, c, v))
                    else:
                        self.labels[(r, c)] = (v, m)
        self.formula_width: dict[int, int] = {}
        for r, c in self.formulas:
            self.formula_width[r] = max(self.formula_width.get(r, 0), c + 1)
        self.consumed: set[tuple[int, int]] = set()

    def get(self, r: int, c: int) -> object:
        if r < len(self.rows):
            row = self.rows[r]
            if c < len(row):
                return row[c]
        return ""

    def width(self, r: int) -> int:
        return max(len(self.rows[r]) if r < len(self.rows) else 0, self.formula_width.get(r, 0))

    def end_of(self, r: int, c: int) -> tuple[int, int]:
        box = self.merged.get((r, c))
        return (box[2], box[3]) if box else (r, c)

    def right(self, r: int, c: int, cat: Catalogue) -> tuple[int, int] | None:
        """Next non-empty cell right of (r, c)'s merged range, stopping at a label or a bare unit cell."""
        _, c1 = self.end_of(r, c)
        for k in range(c1 + 1, self.width(r)):
            if (r, k) in self.labels:
                return None
            v = self.get(r, k)
            if v != "" or (r, k) in self.formulas:
                return None if cat.unit_cell(v) else (r, k)
        return None

    def value_cell(self, r: int, c: int, cat: Catalogue) -> tuple[int, int] | None:
        """Right first; with nothing to the right, the cell below the label (header-row tables)."""
        found = self.right(r, c, cat)
        if found is not None:
            return found
        r1, c1 = self.end_of(r, c)
        if self.unit_after(r, c, cat) is not None:
            return None  # list-style row with a blank value: 志愿服务队 | (blank) | 支
        below = (r1 + 1, c)
        if below in self.labels:
            return None
        if self.get(*below) != "" or below in self.formulas:
            return below
        return None

    def unit_after(self, r: int, c: int, cat: Catalogue) -> tuple[str | None, float] | None:
        _, c1 = self.end_of(r, c)
        for k in range(c1 + 1, min(self.width(r), c1 + 4)):
            v = self.get(r, k)
            if v != "":
                return cat.unit_cell(v)
        return None


def parse_form(wb: Workbook) -> ParsedForm:
    """Find the form's values, organization, contacts and title in any sheet of `wb`."""
    cat = catalogue()
    grids = [_Grid(s, cat) for s in wb.sheets if not s.skipped]
    best, best_score, parsed = None, None, None
    for grid in grids:
        if not any(m.kind in ("metric", "total") for _, m in grid.labels.values()):
            continue
        result = _parse_values(grid, cat)
        numeric = sum(1 for v in result.values if v.role == "value" and v.value is not None)
        score = (numeric, sum(1 for v in result.values if v.metric), grid.sheet.visible == "visible")
        if best_score is None or score > best_score:
            best, best_score, parsed = grid, score, result
    form = ParsedForm(form=None)
    if parsed is not None and parsed.values:
        form = parsed
        form.form = "summary"
    ordered = ([best] if best else []) + [g for g in grids if g is not best]
    _read_fields(ordered, cat, form)
    if best is not None and form.form == "summary":
        _unmapped(best, cat, form)
    _title(ordered, cat, form)
    if form.form is None:
        form.form = _other_form(grids, cat)
    return form


def _parse_values(grid: _Grid, cat: Catalogue) -> ParsedForm:
    out = ParsedForm(form=None)
    positions: list[tuple[int, int]] = []  # value cell of each out.values entry
    totals = []
    for (r, c), (raw, m) in sorted(grid.labels.items()):
        if m.kind == "total":
            totals.append((r, c, raw, m))
        elif m.kind == "metric":
            if m.channel is None and cat.metrics[m.target].inherit_channel:
                m = replace(m, channel=_row_channel(grid, r, c))
            _emit(grid, cat, out, positions, r, c, raw, m, "value")
    for r, c, raw, m in totals:
        if m.target is not None:
            _emit(grid, cat, out, positions, r, c, raw, m, "total")
            continue
        _, c1 = grid.end_of(r, c)  # a bare 合计: every figure on its row, metric from the column above
        for k in range(c1 + 1, grid.width(r)):
            if (r, k) in grid.labels or (grid.get(r, k) == "" and (r, k) not in grid.formulas):
                continue
            above = [i for i, (pr, pc) in enumerate(positions) if pc == k and pr < r and out.values[i].metric]
            metric = out.values[above[-1]].metric if above else None
            _emit(grid, cat, out, positions, r, c, raw, replace(m, target=metric), "total", at=(r, k))
    settle_unit_rows(grid, out)  # a table of several units: only its 合计 row is this unit's figure
    _repeats(out, cat)
    _check_totals(out, cat)
    return out


def _row_channel(grid: _Grid, r: int, c: int) -> str | None:
    """Seed 000: 动员科技小院数量（个） | n | 开展活动数量（场） | m — the events take the row's channel."""
    for k in range(c - 1, -1, -1):
        hit = grid.labels.get((r, k))
        if hit and hit[1].channel:
            return hit[1].channel
    return None


def _emit(grid: _Grid, cat: Catalogue, out: ParsedForm, positions: list, r: int, c: int, raw: str,
          m: LabelMatch, role: str, at: tuple[int, int] | None = None) -> None:  # fmt: skip
    sheet = grid.sheet.name
    label = " ".join(raw.split())
    if m.inline_value is not None:
        pos, value_raw, unit_cell = (r, c), m.inline_value, None
    else:
        pos = at or grid.value_cell(r, c, cat)
        if pos is None:
            if not m.exact or role != "value":
                return  # a loose match with nothing beside it is a heading, not a blank field
            # a blank field: the empty cell beside the label, or below it when a label stands to the
            # right (header-row tables); never another label's cell
            r1, c1 = grid.end_of(r, c)
            pos = (r, c1 + 1) if (r, c1 + 1) not in grid.labels else (r1 + 1, c)
            if pos in grid.labels:
                return
        value_raw = grid.get(*pos)
        unit_cell = grid.unit_after(*pos, cat) if value_raw != "" else None
        grid.consumed.add(pos)
    fv = FormValue(
        sheet, a1(*pos), label, a1(r, c), _raw_text(value_raw), m.target, m.channel, None, False, role
    )
    positions.append(pos)
    out.values.append(fv)
    if pos in grid.formulas and value_raw == "":
        out.issues.append(issue("formula_no_value", sheet, fv.cell))
        return
    if m.target is None:
        return
    _evaluate(fv, value_raw, m, unit_cell, cat, out.issues)


def _evaluate(fv: FormValue, raw: object, m: LabelMatch, unit_cell: tuple | None, cat: Catalogue,
              issues: list[Issue]) -> None:  # fmt: skip
    spec = cat.metrics[m.target]
    where = (fv.sheet, fv.cell)
    pn = parse_number(raw)
    if pn.error is not None:
        fv.role = "rejected"
        issues.append(issue("value_not_a_number", *where, label=fv.label, raw=fv.raw_text))
        return
    if pn.value is None:
        return
    value, unit = pn.value, pn.unit
    if unit is None and unit_cell is not None:
        unit = unit_cell[0]
        value *= unit_cell[1]
    elif unit is None and m.multiplier != 1.0 and not any(ch in fv.raw_text for ch in "万亿"):
        value *= m.multiplier  # 受益群众（万人次） | 12.5
    if unit is not None and unit not in spec.units:
        fv.role = "rejected"
        issues.append(issue("value_wrong_unit", *where, label=fv.label, raw=fv.raw_text, unit=unit,
                            expected=spec.unit_zh))  # fmt: skip
        return
    if value < 0:
        fv.role = "rejected"
        issues.append(issue("value_negative", *where, label=fv.label, raw=fv.raw_text))
        return
    if value > spec.max_value:
        fv.role = "rejected"
        issues.append(issue("value_too_large", *where, label=fv.label, raw=fv.raw_text,
                            maximum=f"{spec.max_value:,.0f}"))  # fmt: skip
        return
    value = round(value, 6)
    fv.value, fv.approximate = value, pn.approximate
    if not value.is_integer():
        issues.append(issue("value_not_integer", *where, label=fv.label, raw=fv.raw_text))
    if pn.approximate:
        issues.append(
            issue("value_approximate", *where, label=fv.label, raw=fv.raw_text, value=f"{value:,.0f}")
        )


def _repeats(out: ParsedForm, cat: Catalogue) -> None:
    """The same metric (and channel) twice: the first with a figure wins, the others are not used."""
    first: dict[tuple[str, str | None], FormValue] = {}
    for fv in out.values:
        if fv.role != "value" or fv.metric is None:
            continue
        key = (fv.metric, fv.channel)
        kept = first.get(key)
        if kept is None:
            first[key] = fv
        elif kept.value is None and fv.value is not None and kept.raw_text == "":
            kept.role = "rejected"  # a blank first field yields to a filled one
            first[key] = fv
        else:
            fv.role = "rejected"
            if fv.value is not None:
                out.issues.append(issue("metric_repeated", fv.sheet, fv.cell,
                                        metric=cat.metrics[fv.metric].name_zh, other=kept.cell))  # fmt: skip
            fv.value = None


def _check_totals(out: ParsedForm, cat: Catalogue) -> None:
    for t in out.values:
        if t.role != "total" or t.metric is None or t.value is None:
            continue
        items = [v for v in out.values if v.role == "value" and v.metric == t.metric
                 and (t.channel is None or v.channel == t.channel)]  # fmt: skip
        if not items:  # the total is the only figure of its metric: it is the value
            t.role = "value"
            continue
        total = sum(v.value for v in items if v.value is not None)
        if abs(total - t.value) > 0.5:
            out.issues.append(issue("total_mismatch", t.sheet, t.cell, label=t.label,
                                    total=f"{t.value:,.0f}", sum=f"{total:,.0f}"))  # fmt: skip


def _read_fields(grids: list[_Grid], cat: Catalogue, form: ParsedForm) -> None:
    """Organization (first found, preferring the form's sheet) and contact fields."""
    seen: set[tuple[str, str]] = set()
    for grid in grids:
        for (r, c), (_, m) in sorted(grid.labels.items()):
            if m.kind != "field":
                continue
            if m.inline_value is not None:
                pos, raw = (r, c), m.inline_value
            else:
                pos = grid.value_cell(r, c, cat)
                if pos is None:
                    continue
                raw = grid.get(*pos)
                grid.consumed.add(pos)
            text = _raw_text(raw)
            if m.target == "org":
                name = cat.strip_seal(text)
                if name and form.org_name is None:
                    form.org_name, form.org_sheet, form.org_cell = name, grid.sheet.name, a1(*pos)
            elif text and (m.target, text) not in seen:
                seen.add((m.target, text))
                form.contacts.append(Contact(grid.sheet.name, a1(*pos), m.target, text))


def _unmapped(grid: _Grid, cat: Catalogue, form: ParsedForm) -> None:
    """A text cell with a number beside it that matches no metric: kept raw, reported, never counted."""
    for r, c, raw in grid.texts:
        if (r, c) in grid.consumed:
            continue
        norm = normalize_label(raw)
        if len(norm) < 2 or len(norm) > MAX_LABEL_CHARS or parse_number(raw).value is not None:
            continue
        pos = grid.right(r, c, cat)
        if pos is None or pos in grid.consumed:
            continue
        pn = parse_number(grid.get(*pos))
        if pn.value is None or pn.error:
            continue
        label = " ".join(raw.split())
        form.values.append(FormValue(grid.sheet.name, a1(*pos), label, a1(r, c), _raw_text(grid.get(*pos)),
                                     None, None, pn.value, pn.approximate, "unmapped"))  # fmt: skip
        form.issues.append(issue("label_unmapped", grid.sheet.name, a1(*pos), label=label))


def _title(grids: list[_Grid], cat: Catalogue, form: ParsedForm) -> None:
    for grid in grids:
        for r, _, raw in grid.texts:
            if r >= _TITLE_ROWS:
                break
            norm = normalize_label(raw)
            if len(norm) <= 60 and any(w in norm for w in cat.title_words):
                form.title = " ".join(raw.split())
                year = _YEAR_RE.search(norm)
                form.year_hint = int(year.group(1)) if year else None
                return


def _other_form(grids: list[_Grid], cat: Catalogue) -> str | None:
    """Not a summary: is it the 优秀活动推荐表 or a 筹备方案 (read elsewhere)?"""
    for grid in grids:
        for _, _, raw in grid.texts:
            kind = cat.form_kind(normalize_label(raw))
            if kind:
                return kind
    return None


def _raw_text(value: object) -> str:
    if value.__class__ is float and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if value.__class__ is str else str(value)
