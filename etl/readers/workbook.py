"""A submitted file -> a Workbook: every sheet as rows of cell values, merged ranges and properties.

python-calamine reads .xlsx/.xlsm/.xls (about 50x faster than openpyxl here). Content is checked first
(etl/readers/safety.py), then the file is scanned before calamine loads it (etl/readers/safety_zip.py,
etl/readers/safety_xls.py). calamine builds a dense grid of a sheet's whole used range, so a sheet of an
.xlsx over `MAX_SHEET_CELLS` is skipped here (`Sheet.skipped` says why): a form is small. Anything that is
not a readable workbook raises `InputError`.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import olefile
import python_calamine as pc
from defusedxml import ElementTree

from etl.issues import InputError
from etl.readers.safety import MAX_FILE_BYTES, MAX_SHEET_CELLS, check_bytes, check_file, encrypted
from etl.readers.safety_xls import scan_xls
from etl.readers.safety_zip import NS, SheetWalk, ZipScan, scan_zip_workbook

__all__ = ["Sheet", "Workbook", "read_workbook"]

ROWS_READ = 2_000  # rows read per sheet: a form has tens; the rest of a longer sheet is not read
COLS_READ = 100  # columns kept per row, for the same reason
_CHUNK = 1 << 20

_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_CORE_FIELDS = {
    "creator": "dc:creator", "title": "dc:title", "subject": "dc:subject", "description": "dc:description",
    "keywords": "cp:keywords", "category": "cp:category", "lastModifiedBy": "cp:lastModifiedBy",
    "created": "dcterms:created", "modified": "dcterms:modified",
}  # fmt: skip
# core.xml holds flat text elements; read after the zip scan has refused any DTD in it, in one pass
_CORE_RE = re.compile(rf"<({'|'.join(map(re.escape, _CORE_FIELDS.values()))})(?:\s[^>]*)?>([^<]*)</\1>")
_CORE_KEYS = {tag: key for key, tag in _CORE_FIELDS.items()}
@dataclass
class Sheet:
    name: str
    rows: list[list[object]]  # cell values as calamine returns them ("" for empty)
    merged: list[tuple[int, int, int, int]]  # 0-based inclusive (first_row, first_col, last_row, last_col)
    visible: str = "visible"  # visible | hidden | veryhidden
    truncated: bool = False  # more than ROWS_READ rows or COLS_READ columns: the rest was not read
    skipped: str | None = None  # why the sheet was not read at all (too large), else None
    formula_cells: frozenset[tuple[int, int]] = frozenset()  # (row, col) of formulas with no saved result


@dataclass
class Workbook:
    path: Path
    file_format: str  # xlsx | xlsm | xls (by content, not by name)
    sheets: list[Sheet]
    modified_at: dt.datetime | None  # the workbook's own modified time (naive UTC), None when absent
    properties: dict[str, str] = field(default_factory=dict)  # creator, title, keywords, description, ...
    has_macros: bool = False  # a VBA project inside (etl.readers.safety.has_macros)


def read_workbook(path: str | Path, max_bytes: int = MAX_FILE_BYTES, data: bytes | None = None) -> Workbook:
    """Read every sheet of a workbook; raises InputError for anything that is not a readable workbook.
    `data`: the file's bytes when the caller has read them already (checked the same way)."""
    path = path if isinstance(path, Path) else Path(path)
    if data is None:
        check, data = check_file(path, max_bytes)
    else:
        check = check_bytes(data, max_bytes)
    extents: dict[str, tuple[int, int, frozenset]] | None = None  # None: an .xls, refused whole if too large
    properties: dict[str, str] = {}
    modified_at = None
    if check.kind in ("xlsx", "xlsm"):
        try:
            with check.archive or zipfile.ZipFile(io.BytesIO(data)) as zf:
                scan = scan_zip_workbook(zf)
                extents = _scan_sheets(zf, scan)
                properties, modified_at = _core_properties(zf, scan.parts)
        except (zipfile.BadZipFile, OSError, ElementTree.ParseError, KeyError, EOFError) as exc:
            raise InputError("文件已损坏（工作簿结构无法读取）", f"the file is damaged ({exc})") from exc
    else:
        scan_xls(data)
        properties, modified_at = _ole_properties(data)
    try:
        cwb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError as exc:
        raise encrypted() from exc
    except Exception as exc:  # calamine raises several types (ZipError, XmlError, CalamineError, ValueError)
        raise InputError(
            "文件已损坏，无法作为工作簿读取", f"the file is damaged and cannot be read ({exc})"
        ) from exc
    with cwb:
        sheets = [_read_sheet(cwb, meta, extents) for meta in cwb.sheets_metadata
                  if meta.typ in (pc.SheetTypeEnum.WorkSheet, pc.SheetTypeEnum.DialogSheet)]  # fmt: skip
    if sheets and all(s.skipped for s in sheets):
        raise InputError(
            f"工作表过大（超过 {MAX_SHEET_CELLS:,} 个单元格），不是活动信息汇总表",
            f"the sheets are too large (over {MAX_SHEET_CELLS:,} cells); not a summary form",
        )
    return Workbook(path=path, file_format=check.kind, sheets=sheets, modified_at=modified_at,
                    properties=properties, has_macros=check.has_macros)  # fmt: skip


def _read_sheet(
    cwb: pc.CalamineWorkbook, meta: pc.SheetMetadata, extents: dict[str, tuple[int, int, frozenset]] | None
) -> Sheet:
    """One sheet; of an .xlsx (`extents` given), only when its extent is known and within the limit."""
    # calamine's enums are not hashable: compare, don't look up.
    visible = ("hidden" if meta.visible == pc.SheetVisibleEnum.Hidden
               else "veryhidden" if meta.visible == pc.SheetVisibleEnum.VeryHidden else "visible")  # fmt: skip
    formulas: frozenset = frozenset()
    if extents is not None:
        if (
            meta.name not in extents
        ):  # its XML was not found, so its size is unknown: never give it to calamine
            raise InputError(
                f"工作表“{meta.name}”无法读取", f'sheet "{meta.name}" cannot be read (no sheet XML)'
            )
        n_rows, n_cols, formulas = extents[meta.name]
        if n_rows * n_cols > MAX_SHEET_CELLS:
            reason = f"{n_rows} rows x {n_cols} columns"
            return Sheet(meta.name, [], [], visible=visible, truncated=True, skipped=reason)
    try:
        sheet = cwb.get_sheet_by_name(meta.name)
        # skip_empty_area=False keeps row/column 0 at A1, so addresses are the ones the user sees.
        rows = sheet.to_python(skip_empty_area=False, nrows=ROWS_READ)
        total_rows = sheet.total_height
        merged = sheet.merged_cell_ranges or []
    except Exception as exc:
        raise InputError(
            f"工作表“{meta.name}”无法读取", f'sheet "{meta.name}" cannot be read ({exc})'
        ) from exc
    truncated = total_rows > ROWS_READ
    if rows and len(rows[0]) > COLS_READ:
        rows = [r[:COLS_READ] for r in rows]
        truncated = True
    merged_boxes = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in merged if r0 < ROWS_READ and c0 < COLS_READ]
    return Sheet(meta.name, rows, merged_boxes, visible=visible, truncated=truncated, formula_cells=formulas)


def _scan_sheets(zf: zipfile.ZipFile, scan: ZipScan) -> dict[str, tuple[int, int, frozenset]]:
    """Sheet name -> (rows, cols, formula cells without a saved result), streamed from each sheet's XML.

    The zip scan's bound per part: a small sheet without formulas needs no second scan (most forms),
    which saves a third of the reading time of a small workbook."""
    guarded = scan.sheets
    names = set(zf.namelist())
    out = {}
    for name, target in _sheet_targets(zf, scan.parts):
        # relative to xl/ as OPC says, or as written (calamine accepts "xl/worksheets/..." too)
        relative = posixpath.normpath(posixpath.join("xl", target))
        part = next((p for p in (relative, target.lstrip("/")) if p in names), None)
        if part is None:
            continue
        rows, cols, has_formulas = guarded.get(part, (MAX_SHEET_CELLS, MAX_SHEET_CELLS, True))
        if has_formulas or rows * cols > MAX_SHEET_CELLS:
            out[name] = _scan_part(zf, part)
        else:
            out[name] = (rows, cols, frozenset())
    return out


_TAG_RE = {tag: re.compile(b"<" + NS + tag + rb"\b([^>]*)>") for tag in (b"sheet", b"Relationship")}
_ATTR_RE = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attrs(raw: bytes) -> dict[str, str]:
    return {
        k.decode(): html.unescape((a or b).decode("utf-8", "replace")) for k, a, b in _ATTR_RE.findall(raw)
    }


def _part(zf: zipfile.ZipFile, parts: dict[str, bytes], name: str) -> bytes:
    """A part as the zip scan read and checked it, or from the archive when it was too large to keep."""
    found = parts.get(name)
    return found if found is not None else zf.read(name)


def _sheet_targets(zf: zipfile.ZipFile, parts: dict[str, bytes]) -> list[tuple[str, str]]:
    """(sheet name, target part) in workbook order. Read with regexes: the zip scan has refused any DTD,
    these are flat tags, and a tree parser cost a fifth of a small workbook's reading time. The tree
    parser is the fallback for anything the regexes do not understand."""
    book, rels = _part(zf, parts, "xl/workbook.xml"), _part(zf, parts, "xl/_rels/workbook.xml.rels")
    targets = {a.get("Id"): a.get("Target", "") for a in map(_attrs, _TAG_RE[b"Relationship"].findall(rels))}
    found = []
    for a in map(_attrs, _TAG_RE[b"sheet"].findall(book)):
        rid = next((v for k, v in a.items() if k.endswith(":id")), None)
        if "name" not in a or rid not in targets:
            break
        found.append((a["name"], targets[rid]))
    else:
        if found:
            return found
    root = ElementTree.fromstring(book)
    tree_targets = {
        r.get("Id"): r.get("Target", "")
        for r in ElementTree.fromstring(rels).findall("rel:Relationship", _NS)
    }
    return [
        (sh.get("name"), tree_targets.get(sh.get(f"{{{_NS['r']}}}id"), ""))
        for sh in root.iterfind("main:sheets/main:sheet", _NS)
    ]


def _scan_part(zf: zipfile.ZipFile, part: str) -> tuple[int, int, frozenset]:
    """The extent calamine will give the sheet (its cells with content) and its formulas without a saved
    result, by the zip scan's XML walk: the same parser reads every address however it is written."""
    walk = SheetWalk([], part)
    with zf.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            walk.feed(chunk)
    walk.close()
    return walk.rows, walk.cols, frozenset(walk.formula_cells)


def _core_properties(zf: zipfile.ZipFile, parts: dict[str, bytes]) -> tuple[dict[str, str], dt.datetime | None]:
    try:
        raw = _part(zf, parts, "docProps/core.xml")
    except KeyError:
        return {}, None
    # A regex over this small part, not an XML parser: the zip scan has refused any DTD in it already,
    # and these are flat text elements; per file it is ~10x cheaper than building a tree.
    text = raw[:200_000].decode("utf-8", "replace")
    props, seen = {}, set()
    for tag, value in _CORE_RE.findall(text):
        if tag not in seen:  # an element's first occurrence counts, even when empty
            seen.add(tag)
            if value.strip():
                props[_CORE_KEYS[tag]] = html.unescape(value.strip())
    return props, _parse_w3c(props.get("modified"))


def _parse_w3c(text: str | None) -> dt.datetime | None:
    """W3CDTF (2024-06-10T08:00:00Z) -> naive UTC datetime."""
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _ole_properties(data: bytes) -> tuple[dict[str, str], dt.datetime | None]:
    """.xls: the OLE SummaryInformation stream (author, title, last saved time)."""
    try:
        with olefile.OleFileIO(data) as ole:
            meta = ole.get_metadata()
    except Exception:  # properties are optional: a damaged stream must not reject a readable workbook
        return {}, None
    props = {}
    for key, attr in (("creator", "author"), ("title", "title"), ("subject", "subject"),
                      ("keywords", "keywords"), ("description", "comments"), ("lastModifiedBy", "last_saved_by")):  # fmt: skip
        value = getattr(meta, attr, None)
        if isinstance(value, bytes):
            value = value.decode(
                getattr(meta, "codepage", None) and _codec(meta.codepage) or "gbk", "replace"
            )
        if value:
            props[key] = str(value).strip("\x00 ").strip()
    modified = getattr(meta, "last_saved_time", None)
    if isinstance(modified, dt.datetime) and modified.year > 1601:
        props["modified"] = modified.isoformat()
        return props, modified
    return props, None


def _codec(codepage: int) -> str:
    return {936: "gbk", 65001: "utf-8", 1252: "cp1252", 1200: "utf-16-le"}.get(codepage, "gbk")
