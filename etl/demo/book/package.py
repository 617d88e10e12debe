"""What the formats share: zip entries at fixed times, core.xml, numbers as XML text, saving with the file time.

The same spec always gives the same bytes. Times in a `Properties` are Beijing time (UTC+8); the files
store UTC, and a file's mtime is the same instant as its workbook's modified time.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from etl.demo.book.spec import Properties

BEIJING_OFFSET = timedelta(hours=8)
FIXED_ZIP_TIME = datetime(2020, 1, 1)  # entry time of a package whose properties name no time
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PART = "xl/vbaProject.bin"


def number_text(v: float) -> str:
    """A number as a cell's <v> holds it: 12, 0.5."""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def utc(beijing: datetime) -> datetime:
    return beijing - BEIJING_OFFSET


def _w3cdtf(beijing: datetime) -> str:
    return utc(beijing).strftime("%Y-%m-%dT%H:%M:%SZ")


def core_xml(props: Properties) -> bytes:
    """docProps/core.xml written here, not by openpyxl (which stamps the current time on save)."""
    fields = [
        ("dc:creator", props.creator),
        ("cp:keywords", props.keywords),
        ("dc:description", props.description),
        ("dc:title", props.title),
    ]
    body = "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in fields if text)
    for tag, when in (("dcterms:created", props.created), ("dcterms:modified", props.modified)):
        if when is not None:
            body += f'<{tag} xsi:type="dcterms:W3CDTF">{_w3cdtf(when)}</{tag}>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{body}</cp:coreProperties>"
    ).encode()


def macro_and_vba(
    parts: list[tuple[str, bytes]], macro: bool, vba_project: bytes | None
) -> list[tuple[str, bytes]]:
    """An .xlsm declares a macro-enabled main part; a VBA project is one more entry, as Excel saves it."""
    out = []
    for name, data in parts:
        if macro and name == "[Content_Types].xml":
            data = data.replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())
        out.append((name, data))
    if vba_project is not None:
        out.append((VBA_PART, vba_project))
    return out


def fixed_zip(parts: Iterable[tuple[str, bytes]], stamp: datetime, unix_mode: int = 0) -> bytes:
    """The parts in the order given, every entry at `stamp` (and with `unix_mode` permissions when set)."""
    buf = io.BytesIO()
    when = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = unix_mode << 16
            zf.writestr(info, data)
    return buf.getvalue()


def unzip(data: bytes) -> list[tuple[str, bytes]]:
    """A library's zip package as (name, bytes) in its own order, to be zipped again at fixed times."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(name, zf.read(name)) for name in zf.namelist()]


def save(path: Path, data: bytes, modified: datetime | None) -> Path:
    """Write the file (folders made as needed), its mtime set to `modified` when given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if modified is not None:
        set_file_time(path, modified)
    return path


def set_file_time(path: Path, beijing: datetime) -> None:
    """The file's mtime is the same instant as the workbook's modified time."""
    ts = (utc(beijing) - datetime(1970, 1, 1)).total_seconds()
    os.utime(path, (ts, ts))
