"""Demo workbook specs -> files (.xlsx via openpyxl, a fast template .xlsx, .xls via xlwt, broken files).

Every file is byte-identical for the same spec: zip entry times are the workbook's own modified time, and
docProps/core.xml is rewritten after openpyxl saves (openpyxl stamps the current time on save). Each
workbook is signed as demo data in its properties (creator, keywords) so the ETL can say so.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from etl.readers.cells import a1, col_letter

CREATOR = "演示数据生成器 python -m etl sample"
KEYWORDS = "demo-data"
DESCRIPTION = "演示数据 demo data: invented figures, not a real submission"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


@dataclass
class Formula:
    """A formula cell with the value Excel would have cached when the unit saved the file."""

    expr: str  # without '='
    cached: float


@dataclass
class SheetSpec:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)  # (row, col) 0-based -> value
    merges: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # first_row, first_col, last_row, last_col
    widths: dict[int, float] = field(default_factory=dict)
    bold: set[tuple[int, int]] = field(default_factory=set)

    def put(self, row: int, col: int, value: object) -> str:
        if value is not None and value != "":
            self.cells[(row, col)] = value
        return a1(row, col)


@dataclass
class BookSpec:
    sheets: list[SheetSpec]


def _utc_text(beijing: datetime) -> str:
    return (beijing - timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_xml(modified: datetime, created: datetime) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>{escape(CREATOR)}</dc:creator><cp:keywords>{KEYWORDS}</cp:keywords>"
        f"<dc:description>{escape(DESCRIPTION)}</dc:description>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{_utc_text(created)}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_utc_text(modified)}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _rezip(parts: list[tuple[str, bytes]], modified: datetime) -> bytes:
    """Fixed entry order and times: the same parts always give the same bytes."""
    buf = io.BytesIO()
    stamp = (
        modified.year,
        modified.month,
        modified.day,
        modified.hour,
        modified.minute,
        modified.second // 2 * 2,
    )
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _fill_formula_caches(xml: bytes, formulas: dict[str, float]) -> bytes:
    text = xml.decode("utf-8")
    for ref, cached in formulas.items():
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>(?:<f>[^<]*</f>))<v\s*/?>(?:</v>)?')
        text = pattern.sub(lambda m, c=cached: f"{m.group(1)}<v>{_num_text(c)}</v>", text, count=1)
    return text.encode("utf-8")


def _num_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def write_xlsx(
    book: BookSpec, path: Path, modified: datetime, created: datetime, macro: bool = False
) -> None:
    """A realistic workbook (styles, widths, merged cells, wrapped labels) written with openpyxl."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    formulas: dict[int, dict[str, float]] = {}
    wrap = Alignment(wrap_text=True, vertical="center")
    for i, spec in enumerate(book.sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = spec.name
        for (r, c), v in sorted(spec.cells.items()):
            cell = ws.cell(row=r + 1, column=c + 1)
            if isinstance(v, Formula):
                cell.value = "=" + v.expr
                formulas.setdefault(i + 1, {})[a1(r, c)] = v.cached
            else:
                cell.value = v
            if isinstance(v, str) and "\n" in v:
                cell.alignment = wrap
            if (r, c) in spec.bold:
                cell.font = Font(bold=True, size=14)
        for r1, c1, r2, c2 in spec.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for c, w in spec.widths.items():
            ws.column_dimensions[col_letter(c)].width = w
    raw = io.BytesIO()
    wb.save(raw)
    parts = []
    with zipfile.ZipFile(raw) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            if name == "docProps/core.xml":
                data = core_xml(modified, created)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
            if m and int(m.group(1)) in formulas:
                data = _fill_formula_caches(data, formulas[int(m.group(1))])
            if macro and name == "[Content_Types].xml":
                data = data.replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())
            parts.append((name, data))
    _write_bytes(path, _rezip(parts, modified), modified)


# --- fast template writer for bulk (--scale) files: about 1 ms per file instead of ~10 ms ------------

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    f'workbook.xml" ContentType="{XLSX_MAIN}"/>{{sheets}}<Override PartName="/docProps/core.xml" ContentType='
    '"application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxml'
    'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type='
    '"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/'
    'core.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_SHEET_CT = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
)
_WB_REL = (
    '<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet{n}.xml"/>'
)


def _cell_xml(ref: str, v: object) -> str:
    if isinstance(v, Formula):
        return f'<c r="{ref}"><f>{escape(v.expr)}</f><v>{_num_text(v.cached)}</v></c>'
    if isinstance(v, bool) or not isinstance(v, int | float):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(v))}</t></is></c>'
    return f'<c r="{ref}"><v>{_num_text(v)}</v></c>'


def _sheet_xml(spec: SheetSpec) -> str:
    rows: dict[int, list[str]] = {}
    for (r, c), v in sorted(spec.cells.items()):
        rows.setdefault(r, []).append(_cell_xml(a1(r, c), v))
    data = "".join(f'<row r="{r + 1}">{"".join(cells)}</row>' for r, cells in sorted(rows.items()))
    merges = ""
    if spec.merges:
        refs = "".join(f'<mergeCell ref="{a1(r1, c1)}:{a1(r2, c2)}"/>' for r1, c1, r2, c2 in spec.merges)
        merges = f'<mergeCells count="{len(spec.merges)}">{refs}</mergeCells>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS}><sheetData>{data}</sheetData>{merges}</worksheet>'


def write_xlsx_fast(book: BookSpec, path: Path, modified: datetime, created: datetime) -> None:
    """A minimal valid .xlsx (inline strings, no styles): for the thousands of --scale files."""
    n = len(book.sheets)
    sheets = "".join(
        f'<sheet name="{escape(s.name)}" sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(book.sheets, 1)
    )
    parts = [
        (
            "[Content_Types].xml",
            _CT.replace("{sheets}", "".join(_SHEET_CT.format(n=i) for i in range(1, n + 1))),
        ),
        ("_rels/.rels", _RELS),
        ("docProps/core.xml", core_xml(modified, created).decode()),
        (
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS} {_RNS}>'
            f"<sheets>{sheets}</sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">'
            + "".join(_WB_REL.format(n=i) for i in range(1, n + 1))
            + "</Relationships>",
        ),
    ]
    parts += [(f"xl/worksheets/sheet{i}.xml", _sheet_xml(s)) for i, s in enumerate(book.sheets, 1)]
    _write_bytes(path, _rezip([(k, v.encode()) for k, v in parts], modified), modified)


def write_xls(book: BookSpec, path: Path, modified: datetime) -> None:
    """Legacy .xls (xlwt): no document properties, so the file's own time is the submission time."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    title_style = xlwt.easyxf("font: bold on, height 280; align: horiz center")
    wrap_style = xlwt.easyxf("align: wrap on, vert centre")
    plain = xlwt.Style.default_style
    for spec in book.sheets:
        ws = wb.add_sheet(spec.name)
        merged_at = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in spec.merges}
        for (r, c), v in sorted(spec.cells.items()):
            if isinstance(v, Formula):  # xlwt cannot cache a formula result: write what Excel showed
                v = v.cached
            style = (
                title_style
                if (r, c) in spec.bold
                else wrap_style
                if isinstance(v, str) and "\n" in v
                else plain
            )
            if (r, c) in merged_at:
                r2, c2 = merged_at.pop((r, c))
                ws.write_merge(r, r2, c, c2, v, style)
            else:
                ws.write(r, c, v, style)
        for (r1, c1), (r2, c2) in merged_at.items():  # merged ranges whose first cell is empty
            ws.write_merge(r1, r2, c1, c2, "", plain)
        for c, w in spec.widths.items():
            ws.col(c).width = int(w * 256)
    buf = io.BytesIO()
    wb.save(buf)
    _write_bytes(path, buf.getvalue(), modified)


def write_truncated(data_path: Path, modified: datetime, keep: float = 0.55) -> None:
    """A workbook cut off mid-transfer: a zip without its central directory."""
    data = data_path.read_bytes()
    _write_bytes(data_path, data[: int(len(data) * keep)], modified)


def write_text_as_xlsx(path: Path, text: str, modified: datetime) -> None:
    """A plain-text file someone renamed to .xlsx."""
    _write_bytes(path, text.encode("utf-8"), modified)


def _write_bytes(path: Path, data: bytes, modified: datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    set_file_time(path, modified)


def set_file_time(path: Path, beijing: datetime) -> None:
    """The file's mtime is the same instant as the workbook's modified time (Beijing = UTC+8)."""
    ts = (beijing - timedelta(hours=8) - datetime(1970, 1, 1)).total_seconds()
    os.utime(path, (ts, ts))
