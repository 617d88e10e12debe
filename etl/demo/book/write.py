"""`write_book(path, book)`: the one way a demo or test workbook is written; the suffix picks the format.

.docx -> docx_tables.py; .xls -> xls_xlwt.py; .xlsx / .xlsm -> the book's `xlsx_engine` (openpyxl by default),
an .xlsm declared macro-enabled. The file's mtime is the book's modified time when it has one.
"""

from __future__ import annotations

from pathlib import Path

from etl.demo.book.docx_tables import docx_tables
from etl.demo.book.package import save
from etl.demo.book.spec import BookSpec
from etl.demo.book.xls_xlwt import xlwt_xls
from etl.demo.book.xlsx_openpyxl import openpyxl_xlsx
from etl.demo.book.xlsx_template import template_xlsx
from etl.demo.book.xlsx_xlsxwriter import xlsxwriter_xlsx


def book_bytes(book: BookSpec, suffix: str) -> bytes:
    """The file's content for a name ending in `suffix` (.xlsx, .xlsm, .xls or .docx)."""
    suffix = suffix.lower()
    if suffix == ".docx":
        return docx_tables(book)
    if suffix == ".xls":
        return xlwt_xls(book)
    macro = suffix == ".xlsm"
    if book.xlsx_engine == "template":
        return template_xlsx(book, macro)
    if book.xlsx_engine == "xlsxwriter":
        if macro or book.vba_project is not None:
            raise ValueError("the xlsxwriter engine writes .xlsx only")
        return xlsxwriter_xlsx(book)
    return openpyxl_xlsx(book, macro)


def write_book(path: Path, book: BookSpec) -> Path:
    """Write `book` to `path` (folders made as needed) and return the path."""
    path = Path(path)
    return save(path, book_bytes(book, path.suffix), book.properties.modified)
