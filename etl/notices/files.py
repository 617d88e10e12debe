"""A notice file (.txt, .docx, .pdf, or a .doc/.wps converted to .docx) -> its lines of text, in reading order.

Every format comes out in the convention of the seed .txt files, so one parser reads both:
paragraphs are lines; a Word table row is one line per cell, each prefixed with a tab, and a blank
line after the row (the seeds' attached forms look exactly like that once pasted as text).
A cell whose text has several paragraphs continues on lines without a tab.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx  # python-docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from etl.issues import InputError
from etl.readers.convert import converted
from etl.readers.docx import table_cells
from etl.readers.formats import CONVERTED_SUFFIXES, NOTICE_SUFFIXES, listed
from etl.readers.pdf import read_pdf_lines
from etl.readers.safety import check_document

# Encodings tried in order: UTF-8 (with or without BOM), then GB18030, which covers GBK/GB2312
# files saved by Chinese Windows editors.
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


def read_notice_lines(path: Path) -> list[str]:
    """The notice's lines; raises InputError for a missing, empty, binary or unknown file (the loader then
    writes one `notice_unreadable` error for it)."""
    suffix = path.suffix.lower()
    if suffix not in NOTICE_SUFFIXES:
        raise InputError(
            f"不支持的文件类型 {suffix or '（无扩展名）'}，通知请用 {listed(NOTICE_SUFFIXES)} 格式",
            f"unsupported file type {suffix or '(none)'}; a notice is read from {', '.join(NOTICE_SUFFIXES)}",
        )
    if suffix == ".docx":
        lines = _docx_lines(path)
    elif suffix == ".txt":
        lines = _decode(_read_bytes(path)).splitlines()
    elif suffix == ".pdf":
        lines = read_pdf_lines(_read_bytes(path))
    else:  # .doc / .wps: LibreOffice writes a .docx, read like any other
        assert CONVERTED_SUFFIXES[suffix] == ".docx"
        with converted(path) as docx_path:
            lines = _docx_lines(docx_path)
    lines = [_tidy(line) for line in lines]
    if not any(line.strip() for line in lines):
        raise InputError("文件没有文字内容", "the file holds no text")
    return lines


def _tidy(line: str) -> str:
    """Trailing spaces off; a line that is only a tab stays one: it is an empty form cell."""
    line = line.replace("\u3000", " ").replace("\xa0", " ").replace("\r", "")
    stripped = line.rstrip()
    if not stripped and "\t" in line:
        return "\t"
    return stripped


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"无法打开文件：{exc.strerror or exc}", f"cannot open the file: {exc.strerror or exc}"
        ) from exc


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:  # UTF-16 or a binary file: neither is a text notice we accept
        raise InputError("不是文本文件（含二进制内容）", "not a text file (binary content)")
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(
        "文字编码无法识别（应为 UTF-8 或 GB18030）", "unknown text encoding (expected UTF-8 or GB18030)"
    )


def _docx_lines(path: Path) -> list[str]:
    _read_bytes(path)  # a missing or unreadable file gets the plain OS reason
    if not zipfile.is_zipfile(path):
        raise InputError("不是有效的 Word（.docx）文件", "not a valid Word (.docx) file")
    check_document(path)  # a received form's limits (size, zip directory), for notices too
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for damaged packages
        raise InputError(
            f"Word 文件已损坏：{type(exc).__name__}", f"damaged Word file: {type(exc).__name__}"
        ) from exc

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.extend(block.text.splitlines() or [""])
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return lines


def _table_lines(table: Table) -> list[str]:
    """Rows of a Word table as tab-prefixed cell lines; a merged cell is written once, and the lower
    part of a vertical merge as an empty cell."""
    lines: list[str] = []
    for row in table_cells(table):
        for cell in row:
            texts = [t.strip() for t in cell.text.splitlines() if t.strip()]
            lines.append("\t" + (texts[0] if texts else ""))
            lines.extend(texts[1:])
        lines.append("")
    return lines
