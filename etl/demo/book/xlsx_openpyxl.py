"""A .xlsx/.xlsm as a unit's Excel saves it, written with openpyxl: styles, widths, merged cells, wrapped labels.

Formula cells get the value Excel would have cached (openpyxl stores none); a string starting with '=' is a
formula without a cached value, as openpyxl writes it. The package is zipped again at fixed times.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from etl.demo.book.package import FIXED_ZIP_TIME, core_xml, fixed_zip, macro_and_vba, number_text, unzip
from etl.demo.book.spec import BookSpec, Formula
from etl.readers.cells import a1, col_letter

SHEET_PART = re.compile(r"xl/worksheets/sheet(\d+)\.xml")


def _fill_formula_caches(xml: bytes, formulas: dict[str, float]) -> bytes:
    text = xml.decode("utf-8")
    for ref, cached in formulas.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>(?:<f>[^<]*</f>))<v\s*/?>(?:</v>)?')
        text = pattern.sub(lambda m, c=cached: f"{m.group(1)}<v>{number_text(c)}</v>", text, count=1)
    return text.encode("utf-8")


def openpyxl_xlsx(book: BookSpec, macro: bool) -> bytes:
    wb = Workbook()
    formulas: dict[int, dict[str, float]] = {}  # sheet number -> A1 -> cached value
    wrap = Alignment(wrap_text=True, vertical="center")
    for i, (name, given) in enumerate(zip(book.sheet_names(), book.sheets, strict=True)):
        spec = given.laid_out()
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        ws.sheet_state = spec.state
        for (r, c), v in sorted(spec.cells.items()):
            cell = ws.cell(row=r + 1, column=c + 1)
            if isinstance(v, Formula):
                cell.value = "=" + v.expr
                formulas.setdefault(i + 1, {})[a1(r, c)] = v.cached
            else:
                cell.value = v
            if isinstance(v, str) and "\n" in v:
                cell.alignment = wrap
            if (r, c) in spec.bold:
                cell.font = Font(bold=True, size=14)
        for r1, c1, r2, c2 in spec.merged:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for c, w in spec.widths.items():
            ws.column_dimensions[col_letter(c)].width = w
    raw = io.BytesIO()
    wb.save(raw)
    parts = []
    for name, data in unzip(raw.getvalue()):
        if name == "docProps/core.xml":
            data = core_xml(book.properties)
        m = SHEET_PART.fullmatch(name)
        if m and int(m.group(1)) in formulas:
            data = _fill_formula_caches(data, formulas[int(m.group(1))])
        parts.append((name, data))
    parts = macro_and_vba(parts, macro, book.vba_project)
    return fixed_zip(parts, book.properties.modified or FIXED_ZIP_TIME, unix_mode=0o600)
