"""Workbook -> ParsedForm: the summary form's figures found by their labels, never by fixed addresses.

Each text cell is matched once against metrics.yaml (etl/forms/vocabulary.py). A label's value is the next non-empty
cell to its right outside the label's merged range (stopping at another label); with nothing there, the cell
below (header-row tables). A unit cell after the value (list-style 指标 | 数值 | 单位) gives the unit.
In seed 000's form an events label takes the channel of the 动员农技协/科技小院/科普教育基地 label on its row.
合计/小计/总计 are checks (role total); a bare 合计 row takes each column's metric from the figure above it.
The figures' rules, repeats and totals are checked in etl/forms/checks.py; the records are etl/forms/records.py.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from etl.forms.checks import check_totals, evaluate, resolve_repeats
from etl.forms.grid import Grid, Pos
from etl.forms.records import Contact, FormValue, ParsedForm
from etl.forms.unit_tables import settle_unit_rows
from etl.forms.values import parse_number
from etl.forms.vocabulary import MAX_LABEL_CHARS, Catalogue, LabelMatch, catalogue, normalize_label
from etl.issues import issue
from etl.readers.cells import a1
from etl.readers.workbook import Workbook

_YEAR_RE = re.compile(r"(20[0-9]{2})")
_TITLE_ROWS = 10


def parse_form(wb: Workbook) -> ParsedForm:
    """Find the form's values, organization, contacts and title in any sheet of `wb`."""
    cat = catalogue()
    grids = [Grid(s, cat.match) for s in wb.sheets if not s.skipped]
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


def _parse_values(grid: Grid[LabelMatch], cat: Catalogue) -> ParsedForm:
    out = ParsedForm(form=None)
    positions: list[Pos] = []  # value cell of each out.values entry
    totals = []
    for (r, c), (raw, m) in grid.labels.items():  # in reading order (Grid fills it so)
        if m.kind == "total":
            totals.append((r, c, raw, m))
        elif m.kind == "metric":
            if m.channel is None and cat.metrics[m.target].inherit_channel:
                m = _on_channel(m, _row_channel(grid, r, c))
            _emit(grid, cat, out, positions, r, c, raw, m, "value")
    for r, c, raw, m in totals:
        if m.target is not None:
            _emit(grid, cat, out, positions, r, c, raw, m, "total")
            continue
        _, c1 = grid.end_of(r, c)  # a bare 合计: every figure on its row, metric from the column above
        for k in range(c1 + 1, grid.width(r)):
            if (r, k) in grid.labels or not grid.filled(r, k):
                continue
            above = [i for i, (pr, pc) in enumerate(positions) if pc == k and pr < r and out.values[i].metric]
            metric = out.values[above[-1]].metric if above else None
            _emit(grid, cat, out, positions, r, c, raw, replace(m, target=metric), "total", at=(r, k))
    settle_unit_rows(grid, out)  # a table of several units: only its 合计 row is this unit's figure
    resolve_repeats(out, cat)
    check_totals(out, cat)
    return out


@lru_cache(maxsize=256)  # the same few labels on the same three channels: dataclasses.replace once each
def _on_channel(m: LabelMatch, channel: str | None) -> LabelMatch:
    return replace(m, channel=channel)


def _row_channel(grid: Grid[LabelMatch], r: int, c: int) -> str | None:
    """Seed 000: 动员科技小院数量（个） | n | 开展活动数量（场） | m — the events take the row's channel."""
    for k in range(c - 1, -1, -1):
        hit = grid.labels.get((r, k))
        if hit and hit[1].channel:
            return hit[1].channel
    return None


def _emit(grid: Grid[LabelMatch], cat: Catalogue, out: ParsedForm, positions: list[Pos], r: int, c: int,
          raw: str, m: LabelMatch, role: str, at: Pos | None = None) -> None:  # fmt: skip
    sheet = grid.sheet.name
    label = " ".join(raw.split())
    if m.inline_value is not None:
        pos, value_raw, unit_cell = (r, c), m.inline_value, None
    else:
        pos = at or _value_cell(grid, r, c, cat)
        if pos is None:
            if not m.exact or role != "value":
                return  # a loose match with nothing beside it is a heading, not a blank field
            # a blank field: the empty cell beside the label, or below it when a label stands to the
            # right (header-row tables); never another label's cell
            right, below = grid.beside(r, c)
            pos = right if right not in grid.labels else below
            if pos in grid.labels:
                return
        value_raw = grid.get(*pos)
        unit_cell = _unit_after(grid, *pos, cat) if value_raw != "" else None
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
    evaluate(fv, value_raw, m, unit_cell, cat, out.issues)


def _right(grid: Grid[LabelMatch], r: int, c: int, cat: Catalogue) -> Pos | None:
    """Next filled cell right of (r, c)'s merged range, stopping at a label or a bare unit cell."""
    pos = grid.next_right(r, c)
    return None if pos is not None and cat.unit_cell(grid.get(*pos)) else pos


def _value_cell(grid: Grid[LabelMatch], r: int, c: int, cat: Catalogue) -> Pos | None:
    """Right first; with nothing to the right, the cell below the label (header-row tables)."""
    found = _right(grid, r, c, cat)
    if found is not None:
        return found
    if _unit_after(grid, r, c, cat) is not None:
        return None  # list-style row with a blank value: 志愿服务队 | (blank) | 支
    _, below = grid.beside(r, c)
    if below in grid.labels:
        return None
    return below if grid.filled(*below) else None


def _unit_after(grid: Grid[LabelMatch], r: int, c: int, cat: Catalogue) -> tuple[str | None, float] | None:
    """The unit in a 单位 column after (r, c) (list-style 指标 | 数值 | 单位), within three cells."""
    _, c1 = grid.end_of(r, c)
    # the row's own cells suffice: past its end (formula cells the reader left empty) every value is ''
    for v in grid.rows[r][c1 + 1 : c1 + 4] if 0 <= r < len(grid.rows) else ():
        if v != "":
            return cat.unit_cell(v)
    return None


def _read_fields(grids: list[Grid[LabelMatch]], cat: Catalogue, form: ParsedForm) -> None:
    """Organization (first found, preferring the form's sheet) and contact fields."""
    seen: set[tuple[str, str]] = set()
    for grid in grids:
        for (r, c), (_, m) in grid.labels.items():  # in reading order
            if m.kind != "field":
                continue
            if m.inline_value is not None:
                pos, raw = (r, c), m.inline_value
            else:
                pos = _value_cell(grid, r, c, cat)
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


def _unmapped(grid: Grid[LabelMatch], cat: Catalogue, form: ParsedForm) -> None:
    """A text cell with a number beside it that matches no metric: kept raw, reported, never counted."""
    for r, c, raw in grid.texts:
        if (r, c) in grid.consumed:
            continue
        norm = normalize_label(raw)
        if len(norm) < 2 or len(norm) > MAX_LABEL_CHARS or parse_number(raw).value is not None:
            continue
        pos = _right(grid, r, c, cat)
        if pos is None or pos in grid.consumed:
            continue
        pn = parse_number(grid.get(*pos))
        if pn.value is None or pn.error:
            continue
        label = " ".join(raw.split())
        form.values.append(FormValue(grid.sheet.name, a1(*pos), label, a1(r, c), _raw_text(grid.get(*pos)),
                                     None, None, pn.value, pn.approximate, "unmapped"))  # fmt: skip
        form.issues.append(issue("label_unmapped", grid.sheet.name, a1(*pos), label=label))


def _title(grids: list[Grid[LabelMatch]], cat: Catalogue, form: ParsedForm) -> None:
    for grid in grids:
        for r, _, raw in grid.texts:
            if r >= _TITLE_ROWS:
                break
            norm = normalize_label(raw)
            if len(norm) <= 60 and cat.title_re.search(norm):
                form.title = " ".join(raw.split())
                year = _YEAR_RE.search(norm)
                form.year_hint = int(year.group(1)) if year else None
                return


def _other_form(grids: list[Grid[LabelMatch]], cat: Catalogue) -> str | None:
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
