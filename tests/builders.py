"""Real workbooks for tests, in every shape people send: openpyxl (.xlsx/.xlsm), xlwt (.xls), hand-made zips.

A workbook is described as a list of `SheetSpec` (cells by A1 address, merged ranges, visibility), so one
description can be written as .xlsx and as .xls. `seed000_sheet` is 附件1 of the 2024 农技协 notice
(../shared/seeds/000_56ad0a6f5ebba889.txt) laid out as the table in the notice, merged cells and all.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from etl.readers.cells import rc


@dataclass
class SheetSpec:
    name: str
    cells: dict[str, object]
    merged: list[str] = field(default_factory=list)
    state: str = "visible"  # visible | hidden


def write_xlsx(path: Path, sheets: list[SheetSpec], properties: dict[str, object] | None = None,
               vba: bool = False) -> Path:  # fmt: skip
    """Write with openpyxl. Strings starting with '=' become formulas (no cached value, as openpyxl does)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        ws.sheet_state = spec.state
        for addr, value in spec.cells.items():
            ws[addr] = value
        for rng in spec.merged:
            ws.merge_cells(rng)
    for key, value in (properties or {}).items():
        setattr(wb.properties, key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    if vba:  # an .xlsm as Excel saves it: the macro project is one more zip entry
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0fake-vba-project")
    return path


def write_xls(path: Path, sheets: list[SheetSpec]) -> Path:
    """Write with xlwt (BIFF8 .xls); merged ranges via write_merge."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    for spec in sheets:
        ws = wb.add_sheet(spec.name)
        if spec.state == "hidden":
            ws.visibility = 1
        merged_tl = {}
        for rng in spec.merged:
            a, b = rng.split(":")
            (r0, c0), (r1, c1) = rc(a), rc(b)
            merged_tl[(r0, c0)] = (r1, c1)
        for addr, value in spec.cells.items():
            r, c = rc(addr)
            if (r, c) in merged_tl:
                r1, c1 = merged_tl.pop((r, c))
                ws.write_merge(r, r1, c, c1, value)
            else:
                ws.write(r, c, value)
        for (r0, c0), (r1, c1) in merged_tl.items():
            ws.write_merge(r0, r1, c0, c1, "")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


def write(path: Path, sheets: list[SheetSpec], **kw: object) -> Path:
    """By suffix: .xls via xlwt, else openpyxl."""
    return write_xls(path, sheets) if path.suffix == ".xls" else write_xlsx(path, sheets, **kw)


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


# -- hand-made zips: hostile files, built cheaply ----------------------------------------------------------
_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{overrides}</Types>"
)
_SHEET_CT = ('<Override PartName="/xl/worksheets/sheet{n}.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')  # fmt: skip
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')  # fmt: skip
_SHEET_TAIL = "</sheetData></worksheet>"


def _cell_xml(addr: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{addr}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{addr}"><v>{value}</v></c>'


def write_raw_xlsx(path: Path, sheets: dict[str, dict[str, object]], big_sheet_rows: int = 0) -> Path:
    """A minimal valid .xlsx written by hand; with `big_sheet_rows`, one more sheet "数据" of that many rows,
    streamed into the zip so a 1-million-row sheet costs seconds and little memory to build."""
    names = list(sheets) + (["数据"] if big_sheet_rows else [])
    wb_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook '
              'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
              + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
              + "</sheets></workbook>")  # fmt: skip
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                      f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1))
            + "</Relationships>")  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml",
                    _CT.format(overrides="".join(_SHEET_CT.format(n=i) for i in range(1, len(names) + 1))))  # fmt: skip
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", wb_xml)
        zf.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, cells in enumerate(sheets.values(), 1):
            by_row: dict[int, list[str]] = {}
            for addr, value in cells.items():
                by_row.setdefault(rc(addr)[0] + 1, []).append(_cell_xml(addr, value))
            body = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(by_row.items()))
            zf.writestr(f"xl/worksheets/sheet{i}.xml", _SHEET_HEAD + body + _SHEET_TAIL)
        if big_sheet_rows:
            with zf.open(f"xl/worksheets/sheet{len(names)}.xml", "w", force_zip64=True) as fh:
                fh.write(_SHEET_HEAD.encode())
                step = 50_000
                for start in range(1, big_sheet_rows + 1, step):
                    stop = min(start + step, big_sheet_rows + 1)
                    fh.write("".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                                     for r in range(start, stop)).encode())  # fmt: skip
                fh.write(_SHEET_TAIL.encode())
    return path


def write_zip_bomb(path: Path, size: int = 300 * 1024 * 1024) -> Path:
    """An .xlsx-looking zip with one huge, highly compressible sheet (zeros), written in chunks."""
    write_raw_xlsx(path, {"Sheet1": {"A1": "受益人次", "B1": 1}})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as zf, \
            zf.open("xl/media/padding.bin", "w", force_zip64=True) as fh:  # fmt: skip
        block = b"\0" * (1 << 20)
        for _ in range(size >> 20):
            fh.write(block)
    return path


DEMO_MODIFIED = dt.datetime(2024, 6, 10, 9, 30, 0)
