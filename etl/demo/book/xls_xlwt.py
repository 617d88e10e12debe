"""A legacy .xls (BIFF8) written with xlwt. It has no document properties, so the file's own time is the
submission time; a formula is written as the value Excel showed (xlwt cannot cache a result).
"""

from __future__ import annotations

import io

import xlwt

from etl.demo.book.spec import BookSpec, Formula


def xlwt_xls(book: BookSpec) -> bytes:
    wb = xlwt.Workbook(encoding="utf-8")
    title_style = xlwt.easyxf("font: bold on, height 280; align: horiz center")
    wrap_style = xlwt.easyxf("align: wrap on, vert centre")
    plain = xlwt.Style.default_style
    for name, given in zip(book.sheet_names(), book.sheets, strict=True):
        spec = given.laid_out()
        ws = wb.add_sheet(name)
        if spec.state == "hidden":
            ws.visibility = 1
        merged_at = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in spec.merged}
        for (r, c), v in sorted(spec.cells.items()):
            if isinstance(v, Formula):
                v = v.cached
            style = (
                title_style
                if (r, c) in spec.bold
                else wrap_style
                if isinstance(v, str) and "\n" in v
                else plain
            )
            if (r, c) in merged_at:
                r2, c2 = merged_at.pop((r, c))
                ws.write_merge(r, r2, c, c2, v, style)
            else:
                ws.write(r, c, v, style)
        for (r1, c1), (r2, c2) in merged_at.items():  # merged ranges whose first cell is empty
            ws.write_merge(r1, r2, c1, c2, "", plain)
        for c, w in spec.widths.items():
            ws.col(c).width = int(w * 256)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
