"""Checks on a workbook's zip before calamine parses it: the bombs that cost little to send.

Found by testing python-calamine 0.9.1 (see docs/security.md):
- DTD entities are never expanded (quick-xml): a billion-laughs or XXE sheet fails with
  "unrecognized entity". We refuse any DTD up front anyway, with a clear message.
- A sheet is read into a dense grid from its smallest to its largest cell address, so two cells at
  A1 and XFD1048576 (a 1 KB file) ask for 512 GB and Rust aborts the whole process: not an
  exception we could catch. So the extent of every sheet is bounded here, from the XML, first.
- Every cell that refers to a shared string gets its own copy: one 100 KB string used by 3,000
  cells is a 20 KB file that takes 1.4 GB. So the text the cells would expand to is bounded too.

Everything is streamed in chunks through zipfile (which stops at each entry's declared size and
checks its CRC), so the scan itself needs a few MB whatever the file claims.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from etl.readers.cells import col_index

MAX_ROWS = 100_000  # a summary form has tens of rows; 100k is generous
MAX_AREA = 2_000_000  # rows x columns of one sheet's grid (~100 MB in calamine)
MAX_EXPANDED_TEXT = 64 * 1024 * 1024  # bytes of shared-string text all cells together refer to
MAX_XML_BYTES = 256 * 1024 * 1024  # all entries together, decompressed (streamed, never held)
CHUNK = 1024 * 1024
KEEP = 4096  # bytes kept between chunks so a tag cut by a chunk border is still seen

DTD_MARKERS = [
    m for s in ("<!DOCTYPE", "<!ENTITY") for m in (s.encode(), s.encode("utf-16-le"), s.encode("utf-16-be"))
]
VBA_PARTS = ("vbaproject.bin", "vbadata.xml")
SHEET_RE = re.compile(r"^xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml$", re.IGNORECASE)
TOKEN_RE = re.compile(rb"<row\b[^>]{0,1024}>|<c\b[^>]{0,1024}>|<v>\d{1,12}</v>|<mergeCell\b[^>]{0,256}>")
ATTR_R_RE = re.compile(rb'\br="([A-Za-z]{1,4})?(\d{1,9})?"')
ATTR_T_S_RE = re.compile(rb'\bt="s"')
REF_RE = re.compile(rb'\bref="([A-Za-z]{1,4})(\d{1,9}):([A-Za-z]{1,4})(\d{1,9})"')
SI_RE = re.compile(rb"<si\b|</si>|<si/>")


class GuardError(Exception):
    """The workbook is refused before parsing; the reasons are shown to the sender."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_zh = reason_zh
        self.reason_en = reason_en


def has_vba(path: Path) -> bool:
    """A VBA project inside: `xl/vbaProject.bin` in a zip workbook, `_VBA_PROJECT` in an .xls."""
    try:
        with zipfile.ZipFile(path) as zf:
            return any(n.lower().rsplit("/", 1)[-1] in VBA_PARTS for n in zf.namelist())
    except (zipfile.BadZipFile, OSError):
        data = path.read_bytes()
        return "_VBA_PROJECT".encode("utf-16-le") in data


def check_zip_workbook(path: Path) -> None:
    """Raise GuardError when an .xlsx/.xlsm would cost far more to read than a form can need."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise GuardError(
            "文件已损坏或不是有效的 Excel 工作簿", f"damaged or not an Excel workbook ({exc})"
        ) from exc
    with zf:
        check_zip(zf)


def check_zip(zf: zipfile.ZipFile) -> dict[str, tuple[int, int, bool]]:
    """The checks of `check_zip_workbook` on an open zip (etl/readers/workbook.py calls this before calamine).

    Returns, per sheet part, (max row, max column, has a <f> formula tag): an upper bound of the sheet's
    extent, so the reader scans a sheet's XML again only when it must (formulas, or a large grid)."""
    budget = [MAX_XML_BYTES]
    infos = [i for i in zf.infolist() if not i.is_dir()]
    shared = _shared_string_sizes(zf, infos, budget)
    sheets: dict[str, tuple[int, int, bool]] = {}
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            scanned = _scan_entry(zf, info, shared, budget)
            if scanned is not None:
                sheets[info.filename] = scanned
    return sheets


def _small_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """A small entry's bytes straight from the archive in memory (a form's parts are a few KB): zlib with
    an output cap at the declared size, as zipfile does, without its per-entry machinery, which cost
    half of this guard's time. None when the fast path does not apply (the caller streams instead)."""
    fp = zf.fp
    if not isinstance(fp, io.BytesIO) or info.file_size > CHUNK or info.compress_type not in (0, 8):
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


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]):
    """The entry's decompressed bytes in chunks, each with KEEP bytes of the previous one before it."""
    small = _small_entry(zf, info)
    if small is not None:
        budget[0] -= len(small)
        if budget[0] < 0:
            raise _bomb()
        yield b"", small
        return
    tail = b""
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise _bomb()
                yield tail, chunk
                tail = (tail + chunk)[-KEEP:]
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise GuardError(
            f"文件已损坏（{info.filename} 无法解压）",
            f"damaged file ({info.filename} cannot be decompressed: {exc})",
        ) from exc


def _bomb() -> GuardError:
    return GuardError(
        f"解压后内容超过 {MAX_XML_BYTES // 1048576} MB（疑似压缩炸弹），拒收",
        f"more than {MAX_XML_BYTES // 1048576} MB once decompressed (a zip bomb?); refused",
    )


def _check_dtd(name: str, window: bytes) -> None:
    if any(m in window for m in DTD_MARKERS):
        raise GuardError(
            f"{name} 含 DTD/实体声明（可能是 XML 炸弹或外部实体攻击），拒收",
            f"{name} holds a DTD / entity declaration (an XML bomb or external-entity attempt?); refused",
        )


def _shared_string_sizes(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], budget: list[int]) -> list[int]:
    """Upper bound of each shared string's length: the bytes between <si> and </si>."""
    info = next((i for i in infos if i.filename.lower() == "xl/sharedstrings.xml"), None)
    if info is None:
        return []
    sizes: list[int] = []
    start: int | None = None
    offset = 0  # position of `chunk` in the whole entry
    for tail, chunk in _chunks(zf, info, budget):
        window = tail + chunk
        base = offset - len(tail)
        _check_dtd(info.filename, window)
        for m in SI_RE.finditer(window):
            pos = base + m.start()
            if m.end() <= len(tail):
                continue  # wholly in the previous window: already counted
            token = m.group()
            if token == b"<si/>":
                sizes.append(0)
            elif token == b"<si":
                start = pos
            elif start is not None:
                sizes.append(pos - start)
                start = None
        offset += len(chunk)
    return sizes


def _scan_entry(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, shared: list[int], budget: list[int]
) -> tuple[int, int, bool] | None:
    is_sheet = bool(SHEET_RE.match(info.filename))
    state = {"row": 0, "col": 0, "max_row": 0, "max_col": 0, "shared_cell": False, "text": 0}
    formulas = False
    for tail, chunk in _chunks(zf, info, budget):
        window = tail + chunk
        _check_dtd(info.filename, window)
        if not is_sheet:
            continue
        formulas = formulas or b"<f" in window
        for m in TOKEN_RE.finditer(window):
            if m.end() <= len(tail):
                continue  # wholly in the previous window: already counted
            _token(m.group(), state, shared, info.filename)
    return (state["max_row"], state["max_col"], formulas) if is_sheet else None


def _token(token: bytes, s: dict, shared: list[int], name: str) -> None:
    if token.startswith(b"<row"):
        r = ATTR_R_RE.search(token)
        s["row"] = int(r.group(2)) if r and r.group(2) else s["row"] + 1
        s["col"] = 0
    elif token.startswith(b"<c"):
        r = ATTR_R_RE.search(token)
        if r and r.group(1):
            s["col"] = col_index(r.group(1)) + 1
            if r.group(2):
                s["row"] = max(s["row"], int(r.group(2)))
        else:
            s["col"] += 1
        s["shared_cell"] = bool(ATTR_T_S_RE.search(token))
        s["max_row"] = max(s["max_row"], s["row"] or 1)
        s["max_col"] = max(s["max_col"], s["col"])
    elif token.startswith(b"<v>"):
        if s["shared_cell"]:
            idx = int(token[3:-4])
            s["text"] += shared[idx] if idx < len(shared) else 0
            s["shared_cell"] = False
    else:  # <mergeCell ref="A1:B2">: a reader that fills merged spans needs their area too
        ref = REF_RE.search(token)
        if ref:
            rows = abs(int(ref.group(4)) - int(ref.group(2))) + 1
            cols = abs(col_index(ref.group(3)) - col_index(ref.group(1))) + 1
            if rows * cols > MAX_AREA:
                raise _too_big(name, f"合并单元格 {rows}×{cols}", f"a merged range of {rows}x{cols}")
    if s["max_row"] > MAX_ROWS:
        raise _too_big(name, f"超过 {MAX_ROWS} 行", f"more than {MAX_ROWS} rows")
    if s["max_row"] * s["max_col"] > MAX_AREA:
        raise _too_big(
            name,
            f"表格范围 {s['max_row']} 行 × {s['max_col']} 列",
            f"a grid of {s['max_row']} rows x {s['max_col']} columns",
        )
    if s["text"] > MAX_EXPANDED_TEXT:
        raise _too_big(name, "单元格引用的文字超过 64 MB", "cells referring to more than 64 MB of text")


def _too_big(name: str, what_zh: str, what_en: str) -> GuardError:
    return GuardError(
        f"{name} {what_zh}，远超报送表所需，拒收（请只提交汇总表）",
        f"{name} has {what_en}, far beyond what a form needs; refused (send only the form)",
    )


# -- .xls (BIFF8 in an OLE container): the same two bombs, read from the binary records ----------------------
CELL_RECORDS = {0x0203, 0x00FD, 0x027E, 0x0201, 0x0006, 0x0204, 0x0205, 0x00D6}  # start with row, col
MUL_RECORDS = {0x00BD, 0x00BE}  # MULRK / MULBLANK: row, first col ... last col (last 2 bytes)
BOF, SST, CONTINUE, LABELSST = 0x0809, 0x00FC, 0x003C, 0x00FD


def check_xls(data: bytes) -> None:
    """Raise GuardError for an .xls whose sheets calamine would blow up: a 5 KB file with cells at A1
    and IV65536 took 1 GB; a shared string used by many cells is copied per cell, as in .xlsx."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            stream = ole.openstream(name).read()
    except Exception:  # not readable here: calamine gives the precise reason
        return
    records = list(_biff_records(stream))
    sst_lengths = _sst_lengths(records)
    max_row = max_col = text = 0
    for rtype, body in records:
        if rtype == BOF:  # a new sheet (or the workbook globals)
            max_row = max_col = 0
            continue
        if rtype in CELL_RECORDS and len(body) >= 4:
            row, col = body[0] | body[1] << 8, body[2] | body[3] << 8
            if rtype == LABELSST and len(body) >= 10:
                idx = int.from_bytes(body[6:10], "little")
                text += 3 * (sst_lengths[idx] if idx < len(sst_lengths) else 0)  # UTF-8: up to 3 bytes a char
        elif rtype in MUL_RECORDS and len(body) >= 6:
            row, col = body[0] | body[1] << 8, body[-2] | body[-1] << 8
        else:
            continue
        max_row, max_col = max(max_row, row + 1), max(max_col, col + 1)
        if max_row > MAX_ROWS:
            raise _too_big("xls", f"超过 {MAX_ROWS} 行", f"more than {MAX_ROWS} rows")
        if max_row * max_col > MAX_AREA:
            raise _too_big(
                "xls",
                f"表格范围 {max_row} 行 × {max_col} 列",
                f"a grid of {max_row} rows x {max_col} columns",
            )
        if text > MAX_EXPANDED_TEXT:
            raise _too_big("xls", "单元格引用的文字超过 64 MB", "cells referring to more than 64 MB of text")


def _biff_records(stream: bytes):
    pos = 0
    while pos + 4 <= len(stream):
        rtype = stream[pos] | stream[pos + 1] << 8
        size = stream[pos + 2] | stream[pos + 3] << 8
        yield rtype, stream[pos + 4 : pos + 4 + size]
        pos += 4 + size


def _sst_lengths(records: list[tuple[int, bytes]]) -> list[int]:
    """Character count of each shared string, following CONTINUE records (a string's characters may
    continue in the next record after a new option byte; its formatting runs continue without one)."""
    segments: list[bytes] = []
    for i, (rtype, body) in enumerate(records):
        if rtype == SST:
            segments = [body] + [b for t, b in _continues(records, i + 1)]
            break
    if not segments or len(segments[0]) < 8:
        return []
    unique = int.from_bytes(segments[0][4:8], "little")
    lengths: list[int] = []
    seg, data, p = 0, segments[0], 8
    try:
        for _ in range(min(unique, 10_000_000)):
            if p >= len(data):
                seg, data, p = seg + 1, segments[seg + 1], 0
            cch, flags = data[p] | data[p + 1] << 8, data[p + 2]
            p += 3
            runs = ext = 0
            if flags & 0x08:
                runs, p = data[p] | data[p + 1] << 8, p + 2
            if flags & 0x04:
                ext, p = int.from_bytes(data[p : p + 4], "little"), p + 4
            lengths.append(cch)
            width, remaining = (2 if flags & 0x01 else 1), cch
            while remaining:
                take = min(remaining, (len(data) - p) // width)
                p, remaining = p + take * width, remaining - take
                if remaining:
                    seg, data = seg + 1, segments[seg + 1]
                    width, p = (2 if data[0] & 0x01 else 1), 1
            skip = 4 * runs + ext
            while skip:
                take = min(skip, len(data) - p)
                p, skip = p + take, skip - take
                if skip:
                    seg, data, p = seg + 1, segments[seg + 1], 0
    except IndexError:  # a malformed table: what was read so far still bounds the rest
        pass
    return lengths


def _continues(records: list[tuple[int, bytes]], start: int):
    for rtype, body in records[start:]:
        if rtype != CONTINUE:
            return
        yield rtype, body
