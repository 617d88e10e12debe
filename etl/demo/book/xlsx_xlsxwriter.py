"""A .xlsx in the activity forms' look, written with XlsxWriter: every table cell wrapped and top-aligned,
title lines plain in the rows above. XlsxWriter zips at the created time itself, so the bytes repeat.
"""

from __future__ import annotations

import io

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from etl.demo.book.package import utc
from etl.demo.book.spec import BookSpec, Formula


def _write(ws: Worksheet, row: int, col: int, value: object, fmt: Format) -> None:
    if isinstance(value, Formula):
        ws.write_formula(row, col, "=" + value.expr, fmt, value.cached)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def xlsxwriter_xlsx(book: BookSpec) -> bytes:
    props = book.properties
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    info: dict[str, object] = {"title": props.title}
    if props.created is not None:
        info["created"] = utc(props.created)  # also the zip entries' time
    if props.creator:
        info["author"] = props.creator
    if props.keywords:
        info["keywords"] = props.keywords
    if props.description:
        info["comments"] = props.description
    wb.set_properties(info)
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    for name, sheet in zip(book.sheet_names(), book.sheets, strict=True):
        ws = wb.add_worksheet(name)
        if sheet.state == "hidden":
            ws.hide()
        # Writing order is the shared-strings order: title lines, merged ranges, then cells row by row.
        for i, line in enumerate(sheet.title_lines):
            ws.write_string(i, 0, line)
        top = len(sheet.title_lines)
        for r0, c0, r1, c1 in sheet.merged:
            ws.merge_range(top + r0, c0, top + r1, c1, sheet.cells.get((r0, c0), ""), wrap)
        covered = sheet.covered()
        for (r, c), v in sorted(sheet.cells.items()):
            if (r, c) not in covered:
                _write(ws, top + r, c, v, wrap)
        for c, width in sheet.widths.items():
            ws.set_column(c, c, width)
    wb.close()
    return buf.getvalue()
