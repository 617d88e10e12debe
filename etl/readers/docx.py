"""A Word document's tables -> the same `Workbook` / `Sheet` structure as etl/readers/workbook.py.

Forms like 附件2 优秀活动推荐表 and the 2021 筹备方案 are usually filled in Word. Each table becomes a
sheet named 表1, 表2, … (so a cell address reads 表1!B3), with one string per layout-grid cell.
python-docx repeats a merged cell's text in every grid position it covers; here the text sits only
in the top-left position and the span is listed in `merged`, as calamine does for Excel. The
paragraphs before and after each table are kept (`before` / `after`) for title and year detection.

`table_cells` is the one walk over a Word table's cells, also used for notices (etl/notices/files.py).
The file is checked first, with a workbook's limits (etl/readers/safety.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.table import Table
from docx.text.paragraph import Paragraph

from etl.issues import InputError
from etl.readers.safety import check_document
from etl.readers.workbook import Sheet, Workbook


@dataclass
class DocSheet(Sheet):
    """A Word table as a sheet, with the document paragraphs around it."""

    before: list[str] = field(default_factory=list)  # paragraphs since the previous table
    after: list[str] = field(default_factory=list)  # paragraphs up to the next table


# Tick glyphs Word inserts as symbols (Insert > Symbol) rather than text: (font, char code) -> Unicode.
SYMBOLS = {
    ("wingdings", "F0FC"): "✓",
    ("wingdings", "00FC"): "✓",
    ("wingdings", "F0FE"): "☑",
    ("wingdings", "00FE"): "☑",
    ("wingdings", "F0A8"): "□",
    ("wingdings", "00A8"): "□",
    ("wingdings 2", "F050"): "✓",
    ("wingdings 2", "0050"): "✓",
    ("wingdings 2", "F052"): "☑",
    ("wingdings 2", "0052"): "☑",
    ("wingdings 2", "F053"): "☒",
    ("wingdings 2", "0053"): "☒",
    ("wingdings 2", "F0A3"): "□",
    ("wingdings 2", "00A3"): "□",
    ("wingdings 2", "F0A2"): "√",
}
T, TAB, BR, CR, SYM, RUN = (qn(f"w:{x}") for x in ("t", "tab", "br", "cr", "sym", "r"))


def cell_text(tc: CT_Tc) -> str:
    """A cell's text including content controls (check boxes) and symbol glyphs, which
    python-docx's `_Cell.text` leaves out; paragraphs joined by newlines."""
    paragraphs = []
    for p in tc.iter(qn("w:p")):
        parts = []
        for el in p.iter():
            if el.tag == T:
                parts.append(el.text or "")
            elif el.getparent() is None or el.getparent().tag != RUN:
                continue  # w:tab inside paragraph properties is a tab stop, not text
            elif el.tag == TAB:
                parts.append("\t")
            elif el.tag in (BR, CR):
                parts.append("\n")
            elif el.tag == SYM:
                font = (el.get(qn("w:font")) or "").lower()
                parts.append(SYMBOLS.get((font, (el.get(qn("w:char")) or "").upper()), ""))
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs).strip()


@dataclass(frozen=True)
class WordCell:
    """One `w:tc` of a Word table: a merged cell comes once, where Word stores it."""

    row: int
    col: int  # its first layout-grid column
    span: int  # layout-grid columns it covers
    top: int  # the row its vertical merge starts in (its own row when it is not merged downwards)
    text: str  # "" for the lower part of a vertical merge: the text is in the cell above

    @property
    def continued(self) -> bool:
        return self.top < self.row


def table_cells(table: Table) -> list[list[WordCell]]:
    """The one walk over a Word table: each row's cells over the layout grid (tables as sheets here,
    notices as lines in etl/notices/files.py). python-docx's `row.cells` repeats a merged cell in every
    grid position instead, and leaves out check boxes and symbols (see `cell_text`)."""
    rows: list[list[WordCell]] = []
    open_top: dict[int, int] = {}  # grid column -> first row of a vertical merge still open there
    for r, tr in enumerate(table._tbl.tr_lst):
        cells: list[WordCell] = []
        col = tr.grid_before
        for tc in tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge == "continue" and col in open_top:
                cells.append(WordCell(r, col, span, open_top[col], ""))  # the cell above grows down
            else:
                for c in range(col, col + span):
                    open_top.pop(c, None)
                if tc.vMerge == "restart":
                    open_top[col] = r
                cells.append(WordCell(r, col, span, r, cell_text(tc)))
            col += span
        rows.append(cells)
    return rows


def table_grid(table: Table) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Rows of cell texts over the table's layout grid, and merged ranges (0-based, inclusive)."""
    rows = table_cells(table)
    spans: dict[tuple[int, int], list[int]] = {}  # (top, col) -> [first_row, first_col, last_row, last_col]
    for cells in rows:
        for c in cells:
            if c.continued:
                spans[(c.top, c.col)][2] = c.row
            else:
                spans[(c.row, c.col)] = [c.row, c.col, c.row, c.col + c.span - 1]
    width = max((c.col + c.span for cells in rows for c in cells), default=0)
    texts = [{c.col: c.text for c in cells if not c.continued} for cells in rows]
    grid = [[by_col.get(col, "") for col in range(width)] for by_col in texts]
    merged = [(a, b, c, d) for a, b, c, d in spans.values() if c > a or d > b]
    return grid, merged


def _properties(doc: DocxDocument) -> dict[str, str]:
    cp = doc.core_properties
    props = {
        "creator": cp.author,
        "title": cp.title,
        "keywords": cp.keywords,
        "description": cp.comments,
        "subject": cp.subject,
        "category": cp.category,
        "last_modified_by": cp.last_modified_by,
    }
    return {k: str(v) for k, v in props.items() if v}


def read_docx_workbook(path: Path | str) -> Workbook:
    """Read every top-level table of a .docx; raises InputError when it is not a readable document."""
    path = Path(path)
    data = check_document(path)
    try:
        doc = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise InputError(
            f"不是可读取的 Word 文档（{type(exc).__name__}）",
            f"not a readable Word document ({type(exc).__name__})",
        ) from exc
    sheets: list[DocSheet] = []
    pending: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                pending.append(text)
                if sheets:
                    sheets[-1].after.append(text)
        elif isinstance(block, Table):
            rows, merged = table_grid(block)
            sheets.append(DocSheet(name=f"表{len(sheets) + 1}", rows=rows, merged=merged, before=pending))
            pending = []
    if not sheets:
        raise InputError("文档中没有表格", "the document holds no table")
    modified = doc.core_properties.modified
    if isinstance(modified, datetime) and modified.tzinfo is not None:  # naive UTC, as read_workbook
        modified = modified.astimezone(UTC).replace(tzinfo=None)
    return _workbook(path, sheets, modified if isinstance(modified, datetime) else None, _properties(doc))


def _workbook(
    path: Path, sheets: list[DocSheet], modified: datetime | None, props: dict[str, str]
) -> Workbook:
    return Workbook(path=path, file_format="docx", sheets=sheets, modified_at=modified, properties=props)
