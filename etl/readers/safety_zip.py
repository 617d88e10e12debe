"""The scan of a zip workbook's XML before calamine parses it: the bombs that cost little to send.

Found by testing python-calamine 0.9.1 (see docs/security.md):
- DTD entities are never expanded (quick-xml): a billion-laughs or XXE sheet fails with
  "unrecognized entity". We refuse any DTD up front anyway, with a clear message.
- A sheet is read into a dense grid from its smallest to its largest cell address, so two cells at
  A1 and XFD1048576 (a 1 KB file) ask for 512 GB and Rust aborts the whole process: not an
  exception we could catch. So every sheet's extent is read here, from the XML, first: its rows are
  bounded here, its cells by the reader, which skips a sheet over the limit (etl/readers/workbook.py).
- Every cell that refers to a shared string gets its own copy: one 100 KB string used by 3,000
  cells is a 20 KB file that takes 1.4 GB. So the text the cells would expand to is bounded too.

Everything is streamed in chunks through zipfile (which stops at each entry's declared size and
checks its CRC), so the scan itself needs a few MB whatever the file claims. The limits and the
checks on each sheet live in etl/readers/safety.py.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator

from etl.issues import InputError
from etl.readers.cells import col_index
from etl.readers.safety import (
    MAX_UNCOMPRESSED_BYTES,
    check_shared_text,
    check_sheet_cells,
    check_sheet_rows,
)

CHUNK = 1024 * 1024
KEEP = 4096  # bytes kept between chunks so a tag cut by a chunk border is still seen

DTD_MARKERS = [
    m for s in ("<!DOCTYPE", "<!ENTITY") for m in (s.encode(), s.encode("utf-16-le"), s.encode("utf-16-be"))
]
SHEET_RE = re.compile(r"^xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml$", re.IGNORECASE)
TOKEN_RE = re.compile(rb"<row\b[^>]{0,1024}>|<c\b[^>]{0,1024}>|<v>\d{1,12}</v>|<mergeCell\b[^>]{0,256}>")
ATTR_R_RE = re.compile(rb'\br="([A-Za-z]{1,4})?(\d{1,9})?"')
ATTR_T_S_RE = re.compile(rb'\bt="s"')
REF_RE = re.compile(rb'\bref="([A-Za-z]{1,4})(\d{1,9}):([A-Za-z]{1,4})(\d{1,9})"')
SI_RE = re.compile(rb"<si\b|</si>|<si/>")

Extent = tuple[int, int, bool]  # (max row, max column, has a <f> formula tag): an upper bound of a sheet


def scan_zip_workbook(zf: zipfile.ZipFile) -> dict[str, Extent]:
    """Raise InputError when an .xlsx/.xlsm would cost far more to read than a form can need (a DTD, too many
    rows, too much shared text, a huge merged range, more than the decompression budget).

    Returns, per sheet part, its Extent, so the reader scans a sheet's XML again only when it must
    (formulas, or a large grid)."""
    budget = [MAX_UNCOMPRESSED_BYTES]
    infos = [i for i in zf.infolist() if not i.is_dir()]
    shared = _shared_string_sizes(zf, infos, budget)
    sheets: dict[str, Extent] = {}
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            scanned = _scan_entry(zf, info, shared, budget)
            if scanned is not None:
                sheets[info.filename] = scanned
    return sheets


def small_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """A small entry's bytes straight from the archive in memory (a form's parts are a few KB): zlib with
    an output cap at the declared size, as zipfile does, without its per-entry machinery, which cost
    half of this scan's time. None when the fast path does not apply (the caller streams instead)."""
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


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> Iterator[tuple[bytes, bytes]]:
    """The entry's decompressed bytes in chunks, each with KEEP bytes of the previous one before it."""
    small = small_entry(zf, info)
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
        raise InputError(
            f"文件已损坏（{info.filename} 无法解压）",
            f"damaged file ({info.filename} cannot be decompressed: {exc})",
        ) from exc


def _bomb() -> InputError:
    return InputError(
        f"解压后内容超过 {MAX_UNCOMPRESSED_BYTES // 1048576} MB（疑似压缩炸弹），拒收",
        f"more than {MAX_UNCOMPRESSED_BYTES // 1048576} MB once decompressed (a zip bomb?); refused",
    )


def _check_dtd(name: str, window: bytes) -> None:
    if any(m in window for m in DTD_MARKERS):
        raise InputError(
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
) -> Extent | None:
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
    else:  # <mergeCell ref="A1:B2">
        ref = REF_RE.search(token)
        if ref:
            rows = abs(int(ref.group(4)) - int(ref.group(2))) + 1
            cols = abs(col_index(ref.group(3)) - col_index(ref.group(1))) + 1
            check_sheet_cells(name, rows, cols, merged=True)
    check_sheet_rows(name, s["max_row"])
    check_shared_text(name, s["text"])
