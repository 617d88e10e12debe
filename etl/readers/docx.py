"""A Word document's tables -> the same `Workbook` / `Sheet` structure as etl/readers/workbook.py.

Forms like 附件2 优秀活动推荐表 and the 2021 筹备方案 are usually filled in Word. Each table becomes a
sheet named 表1, 表2, … (so a cell address reads 表1!B3), with one string per layout-grid cell.
python-docx repeats a merged cell's text in every grid position it covers; here the text sits only
in the top-left position and the span is listed in `merged`, as calamine does for Excel. The
paragraphs before and after each table are kept (`before` / `after`) for title and year detection.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from etl.readers import safety as filecheck
from etl.readers.workbook import Sheet, Workbook, WorkbookError


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


def cell_text(tc: Any) -> str:
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


def table_grid(table: Table) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Rows of cell texts over the table's layout grid, and merged ranges (0-based, inclusive)."""
    rows: list[dict[int, str]] = []
    spans: list[list[int]] = []  # [first_row, first_col, last_row, last_col]
    open_vertical: dict[int, list[int]] = {}  # grid column -> span still open downwards
    width = 0
    for r, tr in enumerate(table._tbl.tr_lst):
        cells: dict[int, str] = {}
        col = tr.grid_before
        for tc in tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge == "continue" and col in open_vertical:
                open_vertical[col][2] = r  # the cell above grows down; its text stays there
            else:
                for c in range(col, col + span):
                    open_vertical.pop(c, None)
                cells[col] = cell_text(tc)
                rng = [r, col, r, col + span - 1]
                if tc.vMerge == "restart":
                    open_vertical[col] = rng
                spans.append(rng)
            col += span
        width = max(width, col)
        rows.append(cells)
    grid = [[cells.get(c, "") for c in range(width)] for cells in rows]
    merged = [tuple(s) for s in spans if s[2] > s[0] or s[3] > s[1]]
    return grid, merged  # type: ignore[return-value]


def _properties(doc: Any) -> dict[str, str]:
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


def _check(path: Path) -> None:
    """Size and zip-bomb guards with the workbook checker's limits (etl/readers/safety.py); that checker
    itself refuses Word files, so the container checks are applied here for .docx."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise WorkbookError(f"无法打开文件：{exc.strerror or exc}", f"cannot open the file: {exc}") from exc
    if size == 0 or size > filecheck.MAX_FILE_BYTES:
        raise WorkbookError(f"文件大小不可接受（{size} 字节）", f"unacceptable file size ({size} bytes)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookError(
            "文件已损坏或不是 .docx 文档", f"damaged or not a .docx document ({exc})"
        ) from exc
    total = sum(i.file_size for i in infos)
    bomb = any(
        i.file_size > filecheck.RATIO_MIN_BYTES
        and i.file_size / max(i.compress_size, 1) > filecheck.MAX_RATIO
        for i in infos
    )
    if len(infos) > filecheck.MAX_ZIP_ENTRIES or total > filecheck.MAX_UNCOMPRESSED_BYTES or bomb:
        raise WorkbookError(
            "文档解压后内容异常，疑似“压缩炸弹”", "the document expands abnormally; refused as unsafe"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise WorkbookError(
            "文档已加密，请去除密码后再提交", "the document is encrypted; remove the password"
        )
    if "word/document.xml" not in {i.filename for i in infos}:
        raise WorkbookError("压缩包中没有 Word 文档内容", "the zip holds no Word document")


def read_docx_workbook(path: Path | str) -> Workbook:
    """Read every top-level table of a .docx; raises WorkbookError when it is not a readable document."""
    path = Path(path)
    _check(path)
    try:
        doc = Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise WorkbookError(
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
        raise WorkbookError("文档中没有表格", "the document holds no table")
    modified = doc.core_properties.modified
    if isinstance(modified, datetime) and modified.tzinfo is not None:  # naive UTC, as read_workbook
        modified = modified.astimezone(UTC).replace(tzinfo=None)
    return _workbook(path, sheets, modified if isinstance(modified, datetime) else None, _properties(doc))


def _workbook(
    path: Path, sheets: list[DocSheet], modified: datetime | None, props: dict[str, str]
) -> Workbook:
    return Workbook(path=path, file_format="docx", sheets=sheets, modified_at=modified, properties=props)
