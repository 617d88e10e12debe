"""A PDF notice -> its lines of text, in the convention of etl/notices/files.py (pdfplumber).

Only the text layer is read: a scanned PDF (pictures of pages) has none and is refused with a request
for the Word original. A PDF breaks each paragraph into printed lines; they are joined back (a line
that runs to the right margin continues on the next line when that starts at the left margin), so a
paragraph is one line as in a .txt or .docx notice (unless the next line starts like a heading or a list item). A ruled table comes out as Word tables do: one line
per cell, prefixed with a tab, and a blank line after each row. A line holding only a page number
("- 3 -") is left out, so a paragraph can continue across the page break.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from etl.issues import InputError
from etl.readers.safety import MAX_FILE_BYTES, MAX_PDF_PAGES, check_size, encrypted

PAGE_NUMBER_RE = re.compile(r"^[\s\-—–－]*\d{1,3}[\s\-—–－]*$")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# A printed line that starts like a heading or a list item (一、 （二） 3. 附件) begins a paragraph of its own,
# even when the line before it ran to the margin; so does the line after one that ends with a colon.
NEW_PARAGRAPH_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.]|附件)")
NO_TEXT = InputError(
    "PDF 没有文字层（可能是扫描件），无法读取文字，请提供 Word 原件（.docx 或 .doc）",
    "the PDF has no text layer (a scan?), so its text cannot be read; send the Word original (.docx or .doc)",
)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    size: float  # the line's height: about one character's width in CJK text


def read_pdf_lines(data: bytes) -> list[str]:
    """The notice's lines; raises InputError for a damaged, encrypted, too long or scanned PDF."""
    check_size(len(data), MAX_FILE_BYTES)
    if b"%PDF-" not in data[:1024]:
        raise InputError("文件内容不是 PDF 文档", "the file's content is not a PDF document")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise InputError(
                    f"PDF 共 {len(pdf.pages)} 页，超过通知的上限 {MAX_PDF_PAGES} 页",
                    f"the PDF has {len(pdf.pages)} pages, more than a notice's limit of {MAX_PDF_PAGES}",
                )
            blocks = [block for page in pdf.pages for block in _page_blocks(page)]
    except InputError:
        raise
    except Exception as exc:  # pdfplumber wraps pdfminer's errors; a damaged file raises many kinds
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise encrypted("PDF 文档", "PDF") from exc
        name = type(cause).__name__
        raise InputError(f"PDF 文件已损坏或无法读取：{name}", f"damaged or unreadable PDF: {name} {cause}") from exc
    if not any(blocks):
        raise NO_TEXT
    return _lines(blocks)


def _page_blocks(page) -> list:  # noqa: ANN001 (a pdfplumber Page)
    """The page's text lines and tables (as lists of rows), top to bottom."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text = page.filter(outside) if boxes else page
    placed: list[tuple[float, object]] = [
        (ln["top"], _Line(ln["text"], ln["x0"], ln["x1"], ln["bottom"] - ln["top"]))
        for ln in text.extract_text_lines(return_chars=False) if ln["text"].strip()
    ]
    if placed and PAGE_NUMBER_RE.match(placed[-1][1].text):
        placed.pop()
    placed += [(t.bbox[1], t.extract()) for t in tables]
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _lines(blocks: list) -> list[str]:
    """Printed lines joined into paragraphs; tables as tab-prefixed cell lines."""
    text_lines = [b for b in blocks if isinstance(b, _Line)]
    left = min((ln.x0 for ln in text_lines), default=0.0)
    right = max((ln.x1 for ln in text_lines), default=0.0)
    out: list[str] = []
    open_line: _Line | None = None  # the last printed line, when its paragraph may continue
    for block in blocks:
        if not isinstance(block, _Line):
            out.extend(_table_lines(block))
            open_line = None
            continue
        if open_line is not None and _continues(out[-1], block, left):
            out[-1] = _join(out[-1], block.text.strip())
        else:
            out.append(block.text.strip())
        full = block.x1 >= right - block.size * 2.5  # ran to the margin: the paragraph goes on
        open_line = block if full else None
    return out


def _continues(previous: str, line: _Line, left: float) -> bool:
    """The printed line goes on with the paragraph above (which ran to the margin)."""
    if line.x0 > left + line.size * 0.5:  # indented: a new paragraph's first line
        return False
    return not (previous.endswith(("：", ":")) or NEW_PARAGRAPH_RE.match(line.text))


def _join(head: str, tail: str) -> str:
    space = " " if _ASCII_WORD.match(head[-1:]) and _ASCII_WORD.match(tail[:1]) else ""
    return head + space + tail


def _table_lines(rows: list[list[str | None]]) -> list[str]:
    """A table's rows as etl/notices/files.py writes a Word table's: a cell spanning several columns once
    (pdfplumber gives None where a merged cell continues), its wrapped lines joined."""
    lines: list[str] = []
    for row in rows:
        for cell in row:
            if cell is None:
                continue
            lines.append("\t" + "".join(part.strip() for part in cell.splitlines()))
        lines.append("")
    return lines
