"""Real workbooks for tests, in every shape people send, written by the demo's one writer (etl/demo/book/).

A workbook is a list of `SheetSpec` (cells by A1 address, merged ranges "A2:D2", visibility), so one
description can be written as .xlsx, .xlsm, .xls and .docx with `write`. `seed000_sheet` is 附件1 of the 2024
农技协 notice (../shared/seeds/000_56ad0a6f5ebba889.txt) laid out as the table in the notice, merged cells
and all. `write_raw_xlsx` makes minimal workbooks (no properties) and huge ones; `write_zip_bomb` a hostile one.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from etl.demo.book.spec import BookSpec, Properties, SheetSpec
from etl.demo.book.write import write_book

VBA_PROJECT = b"\xd0\xcf\x11\xe0fake-vba-project"


def write(path: Path, sheets: list[SheetSpec], properties: dict[str, object] | None = None,
          vba: bool = False) -> Path:  # fmt: skip
    """By suffix: .xls (xlwt), .xlsx / .xlsm (openpyxl; a string starting with '=' is a formula without a
    cached value, as openpyxl writes it), .docx (one table per sheet). `properties`: creator, keywords,
    description, title, created, modified (Beijing time); `vba`: an xl/vbaProject.bin, as Excel saves an .xlsm."""
    book = BookSpec(sheets, Properties(**properties or {}), vba_project=VBA_PROJECT if vba else None)
    return write_book(path, book)


SEED000_ROWS = {  # label cell -> value cell, exactly as 附件1's table
    "units_农技协": ("A7", "B7"), "events_农技协": ("C7", "D7"),
    "units_科技小院": ("A8", "B8"), "events_科技小院": ("C8", "D8"),
    "units_科普教育基地": ("A9", "B9"), "events_科普教育基地": ("C9", "D9"),
    "volunteers": ("A10", "B10"), "volunteer_teams": ("A11", "B11"),
    "media_reports": ("A12", "B12"), "beneficiaries": ("A13", "B13"),
}  # fmt: skip


def seed000_sheet(values: dict[str, object] | None = None, org: object = "广西壮族自治区农村专业技术协会",
                  contact: str = "张 三", phone: object = "13800000000", name: str = "Sheet1") -> SheetSpec:  # fmt: skip
    """附件1 活动信息汇总表 as in the 2024 notice: two-line 组织单位（盖章）, 联 系 人 with spaces, merged rows."""
    cells: dict[str, object] = {
        "A1": "附件1",
        "A2": "活动信息汇总表",
        "A3": "组织单位\n（盖章）", "B3": org,
        "A4": "联 系 人", "B4": contact, "C4": "手 机", "D4": phone,
        "A5": "通讯地址", "B5": "南宁市青秀区民族大道 100 号",
        "A6": "开展活动信息",
        "A7": "动员农技协数量（个）", "C7": "开展活动数量（场）",
        "A8": "动员科技小院数量（个）", "C8": "开展活动数量（场）",
        "A9": "动员科普教育基地（个）", "C9": "开展活动数量（场）",
        "A10": "动员科技志愿者数量（人）",
        "A11": "动员科技志愿服务队数量（支）",
        "A12": "媒体报道数量（次）",
        "A13": "受益人次",
    }  # fmt: skip
    for key, value in (values or {}).items():
        cells[SEED000_ROWS[key][1]] = value
    merged = ["A2:D2", "B3:D3", "B5:D5", "A6:D6", "B10:D10", "B11:D11", "B12:D12", "B13:D13"]
    return SheetSpec(name, {k: v for k, v in cells.items() if v is not None}, merged)


SEED000_FILLED = {
    "units_农技协": 12, "events_农技协": 30, "units_科技小院": 5, "events_科技小院": 8,
    "units_科普教育基地": 3, "events_科普教育基地": 6, "volunteers": 3500, "volunteer_teams": 42,
    "media_reports": 57, "beneficiaries": 120000,
}  # fmt: skip


# -- minimal and hostile workbooks, built cheaply ---------------------------------------------------------
TALL_SHEET = "数据"


def write_raw_xlsx(path: Path, sheets: dict[str, dict[str, object]], big_sheet_rows: int = 0) -> Path:
    """A minimal .xlsx (inline strings, no styles, no properties); with `big_sheet_rows`, one more sheet
    "数据" of that many rows, streamed into the zip so a 1-million-row sheet costs seconds and little memory."""
    specs = [SheetSpec(name, cells) for name, cells in sheets.items()]
    if big_sheet_rows:
        specs.append(SheetSpec(TALL_SHEET))
    write_book(path, BookSpec(specs, xlsx_engine="template"))
    if big_sheet_rows:
        _stream_rows(path, f"xl/worksheets/sheet{len(specs)}.xml", big_sheet_rows)
    return path


def _stream_rows(path: Path, part: str, n_rows: int) -> None:
    """Replace one sheet of the workbook at `path` by rows 1..n_rows, each holding its number in column A."""
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as old:
        kept = [(name, old.read(name)) for name in old.namelist() if name != part]
        head, tail = old.read(part).decode().split("<sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in kept:
            zf.writestr(name, data)
        with zf.open(part, "w", force_zip64=True) as fh:
            fh.write(f"{head}<sheetData>".encode())
            step = 50_000
            for start in range(1, n_rows + 1, step):
                stop = min(start + step, n_rows + 1)
                fh.write("".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                                 for r in range(start, stop)).encode())  # fmt: skip
            fh.write(tail.encode())


def write_zip_bomb(path: Path, size: int = 300 * 1024 * 1024) -> Path:
    """An .xlsx-looking zip with one huge, highly compressible sheet (zeros), written in chunks."""
    write_raw_xlsx(path, {"Sheet1": {"A1": "受益人次", "B1": 1}})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as zf, \
            zf.open("xl/media/padding.bin", "w", force_zip64=True) as fh:  # fmt: skip
        block = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            fh.write(block)
    return path
