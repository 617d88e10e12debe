"""The activity forms: 优秀活动推荐表 (seed 000, 附件2) and 特色亮点活动筹备方案 (seed 004, 2021).

`parse_activity_form(wb)` reads every sheet (or Word table) of a workbook; a sheet may hold the
summary form as well, in any order, and one sheet may hold several forms stacked. Each form block
starts at its organization label (推荐单位 / 主办单位名称) and ends where the next form starts.
Every activity keeps the sheet and cell it came from. Here: finding the blocks and reading each form's
list, reasons and plan fields. A label's value: etl/forms/activity_labels.py; ticks: etl/forms/ticks.py;
the records: etl/forms/records.py.
"""

from __future__ import annotations

import re

from etl.forms.activity_labels import SUMMARY_STARTS, config, known_label, labelled, read_contacts
from etl.forms.grid import Grid, norm
from etl.forms.records import ActivityForm, PlannedActivity, RecommendedActivity
from etl.forms.ticks import ticked_options
from etl.issues import issue
from etl.numerals import cn_number
from etl.readers.workbook import Sheet, Workbook

YEAR_RE = re.compile(r"(20[0-9]{2})\s*年")


def has_activity_form(wb: Workbook) -> bool:
    """Cheap check: does any sheet hold a recommendation or plan form (e.g. beside a summary form)?"""
    forms = config()["forms"]
    for sheet in wb.sheets:
        texts = {norm(str(v)) for row in sheet.rows for v in row if isinstance(v, str) and v}
        for spec in forms.values():
            if all(any(t.startswith(norm(sig)) for t in texts) for sig in spec["signature"]):
                return True
    return False


def parse_activity_form(wb: Workbook) -> ActivityForm:
    """Every recommendation and plan block in the workbook; never raises on odd layouts."""
    cfg = config()
    result = ActivityForm(form=None, org_name=None, org_cell=None)
    starts = {"recommendation": cfg["recommendation"]["org"], "plan": cfg["plan"]["org"]}
    for sheet in wb.sheets:
        grid = Grid(sheet, known_label)
        marks = sorted(
            [(h.row, kind) for kind, labels in starts.items() for h in grid.find(labels)]
            + [(h.row, "summary") for h in grid.find(SUMMARY_STARTS)]
        )
        for i, (row, kind) in enumerate(marks):
            if kind == "summary":
                continue
            end = marks[i + 1][0] if i + 1 < len(marks) else grid.n_rows
            block = range(row, end)  # titles above the organization label belong to no field
            if not all(grid.first([s], block) for s in cfg["forms"][kind]["signature"]):
                continue
            reader = _read_recommendation if kind == "recommendation" else _read_plan
            org, org_cell = reader(grid, block, result)
            result.form = result.form or kind
            if org and not result.org_name:
                result.org_name, result.org_cell, result.org_sheet = org, org_cell, grid.name
        if result.form and not result.year_hint:
            result.year_hint = _year_in(grid, sheet)
    return result


def _year_in(grid: Grid[str], sheet: Sheet) -> int | None:
    """A year in the form's title: the table's own paragraphs (Word) or its first rows."""
    texts = list(getattr(sheet, "before", []) or [])
    texts += [t for row in grid.text_rows[:3] for t in row]
    for t in texts:
        m = YEAR_RE.search(t)
        if m:
            return int(m.group(1))
    return None


def _read_recommendation(grid: Grid[str], block: range, out: ActivityForm) -> tuple[str | None, str | None]:
    cfg = config()["recommendation"]
    org, org_cell = labelled(grid, block, cfg["org"])
    read_contacts(grid, block, cfg["contacts"], out)
    listed = _recommended_list(grid, block, cfg)
    reasons = _reasons(grid, block, cfg)
    for seq, (name, reason, r, c) in sorted(reasons.items()):
        act = listed.get(seq)
        if act is None and not (name or reason):
            continue  # an unused 活动N slot of the template
        if act is None:  # named only above its reason
            act = listed[seq] = RecommendedActivity(grid.name, grid.addr(r, c), seq, name, None)
        act.name = act.name or name
        if reason:
            act.reason, act.reason_sheet, act.reason_cell = reason, grid.name, grid.addr(r, c)
            act.reason_length = len(norm(reason))
            act.reason_too_long = act.reason_length > cfg["reason_max_chars"]
    for act in sorted(listed.values(), key=lambda a: a.seq):
        label = act.name or str(act.seq)
        if act.reason_too_long:
            out.issues.append(
                issue(
                    "activity_reason_too_long",
                    act.reason_sheet,
                    act.reason_cell,
                    seq=act.seq,
                    name=label,
                    length=act.reason_length,
                    maximum=cfg["reason_max_chars"],
                )
            )
        elif not act.reason:
            out.issues.append(issue("activity_reason_missing", act.sheet, act.cell, seq=act.seq, name=label))
        out.activities.append(act)
    if not listed:
        out.issues.append(issue("activity_form_empty", grid.name, org_cell))
    elif len(listed) > cfg["max_activities"]:
        out.issues.append(
            issue("activity_too_many", grid.name, None, count=len(listed), maximum=cfg["max_activities"])
        )
    return org, org_cell


def _recommended_list(grid: Grid[str], block: range, cfg: dict) -> dict[int, RecommendedActivity]:
    """The 推荐名单 rows under the 序号 / 活动名称 / 举办单位 header; empty rows are skipped."""
    head = cfg["list_header"]
    name_hit = grid.first(head["name"], block)
    if name_hit is None:
        return {}
    hr = name_hit.row
    cols = {
        key: next((h.col for h in grid.find(labels, range(hr, hr + 1))), None) for key, labels in head.items()
    }
    stop = grid.first(cfg["list_end"], range(hr + 1, block.stop))
    end = stop.row if stop else min(block.stop, hr + 1 + 10)
    reason_re = re.compile(cfg["reason_label"])
    found: dict[int, RecommendedActivity] = {}
    for r in range(hr + 1, end):
        if any(reason_re.match(t) for t in grid.text_rows[r]):
            break
        name = grid.text(r, cols["name"]) if cols["name"] is not None else ""
        org = grid.text(r, cols["organizer"]) if cols["organizer"] is not None else ""
        if not (name or org):
            continue
        seq_text = grid.text(r, cols["seq"]) if cols["seq"] is not None else ""
        seq = int(seq_text) if seq_text.isdigit() else len(found) + 1
        while seq in found:
            seq += 1
        found[seq] = RecommendedActivity(
            grid.name, grid.addr(r, cols["name"]), seq, name or None, org or None
        )
    return found


def _reasons(grid: Grid[str], block: range, cfg: dict) -> dict[int, tuple[str | None, str | None, int, int]]:
    """seq -> (name written in the label, reason, row, col of the reason or of its label)."""
    label_re = re.compile(cfg["reason_label"])
    instr_re = re.compile(cfg["reason_instruction"])
    out: dict[int, tuple[str | None, str | None, int, int]] = {}
    for r in block:
        for c, text in enumerate(grid.text_rows[r]):
            m = label_re.match(text)
            if not m:
                continue
            key = m.group(1)
            seq = int(cn_number(key) or 0)  # 活动1 / 活动一
            rest = instr_re.sub("\n", text[m.end() :]).strip()
            first, _, more = rest.partition("\n")
            name = first.strip() or None
            for placeholder in cfg["reason_placeholder_names"]:
                if name and name.startswith(placeholder):
                    more = (name[len(placeholder) :] + "\n" + more).strip()
                    name = None
                    break
            reason = more.strip() or None
            rr, rc = r, c
            if reason is None:
                reason, rr, rc = _reason_beside(grid, r, c, label_re)
            out.setdefault(seq, (name, reason, rr, rc))
    return out


def _reason_beside(grid: Grid[str], r: int, c: int, label_re: re.Pattern) -> tuple[str | None, int, int]:
    """The reason typed in the cell to the right of its label, else in the cell below it."""
    for rr, cc in grid.beside(r, c):
        t = grid.text(rr, cc)
        if t and not label_re.match(t) and not grid.is_label(rr, cc):
            return t, rr, cc
    return None, r, c


def _read_plan(grid: Grid[str], block: range, out: ActivityForm) -> tuple[str | None, str | None]:
    cfg = config()["plan"]
    org, org_cell = labelled(grid, block, cfg["org"])
    values: dict[str, str | None] = {}
    name_cell = None
    for key, labels in cfg["fields"].items():
        values[key], cell = labelled(grid, block, labels)
        if key == "activity_name":
            name_cell = cell
    modules = ticked_options(grid, block, cfg["modules"])
    groups = ticked_options(grid, block, cfg["target_groups"])
    read_contacts(grid, block, cfg["contacts"], out)
    act = PlannedActivity(
        grid.name,
        name_cell or org_cell or grid.addr(block.start, 0),
        values["activity_name"],
        org,
        values["undertaker"],
        modules,
        values["planned_time"],
        values["planned_place"],
        groups,
        values["planned_scale"],
    )
    out.activities.append(act)
    if not modules:
        anchor = grid.first(cfg["modules"]["anchor"], block)
        out.issues.append(
            issue(
                "activity_plan_no_module",
                grid.name,
                grid.addr(anchor.row, anchor.col) if anchor else act.cell,
                name=act.name or "（未填写名称）",
                name_en=act.name or "(no name)",
            )
        )
    return org, org_cell
