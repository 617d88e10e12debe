"""Downloads of exactly the table shown: CSV (UTF-8 with BOM) and .xlsx. Pure, no Streamlit.

Text cells that a spreadsheet would run as a formula (starting with = + - @, tab, CR or LF) get a
leading apostrophe in both formats (OWASP "CSV injection"). Numbers stay numbers: a negative
number is a number cell, never text, so it is left alone.
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import xlsxwriter

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_BAD_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def neutralize(value: object) -> object:
    """'=1+2' -> "'=1+2"; anything that is not text is returned unchanged."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def whole_numbers(df: pd.DataFrame) -> pd.DataFrame:
    """A copy where each float column whose values are all whole becomes Int64: a count of 45084 is
    written 45084, never 45084.0, in CSV and XLSX alike (and shown so on screen)."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_float_dtype(s) and not pd.api.types.is_bool_dtype(s):
            values = s.dropna()
            if len(values) == 0 or bool((values == values.round()).all() and values.abs().max() < 2**53):
                out[col] = s.round().astype("Int64")
    return out


def neutralize_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and header) neutralized, whole-number columns as integers."""
    out = whole_numbers(df)
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralize)
    out.columns = [neutralize(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV with a UTF-8 BOM, so Excel on Windows shows Chinese correctly; CRLF line ends."""
    return neutralize_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _display_width(text: str) -> int:
    """Character cells a string takes: CJK (wide) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "data") -> bytes:
    """One sheet: bold header row (frozen), column widths fitted, text written as text, numbers as numbers."""
    safe = neutralize_frame(df)
    buf = io.BytesIO()
    # Never let XlsxWriter turn strings into formulas, numbers or links.
    wb = xlsxwriter.Workbook(
        buf,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    ws = wb.add_worksheet(sheet_name[:31])
    header = wb.add_format(
        {"bold": True, "bg_color": "#EEF2F8", "border": 1, "text_wrap": True, "valign": "top"}
    )
    for c, name in enumerate(safe.columns):
        ws.write_string(0, c, str(name), header)
    widths = [_display_width(str(name)) for name in safe.columns]
    numeric = [
        pd.api.types.is_numeric_dtype(safe[col]) and not pd.api.types.is_bool_dtype(safe[col])
        for col in safe.columns
    ]
    integer = [pd.api.types.is_integer_dtype(safe[col]) for col in safe.columns]
    for r, row in enumerate(safe.itertuples(index=False), start=1):
        for c, value in enumerate(row):
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
                continue
            if numeric[c]:
                ws.write_number(r, c, int(value) if integer[c] else float(value))
                text = f"{value:,}"
            else:
                text = str(value)
                ws.write_string(r, c, text)
            widths[c] = max(widths[c], _display_width(text))
    for c, w in enumerate(widths):
        ws.set_column(c, c, min(max(w + 2, 8), 60))
    ws.freeze_panes(1, 0)
    wb.close()
    return buf.getvalue()


def kept(table: pd.DataFrame) -> pa.Table:
    """The table as one Arrow table, for a page that keeps it for the session's life (a lazily served grid
    and downloads built when clicked): Streamlit holds a grid's rows until the session expires, and an Arrow
    table given to it is held as it is (a DataFrame is converted to a second copy). Measured at 11,404
    workbooks (issue 16): the explore table is 2.7 MB as Arrow, 7.2 MB as a DataFrame of Python strings."""
    return pa.Table.from_pandas(table, preserve_index=False)


def later(make: Callable[..., bytes], table: pa.Table, *args: object) -> Callable[[], bytes]:
    """`make(table as a DataFrame, *args)` when called: a download button's `data`, built only when clicked.
    Not a lambda in a page: a page's function keeps the page's whole namespace (its every frame) alive
    for as long as the button's session lives; this keeps `table` and `args` only."""
    return functools.partial(_from_arrow, make, table, args)


def _from_arrow(make: Callable[..., bytes], table: pa.Table, args: tuple) -> bytes:
    return make(table.to_pandas(), *args)


def file_name(parts: list[str], ext: str) -> str:
    """'科技工作者日_2024_华东_受益人次.csv': non-empty parts joined by '_', unsafe characters removed."""
    cleaned = [_BAD_FILENAME.sub("-", p).strip("-") for p in parts if p]
    return "_".join(p for p in cleaned if p) + "." + ext
