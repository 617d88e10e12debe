"""Content checks on an uploaded or submitted file, before any parser touches it.

Judged by content, never by name: a PNG renamed .xlsx, an empty file, a zip bomb, an encrypted workbook or a
Word document are refused here with a reason in Chinese and English. The upload page reuses `check_bytes`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024  # a summary form is a few KB; 20 MB leaves room for pictures
MAX_ZIP_ENTRIES = 2_000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all entries together, as declared in the zip directory
MAX_RATIO = 200  # uncompressed / compressed for one large entry; real sheets stay well below
RATIO_MIN_BYTES = 5 * 1024 * 1024  # small entries may compress extremely well; only big ones are judged

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
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # password-protected .xlsx is an OLE container


class WorkbookError(Exception):
    """The file is not a readable workbook; both reasons are shown to the user."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


@dataclass(frozen=True)
class FileCheck:
    kind: str  # xlsx | xlsm | xls (by content)
    has_macros: bool = False
    # the opened archive, so the reader does not parse the zip directory a second time
    archive: zipfile.ZipFile | None = field(default=None, compare=False, repr=False)


def check_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> tuple[FileCheck, bytes]:
    """Read `path` (size-checked first) and check its content; returns the check and the bytes."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise WorkbookError(f"无法打开文件：{exc.strerror or exc}", f"cannot open the file: {exc}") from exc
    _check_size(size, max_bytes)
    data = path.read_bytes()
    return check_bytes(data, max_bytes), data


def check_bytes(data: bytes, max_bytes: int = MAX_FILE_BYTES) -> FileCheck:
    """Check a file's bytes: size, magic, then the container (zip directory or OLE streams)."""
    _check_size(len(data), max_bytes)
    if data.startswith(ZIP_MAGIC):
        return _check_zip(data)
    if data.startswith(OLE_MAGIC):
        return _check_ole(data)
    if data.startswith(b"PK"):  # empty or spanned zip: not a workbook either way
        raise WorkbookError("压缩包已损坏或不是工作簿", "a damaged zip archive, not a workbook")
    for magic, (zh, en) in _OTHER_MAGIC.items():
        if data.startswith(magic):
            raise WorkbookError(
                f"文件内容是{zh}，不是 Excel 工作簿", f"the file is {en}, not an Excel workbook"
            )
    head = data[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype", b"<?xml", b"<table")):
        raise WorkbookError(
            "文件是网页或 XML 文本（常见于“另存为”网页格式），请在 Excel 中另存为 .xlsx",
            "the file is HTML/XML text (often a web-page export); save it from Excel as .xlsx",
        )
    raise WorkbookError("文件内容不是 Excel 工作簿", "the file's content is not an Excel workbook")


def _check_size(size: int, max_bytes: int) -> None:
    if size == 0:
        raise WorkbookError("文件为空（0 字节）", "the file is empty (0 bytes)")
    if size > max_bytes:
        raise WorkbookError(
            f"文件过大（{size / 1048576:.1f} MB，上限 {max_bytes / 1048576:.0f} MB）",
            f"the file is too large ({size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB)",
        )


def _check_zip(data: bytes) -> FileCheck:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookError(
            "文件已损坏（压缩包无法打开）", f"the file is damaged (corrupt zip: {exc})"
        ) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise WorkbookError(
            f"压缩包内文件过多（{len(infos)} 个），疑似恶意文件",
            f"the archive holds too many entries ({len(infos)}); refused as unsafe",
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.flag_bits & 0x1:
            raise WorkbookError(
                "工作簿已加密，请去除密码后再提交", "the workbook is encrypted; remove the password"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise WorkbookError(
                f"压缩包内容压缩比异常（{ratio:.0f} 倍），疑似“压缩炸弹”",
                f"an entry expands {ratio:.0f}x; refused as a possible zip bomb",
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookError(
            f"解压后内容过大（{total / 1048576:.0f} MB），疑似“压缩炸弹”",
            f"the archive expands to {total / 1048576:.0f} MB; refused as a possible zip bomb",
        )
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        if "word/document.xml" in names:
            raise WorkbookError(
                "文件是 Word 文档，不是 Excel 工作簿", "the file is a Word document, not a workbook"
            )
        raise WorkbookError(
            "压缩包中没有工作簿内容，不是 Excel 文件", "the zip holds no workbook; not an Excel file"
        )
    if "xl/workbook.bin" in names:
        raise WorkbookError(
            "不支持 .xlsb 二进制工作簿，请另存为 .xlsx", "binary .xlsb is not supported; save as .xlsx"
        )
    has_macros = "xl/vbaProject.bin" in names
    kind = "xlsm" if has_macros or _macro_content_type(zf) else "xlsx"
    return FileCheck(kind=kind, has_macros=has_macros, archive=zf)


def _macro_content_type(zf: zipfile.ZipFile) -> bool:
    try:
        return b"macroEnabled" in zf.read("[Content_Types].xml")[:20_000]
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def _check_ole(data: bytes) -> FileCheck:
    # Stream names live in directory sectors anywhere in the file; the file is size-capped, so a scan is cheap.
    if _ENCRYPTED_STREAM in data:
        raise WorkbookError(
            "工作簿已加密，请去除密码后再提交", "the workbook is encrypted; remove the password"
        )
    if "WordDocument".encode("utf-16-le") in data and "Workbook".encode("utf-16-le") not in data:
        raise WorkbookError(
            "文件是 Word 文档，不是 Excel 工作簿", "the file is a Word document, not a workbook"
        )
    return FileCheck(kind="xls")
