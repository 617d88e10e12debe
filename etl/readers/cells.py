"""Cell addresses, one convention everywhere: 0-based (row, col) <-> "B3". XlsxWriter's converters.

The zip scanner decodes column letters straight from sheet XML bytes, in its hot loop, with
`col_index` (XlsxWriter has no bytes form).
"""

from __future__ import annotations

from functools import lru_cache

from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name, xl_rowcol_to_cell

# Forms use the same few hundred addresses, and the parser names a cell for every value and label it reads:
# remembered, a conversion costs a dict lookup instead of XlsxWriter's string work (~5% of a form's parse).
_ADDRESSES = 1 << 16


@lru_cache(maxsize=_ADDRESSES)
def a1(row: int, col: int) -> str:
    """0-based (row, col) -> "B3"."""
    return xl_rowcol_to_cell(row, col)


@lru_cache(maxsize=_ADDRESSES)
def rc(ref: str) -> tuple[int, int]:
    """The inverse of a1(): "B3" (or "$B$3") -> (2, 1), 0-based (row, col)."""
    return xl_cell_to_rowcol(ref)


def col_letter(col: int) -> str:
    """0-based column -> letters (0 -> A, 26 -> AA)."""
    return xl_col_to_name(col)


def col_index(letters: bytes) -> int:
    """b"AB" -> 27: 0-based column of the letters in a sheet's XML (upper or lower case)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n - 1
