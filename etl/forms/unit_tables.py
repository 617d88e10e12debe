"""A header-row table that lists several units (a city's sheet of its counties, with or without 合计).

The form holds one unit's figures. When the figures under the metric headers go on for more rows, the
first row is one of several units, not the sender's own figure. Then:
- with a 合计/小计/总计 row, that row is the sender's figure (the unit rows are kept raw, not counted, and
  a warning names them: they are not their own submissions);
- without one, nothing in the table is counted and an error says why (which rows, what to send).
"""

from __future__ import annotations

from etl.forms.grid import Grid
from etl.forms.records import ParsedForm
from etl.forms.values import parse_number
from etl.forms.vocabulary import LabelMatch
from etl.issues import issue
from etl.readers.cells import a1, rc

MAX_NAMES = 5  # unit names quoted in the message


def _filled(value: object) -> bool:
    return value != "" and value is not None and parse_number(value).value is not None


def settle_unit_rows(grid: Grid[LabelMatch], out: ParsedForm) -> None:
    """Find a multi-unit header-row table among `out.values` and settle which figures count."""
    header = []  # figures written right below their label (a header row); most forms have none
    for fv in out.values:
        if fv.role == "value" and fv.metric and fv.label_cell and fv.cell:
            (r, c), (lr, lc) = rc(fv.cell), rc(fv.label_cell)
            if r == lr + 1 and c == lc:
                header.append(fv)
    if len(header) < 2:
        return
    first_row = rc(header[0].cell)[0]
    cols = sorted({rc(fv.cell)[1] for fv in header if rc(fv.cell)[0] == first_row})
    if len(cols) < 2:
        return
    totals = {(fv_r, fv_c) for fv in out.values if fv.role == "total" for fv_r, fv_c in [rc(fv.cell)]}
    unit_rows, total_row = [first_row], None
    r = first_row + 1
    while r < len(grid.rows) and any(grid.get(r, c) not in ("", None) for c in cols):
        if any((r, c) in totals for c in cols):
            total_row = r
        elif sum(_filled(grid.get(r, c)) for c in cols) >= 2:
            unit_rows.append(r)
        r += 1
    if len(unit_rows) < 2:
        return
    first_col = min(cols)
    named = [(u, k) for u in unit_rows for k in range(first_col)
             if isinstance(grid.get(u, k), str) and grid.get(u, k).strip()]  # fmt: skip
    names = [grid.get(u, k).strip() for u, k in named]
    shown = "、".join(names[:MAX_NAMES]) + ("等" if len(names) > MAX_NAMES else "")
    rows = f"{unit_rows[0] + 1}–{unit_rows[-1] + 1}"
    for u in unit_rows:  # their cells are the units' details: not unmapped labels of this form
        grid.consumed.update((u, k) for k in range(grid.width(u)))
    sheet = grid.sheet.name
    where = a1(*named[0]) if named else a1(unit_rows[0], first_col)
    cells = {fv.cell for fv in header}  # what was said about these figures no longer applies to a count
    out.issues[:] = [i for i in out.issues if not (i.sheet == sheet and i.cell in cells)]
    if total_row is not None:
        for fv in header:
            fv.role = "unmapped"  # kept raw with its cell, never counted
        out.issues.append(issue("multi_unit_total", sheet, where, rows=rows, units=shown or "—",
                                total_row=str(total_row + 1)))  # fmt: skip
        return
    for fv in header:
        fv.role, fv.value = "rejected", None
    out.issues.append(issue("multi_unit_no_total", sheet, where, rows=rows, units=shown or "—"))
