"""A Word document written with python-docx: each sheet becomes one table (merged cells kept), preceded by
its title lines as paragraphs and followed by an empty one; zipped again at a fixed time.
"""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt

from etl.demo.book.package import FIXED_ZIP_TIME, fixed_zip, unzip, utc
from etl.demo.book.spec import BookSpec, Formula


def _text(value: object) -> str:
    return str(value.cached if isinstance(value, Formula) else value)


def docx_tables(book: BookSpec) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    for sheet in book.sheets:
        for line in sheet.title_lines:
            doc.add_paragraph(line)
        rows = sheet.rows
        table = doc.add_table(rows=len(rows), cols=max((len(r) for r in rows), default=0))
        table.style = "Table Grid"
        for r0, c0, r1, c1 in sheet.merged:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        hidden = sheet.covered() - {(r0, c0) for r0, c0, _r1, _c1 in sheet.merged}
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if (r, c) not in hidden:  # python-docx would repeat a merged cell's text in each of its cells
                    table.cell(r, c).text = _text(v)
        doc.add_paragraph("")
    # Properties in this order: python-docx appends the ones its template lacks as they are set.
    props, cp = book.properties, doc.core_properties
    if props.created is not None:
        cp.created = utc(props.created)
    if props.modified is not None:
        cp.modified = cp.last_printed = utc(props.modified)
    cp.revision = 1
    cp.title = props.title
    if props.creator:
        cp.author = cp.last_modified_by = props.creator
    if props.keywords:
        cp.keywords = props.keywords
    if props.description:
        cp.comments = props.description
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(unzip(buf.getvalue()), FIXED_ZIP_TIME)
