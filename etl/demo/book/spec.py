"""What a workbook to write holds: sheets of cells, merged ranges, title lines, properties, fixed times.

One description serves every format (etl/demo/book/write.py): the demo layouts put cells by (row, col), the
tests address them "B3", the activity forms give them as rows; all three are kept as (row, col) -> value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from etl.readers.cells import a1, rc

Range = tuple[int, int, int, int]  # 0-based inclusive (first_row, first_col, last_row, last_col)
Cells = dict[tuple[int, int], object]
CellsGiven = Mapping[tuple[int, int], object] | Mapping[str, object] | Sequence[Sequence[object]]
XlsxEngine = Literal["openpyxl", "template", "xlsxwriter"]
MAX_SHEET_NAME = 31  # Excel's limit


@dataclass
class Formula:
    """A formula cell with the value Excel would have cached when the unit saved the file."""

    expr: str  # without '='
    cached: float


@dataclass
class Properties:
    """Document properties; times are Beijing time (the files store UTC). Empty fields are left out."""

    creator: str = ""
    keywords: str = ""
    description: str = ""
    title: str = ""
    created: datetime | None = None
    modified: datetime | None = None  # also the zip entries' and the file's time

    def any(self) -> bool:
        """Whether any property is set (a minimal template workbook then has no docProps/core.xml)."""
        return any((self.creator, self.keywords, self.description, self.title, self.created, self.modified))


def _empty(value: object) -> bool:
    return value is None or value == ""


def _as_cells(given: CellsGiven) -> Cells:
    """(row, col) -> value from a dict by (row, col), a dict by A1 address, or a list of rows ('' = empty)."""
    if isinstance(given, Mapping):
        return {rc(k) if isinstance(k, str) else k: v for k, v in given.items()}
    return {(r, c): v for r, row in enumerate(given) for c, v in enumerate(row) if not _empty(v)}


def _as_range(given: Range | str) -> Range:
    if isinstance(given, str):  # "A2:D2"
        first, last = given.split(":")
        return (*rc(first), *rc(last))
    return given


class SheetSpec:
    """One sheet (in a .docx, one table). `title_lines` go above the cells: rows in column A of a workbook
    (the cells move down), paragraphs before the table in Word."""

    def __init__(
        self,
        name: str,
        cells: CellsGiven = (),
        merged: Iterable[Range | str] = (),
        title_lines: Iterable[str] = (),
        *,
        widths: Mapping[int, float] | None = None,
        bold: Iterable[tuple[int, int]] = (),
        state: str = "visible",  # visible | hidden
    ) -> None:
        self.name = name
        self.cells: Cells = _as_cells(cells)
        self.merged: list[Range] = [_as_range(m) for m in merged]
        self.title_lines = list(title_lines)
        self.widths: dict[int, float] = dict(widths or {})
        self.bold: set[tuple[int, int]] = set(bold)
        self.state = state

    def __repr__(self) -> str:
        return f"SheetSpec({self.name!r}, {len(self.cells)} cells, merged={self.merged})"

    def put(self, row: int, col: int, value: object) -> str:
        """Set a cell unless the value is empty; its A1 address either way."""
        if not _empty(value):
            self.cells[(row, col)] = value
        return a1(row, col)

    def extent(self) -> tuple[int, int]:
        """(rows, columns) reached by any cell or merged range."""
        corners = [(r, c) for r, c in self.cells] + [(r1, c1) for _r0, _c0, r1, c1 in self.merged]
        return (max((r for r, _ in corners), default=-1) + 1, max((c for _, c in corners), default=-1) + 1)

    @property
    def rows(self) -> list[list[object]]:
        """The cells as a dense table, '' where empty."""
        height, width = self.extent()
        return [[self.cells.get((r, c), "") for c in range(width)] for r in range(height)]

    def covered(self) -> set[tuple[int, int]]:
        """Every cell inside a merged range, its first cell included."""
        return {
            (r, c) for r0, c0, r1, c1 in self.merged for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
        }

    def laid_out(self) -> SheetSpec:
        """The sheet as a workbook shows it: title lines in column A above, everything else moved down."""
        top = len(self.title_lines)
        if not top:
            return self
        cells = {(i, 0): line for i, line in enumerate(self.title_lines)}
        cells |= {(r + top, c): v for (r, c), v in self.cells.items()}
        return SheetSpec(
            self.name,
            cells,
            [(r0 + top, c0, r1 + top, c1) for r0, c0, r1, c1 in self.merged],
            widths=self.widths,
            bold={(r + top, c) for r, c in self.bold},
            state=self.state,
        )


@dataclass
class BookSpec:
    """A workbook to write. `xlsx_engine` chooses how a .xlsx/.xlsm is made (each gives its own bytes);
    `vba_project` becomes xl/vbaProject.bin, as in an .xlsm Excel saved."""

    sheets: list[SheetSpec]
    properties: Properties = field(default_factory=Properties)
    xlsx_engine: XlsxEngine = "openpyxl"
    vba_project: bytes | None = None

    def sheet_names(self) -> list[str]:
        """Names Excel accepts: unique (a repeat gets '_' added) and at most 31 characters."""
        used: set[str] = set()
        names = []
        for sheet in self.sheets:
            name = sheet.name
            while name in used:
                name += "_"
            used.add(name)
            names.append(name[:MAX_SHEET_NAME])
        return names
