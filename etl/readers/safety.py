"""Every limit on a received file, and the checks on its content before any parser touches it.

Judged by content, never by name: a PNG renamed .xlsx, an empty file, a zip bomb, an encrypted workbook or a
Word document sent as a workbook are refused here with an `InputError` (a reason in Chinese and English).
The one macro check (`has_macros`) serves the build (a `macros_ignored` warning) and the upload (a refusal).
The deeper scans use the same limits: of a zip workbook's XML in etl/readers/safety_zip.py, of an .xls's
binary records in etl/readers/safety_xls.py. See docs/security.md for what each limit stops.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from etl.issues import InputError

# -- Limits, one of each kind ----------------------------------------------------------------------------
# A summary form is a few KB; 20 MB leaves room for pictures. The same as server.maxUploadSize.
MAX_FILE_BYTES = 20 * 1024 * 1024
# A workbook or document has tens of parts; thousands only in a crafted file.
MAX_ZIP_ENTRIES = 2_000
# All entries together once decompressed: checked in the zip directory before anything is read, and again
# while the XML is streamed (etl/readers/safety_zip.py), because a directory can lie about sizes.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# Uncompressed / compressed for one large entry; real sheets stay well below. Small entries may compress
# extremely well, so only entries over RATIO_MIN_BYTES are judged.
MAX_RATIO = 200
RATIO_MIN_BYTES = 5 * 1024 * 1024
# Rows of any sheet: a form has tens. The streamed scan stops reading a sheet there.
MAX_SHEET_ROWS = 100_000
# Rows x columns of one sheet's used range, or of one merged range. calamine builds a dense grid of a
# sheet's whole used range (about 50 bytes a cell, so this is ~25 MB), and two cells at far corners ask it
# for gigabytes: Rust then aborts the process, which no `except` can catch. A form has a few hundred cells.
# A larger sheet of an .xlsx is skipped (calamine opens its sheets one by one; etl/readers/workbook.py);
# an .xls is refused (calamine parses all its sheets when it opens the file).
MAX_SHEET_CELLS = 500_000
# Bytes of shared-string text all cells of a sheet together refer to: calamine copies a shared string into
# every cell that shows it, so one 100 KB string in 3,000 cells (a 20 KB file) took 1.4 GB.
MAX_SHARED_TEXT = 64 * 1024 * 1024
# LibreOffice converting a .doc/.wps/.et (etl/readers/convert.py): wall time, address space and the size of
# any file it writes. A form converts in 1-2 s within ~400 MB; a crafted file that loops or balloons is
# stopped here, and what it writes still goes through every check above.
CONVERT_SECONDS = 60
CONVERT_MEMORY_BYTES = 2 * 1024 * 1024 * 1024
CONVERT_OUTPUT_BYTES = 4 * MAX_FILE_BYTES
# A received file is first read in a child process (etl/pipeline/canary.py): a reader that aborts or runs away
# ends that child, never the dashboard's server.
CHECK_SECONDS = CONVERT_SECONDS + 30  # a .doc is converted inside it, within its own limit
CHECK_MEMORY_BYTES = 3 * 1024 * 1024 * 1024
# A PDF notice (etl/readers/pdf.py): a notice runs to a few pages; hundreds are a book or a crafted file,
# and a page's text is parsed object by object (pdfminer), so pages are what costs time.
MAX_PDF_PAGES = 50
# A zip entry up to this size is inflated in one call from the archive in memory (`small_entry`).
SMALL_ENTRY_BYTES = 1024 * 1024

# -- What a file's first bytes say it is ------------------------------------------------------------------
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OTHER_MAGIC = {  # what people rename to .xlsx, for a helpful message
    b"\x89PNG": ("PNG 图片", "a PNG image"),
    b"\xff\xd8\xff": ("JPEG 图片", "a JPEG image"),
    b"GIF8": ("GIF 图片", "a GIF image"),
    b"%PDF": ("PDF 文档", "a PDF document"),
    b"Rar!": ("RAR 压缩包", "a RAR archive"),
    b"7z\xbc\xaf": ("7z 压缩包", "a 7z archive"),
    b"{\\rtf": ("RTF 文档", "an RTF document"),
}
# OLE stream names are stored UTF-16 in directory sectors anywhere in the file; the file is size-capped,
# so looking for them in its bytes is cheap.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # password-protected .xlsx is an OLE container
_VBA_STREAM = "_VBA_PROJECT".encode("utf-16-le")  # an .xls (or .doc) with macros
_VBA_PARTS = ("vbaproject.bin", "vbadata.xml")  # a zip package's VBA project, wherever it is put


@dataclass(frozen=True)
class FileCheck:
    kind: str  # xlsx | xlsm | xls (by content)
    has_macros: bool = False
    # the opened archive, so the reader does not parse the zip directory a second time
    archive: zipfile.ZipFile | None = field(default=None, compare=False, repr=False)


def check_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[FileCheck, bytes]:
    """Read a workbook (size-checked first) and check its content; returns the check and the bytes."""
    data = read_sized(Path(path), max_bytes)
    return check_bytes(data, max_bytes), data


def check_bytes(data: bytes, max_bytes: int = MAX_FILE_BYTES) -> FileCheck:
    """Check a workbook's bytes: size, magic, then the container (zip directory or OLE streams)."""
    check_size(len(data), max_bytes)
    if data.startswith(ZIP_MAGIC):
        return _check_zip_workbook(data)
    if data.startswith(OLE_MAGIC):
        return _check_ole(data)
    if data.startswith(b"PK"):  # empty or spanned zip: not a workbook either way
        raise InputError("压缩包已损坏或不是工作簿", "a damaged zip archive, not a workbook")
    for magic, (zh, en) in _OTHER_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"文件内容是{zh}，不是 Excel 工作簿", f"the file is {en}, not an Excel workbook")
    head = data[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype", b"<?xml", b"<table")):
        raise InputError(
            "文件是网页或 XML 文本（常见于“另存为”网页格式），请在 Excel 中另存为 .xlsx",
            "the file is HTML/XML text (often a web-page export); save it from Excel as .xlsx",
        )
    raise InputError("文件内容不是 Excel 工作簿", "the file's content is not an Excel workbook")


def check_document(path: str | Path) -> bytes:
    """Read a Word .docx (size-checked first) and check its zip container with a workbook's limits."""
    data = read_sized(Path(path), MAX_FILE_BYTES)
    names = set(_open_zip(data, "文档", "document").namelist())
    if "word/document.xml" not in names:
        raise InputError("压缩包中没有 Word 文档内容", "the zip holds no Word document")
    return data


def has_macros(data: bytes, archive: zipfile.ZipFile | None = None) -> bool:
    """The one macro check: a VBA project inside, as a vbaProject.bin part in a zip package (.xlsm) or a
    `_VBA_PROJECT` stream in an OLE file (.xls). `archive`: the zip of `data`, when it is open already."""
    if archive is None:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return has_macros(data, zf)
        except (zipfile.BadZipFile, OSError, ValueError):  # not a zip: an OLE file, or not a workbook at all
            return _VBA_STREAM in data
    return any(name.lower().rsplit("/", 1)[-1] in _VBA_PARTS for name in archive.namelist())


def check_size(size: int, max_bytes: int = MAX_FILE_BYTES) -> None:
    if size == 0:
        raise InputError("文件为空（0 字节）", "the file is empty (0 bytes)")
    if size > max_bytes:
        raise too_large(size, max_bytes)


def too_large(size: int, max_bytes: int = MAX_FILE_BYTES) -> InputError:
    return InputError(
        f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）",
        f"the file is too large ({size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB)",
    )


def encrypted(noun_zh: str = "工作簿", noun_en: str = "workbook") -> InputError:
    return InputError(
        f"{noun_zh}已加密，请去除密码后再提交", f"the {noun_en} is encrypted; remove the password"
    )


# The sheet checks of the scans (`part`: the sheet's XML part, or "xls"); each refuses the whole file.
def check_sheet_rows(part: str, rows: int) -> None:
    if rows > MAX_SHEET_ROWS:
        raise _sheet_too_big(part, f"超过 {MAX_SHEET_ROWS} 行", f"more than {MAX_SHEET_ROWS} rows")


def check_sheet_cells(part: str, rows: int, cols: int, merged: bool = False) -> None:
    """A sheet's grid (.xls), or a merged range (a reader that fills merged spans needs their area too)."""
    if rows * cols <= MAX_SHEET_CELLS:
        return
    if merged:
        raise _sheet_too_big(part, f"合并单元格 {rows}×{cols}", f"a merged range of {rows}x{cols}")
    raise _sheet_too_big(part, f"表格范围 {rows} 行 × {cols} 列", f"a grid of {rows} rows x {cols} columns")


def check_shared_text(part: str, size: int) -> None:
    if size > MAX_SHARED_TEXT:
        raise _sheet_too_big(part, "单元格引用的文字超过 64 MB", "cells referring to more than 64 MB of text")


def _sheet_too_big(part: str, what_zh: str, what_en: str) -> InputError:
    return InputError(
        f"{part} {what_zh}，远超报送表所需，拒收（请只提交汇总表）",
        f"{part} has {what_en}, far beyond what a form needs; refused (send only the form)",
    )


def read_sized(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, once its size is within `max_bytes` (an InputError otherwise)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"无法打开文件：{exc.strerror or exc}", f"cannot open the file: {exc}") from exc
    check_size(size, max_bytes)
    return path.read_bytes()


def _open_zip(data: bytes, noun_zh: str, noun_en: str) -> zipfile.ZipFile:
    """The zip, once its directory is within the limits: entries, declared sizes and ratios, no encryption."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError("文件已损坏（压缩包无法打开）", f"the file is damaged (corrupt zip: {exc})") from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise InputError(
            f"压缩包内文件过多（{len(infos)} 个），疑似恶意文件",
            f"the archive holds too many entries ({len(infos)}); refused as unsafe",
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise encrypted(noun_zh, noun_en)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise InputError(
                f"压缩包内容压缩比异常（{ratio:.0f} 倍），疑似“压缩炸弹”",
                f"an entry expands {ratio:.0f}x; refused as a possible zip bomb",
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(
            f"解压后内容过大（{total / 1048576:.0f} MB），疑似“压缩炸弹”",
            f"the archive expands to {total / 1048576:.0f} MB; refused as a possible zip bomb",
        )
    return zf


def _check_zip_workbook(data: bytes) -> FileCheck:
    zf = _open_zip(data, "工作簿", "workbook")
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        if "word/document.xml" in names:
            raise InputError(
                "文件是 Word 文档，不是 Excel 工作簿", "the file is a Word document, not a workbook"
            )
        raise InputError(
            "压缩包中没有工作簿内容，不是 Excel 文件", "the zip holds no workbook; not an Excel file"
        )
    if "xl/workbook.bin" in names:
        raise InputError(
            "不支持 .xlsb 二进制工作簿，请另存为 .xlsx", "binary .xlsb is not supported; save as .xlsx"
        )
    macros = has_macros(data, zf)
    kind = "xlsm" if macros or _macro_content_type(zf) else "xlsx"
    return FileCheck(kind=kind, has_macros=macros, archive=zf)


def _macro_content_type(zf: zipfile.ZipFile) -> bool:
    try:
        info = zf.getinfo("[Content_Types].xml")
        data = small_entry(zf, info)
        return b"macroEnabled" in (data if data is not None else zf.read(info))[:20_000]
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def small_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """A small entry's bytes straight from the archive in memory (a form's parts are a few KB): zlib with
    an output cap at the declared size, as zipfile does, without its per-entry machinery, which cost
    half of this scan's time. None when the fast path does not apply (the caller streams instead)."""
    fp = zf.fp
    if not isinstance(fp, io.BytesIO) or info.file_size > SMALL_ENTRY_BYTES or info.compress_type not in (0, 8):
        return None
    data = fp.getbuffer()
    start = info.header_offset
    header = bytes(data[start : start + 30])
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return None
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    begin = start + 30 + name_len + extra_len
    raw = bytes(data[begin : begin + info.compress_size])
    if info.compress_type == 0:
        return raw if len(raw) == info.file_size and zlib.crc32(raw) == info.CRC else None
    inflate = zlib.decompressobj(-15)
    try:
        out = inflate.decompress(raw, info.file_size)
    except zlib.error:
        return None  # the streaming path reports the damage with its own message
    if not inflate.eof or len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        return None  # longer or shorter than declared, or damaged: zipfile's own checks say what is wrong
    return out


def _check_ole(data: bytes) -> FileCheck:
    if _ENCRYPTED_STREAM in data:
        raise encrypted()
    if "WordDocument".encode("utf-16-le") in data and "Workbook".encode("utf-16-le") not in data:
        raise InputError("文件是 Word 文档，不是 Excel 工作簿", "the file is a Word document, not a workbook")
    return FileCheck(kind="xls", has_macros=has_macros(data))
