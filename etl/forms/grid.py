"""One sheet (or Word table) as the form parsers see it: cells by position, merged ranges and labels.

`Grid` wraps a `Sheet`: a cell's value (`get`) and its text as written (`text`), the end of a merged range,
the cells right of and below a label (`beside`, `next_right`), and the cells the form's label matcher
recognises (`labels`; the other text cells are `texts`). What a label means and which neighbour holds its
value is the form's business: etl/forms/summary.py (metrics.yaml) and etl/forms/activity_labels.py
(activity_forms.yaml) each give their own matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any, Generic, TypeVar

from etl.readers.cells import a1
from etl.readers.workbook import Sheet

M = TypeVar("M")  # what the form's matcher says a label is
Pos = tuple[int, int]

SPACE_RE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Labels compare without any whitespace: 联 系 人 == 联系人, 主办单位\\n联系人 == 主办单位联系人."""
    return SPACE_RE.sub("", text)


def cell_text(value: Any) -> str:
    """A cell as the person wrote it: 3.0 -> '3', a date -> '2021-05-30', None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


@dataclass(frozen=True)
class Hit:
    row: int
    col: int
    text: str  # the cell text as written


class Grid(Generic[M]):
    """One sheet: values and text by position, merged ranges, and the labels `match` recognises."""

    def __init__(self, sheet: Sheet, match: Callable[[str], M | None]) -> None:
        self.sheet = sheet
        self.name: str = sheet.name
        self.rows: list[list[object]] = sheet.rows  # values as the reader returns them ("" for empty)
        self.formulas = sheet.formula_cells  # formulas with no saved result: filled, though empty
        self.merged: dict[Pos, Pos] = {(b[0], b[1]): (b[2], b[3]) for b in sheet.merged}
        # (row, col) -> (text as written, what it means); filled in reading order, so iterating it is sorted
        self.labels: dict[Pos, tuple[str, M]] = {}
        self.texts: list[tuple[int, int, str]] = []  # text cells that are no label, in reading order
        labels, texts = self.labels, self.texts
        for r, row in enumerate(self.rows):
            for c, v in enumerate(row):
                if v.__class__ is str and v:
                    m = match(v)
                    if m is None:
                        texts.append((r, c, v))
                    else:
                        labels[r, c] = (v, m)
        self.formula_width: dict[int, int] = {}
        for r, c in self.formulas:
            self.formula_width[r] = max(self.formula_width.get(r, 0), c + 1)
        self.consumed: set[Pos] = set()  # cells a reader took as a value: not read again as labels

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @cached_property
    def text_rows(self) -> list[list[str]]:
        """Every cell's text (`cell_text`), row by row; built once, on first use."""
        return [[cell_text(v) for v in row] for row in self.rows]

    @cached_property
    def norm_rows(self) -> list[list[str]]:
        return [[norm(t) for t in row] for row in self.text_rows]

    def get(self, r: int, c: int) -> object:
        """The value at (r, c); '' outside the sheet."""
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            if 0 <= c < len(row):
                return row[c]
        return ""

    def text(self, r: int, c: int) -> str:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.text_rows[r][c]
        return ""

    def addr(self, r: int, c: int) -> str:
        return a1(r, c)

    def width(self, r: int) -> int:
        """Columns in row r, counting formula cells the reader left empty."""
        n = len(self.rows[r]) if r < len(self.rows) else 0
        return max(n, self.formula_width.get(r, 0)) if self.formula_width else n  # most sheets: no formulas

    def filled(self, r: int, c: int) -> bool:
        """Something is written at (r, c): a value, or a formula whose result was not saved."""
        return self.get(r, c) != "" or (r, c) in self.formulas

    def is_label(self, r: int, c: int) -> bool:
        return (r, c) in self.labels

    def end_of(self, r: int, c: int) -> Pos:
        """Last (row, col) covered by the merged range starting at (r, c); (r, c) itself if none."""
        return self.merged.get((r, c), (r, c))

    def beside(self, r: int, c: int) -> tuple[Pos, Pos]:
        """Where a label's value is written: the cell right of its merged range, then the one below it."""
        r1, c1 = self.end_of(r, c)
        return (r, c1 + 1), (r1 + 1, c)

    def next_right(self, r: int, c: int) -> Pos | None:
        """The first filled cell right of (r, c)'s merged range; None when a label comes first."""
        c1 = self.merged.get((r, c), (r, c))[1]  # end_of and filled inlined: called for every label
        labels, formulas = self.labels, self.formulas
        row = self.rows[r] if 0 <= r < len(self.rows) else ()
        n = len(row)
        for k in range(c1 + 1, self.width(r) if self.formula_width else n):  # no formulas: width is the row's
            if (r, k) in labels:
                return None
            if (k < n and row[k] != "") or (r, k) in formulas:
                return r, k
        return None

    def find(self, words: list[str], rows: range | None = None) -> list[Hit]:
        """Cells whose text starts with one of `words` (whitespace ignored), in reading order."""
        wanted = [norm(x) for x in words]
        hits = []
        for r in rows if rows is not None else range(self.n_rows):
            for c, n in enumerate(self.norm_rows[r] if r < self.n_rows else []):
                if n and any(n.startswith(w) for w in wanted):
                    hits.append(Hit(r, c, self.text_rows[r][c]))
        return hits

    def first(self, words: list[str], rows: range | None = None) -> Hit | None:
        hits = self.find(words, rows)
        return hits[0] if hits else None

    def next_label_row(self, after_row: int, limit: int) -> int:
        """First row below `after_row` that holds a label (the end of a block), else `limit`."""
        for r in range(after_row + 1, min(limit, self.n_rows)):
            if any((r, c) in self.labels for c in range(len(self.rows[r]))):
                return r
        return min(limit, self.n_rows)
