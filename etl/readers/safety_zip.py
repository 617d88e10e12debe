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

import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from etl.issues import InputError
from etl.readers.cells import col_index
from etl.readers.safety import (
    MAX_SHARED_TEXT,
    MAX_SHEET_CELLS,
    MAX_SHEET_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    check_shared_text,
    check_sheet_cells,
    check_sheet_rows,
    small_entry,
)

CHUNK = 1024 * 1024
KEEP = 4096  # bytes kept between chunks so a tag cut by a chunk border is still seen

DTD_MARKERS = [
    m for s in ("<!DOCTYPE", "<!ENTITY") for m in (s.encode(), s.encode("utf-16-le"), s.encode("utf-16-be"))
]
SHEET_RE = re.compile(r"^xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml$", re.IGNORECASE)
# An element's optional namespace prefix: calamine matches tags by local name, so <x:c r="XFD1048576"> is a
# cell to it as much as <c ...> is, and every token below allows one.
NS_PREFIX = rb"[^\s<>/:=!?\"']{1,64}:"  # any XML name then a colon, CJK included (\w is ASCII in bytes)
NS = b"(?:" + NS_PREFIX + b")?"  # an element's optional prefix (the readers share it)
# The token walk's tokens; the group that matched says which: 1 row, 2 cell, 3 merged range, 4 a <v> number.
TOKEN_RE = re.compile(
    rb"<" + NS + rb"(?:(row)|(c)|(mergeCell))\b[^>]{0,1024}>|<" + NS + rb"v>(\d{1,12})</" + NS + rb"v>"
)
ATTR_R_RE = re.compile(rb'\br="([A-Za-z]{1,4})?(\d{1,9})?"')
ATTR_T_S_RE = re.compile(rb'\bt="s"')
REF_RE = re.compile(rb'\bref="([A-Za-z]{1,4})(\d{1,9}):([A-Za-z]{1,4})(\d{1,9})"')
# A shared string, by the group that matched: 1 an empty one (<si/>), 2 its start, 3 its end.
SI_RE = re.compile(rb"(<" + NS + rb"si\b[^>]*/>)|(<" + NS + rb"si\b[^>]*>)|(</" + NS + rb"si\s*>)")
# The one-pass sheet scan (`_fast_extent`) reads unprefixed tags only (as Excel, WPS and LibreOffice write
# them) and steps aside when any tag it counts has a prefix. FAST_TOKEN_RE's tokens are joined, each read
# by one findall; a match cannot cross a token's closing ">", so each token gives at most one match.
FAST_TOKEN_RE = re.compile(rb"<row\b[^>]{0,1024}>|<c\b[^>]{0,1024}>|<v>\d{1,12}</v>|<mergeCell\b[^>]{0,256}>")
PREFIXED_TAG_RE = re.compile(rb"<" + NS_PREFIX + rb"(?:row|c|mergeCell|v)\b")
CELL_ADDR_RE = re.compile(rb'<c\b[^>]*?\br="([A-Za-z]{1,4})(\d{1,9})"[^>]*>')
ROW_ADDR_RE = re.compile(rb'<row\b[^>]*?\br="(\d{1,9})"[^>]*>')

Extent = tuple[int, int, bool]  # (max row, max column, has a <f> formula tag): an upper bound of a sheet


@dataclass
class ZipScan:
    sheets: dict[str, Extent]  # per sheet part: its bound, so the reader scans a sheet again only when it must
    parts: dict[str, bytes]  # the small XML parts as decompressed and checked here, for the reader to reuse


def scan_zip_workbook(zf: zipfile.ZipFile) -> ZipScan:
    """Raise InputError when an .xlsx/.xlsm would cost far more to read than a form can need (a DTD, too many
    rows, too much shared text, a huge merged range, more than the decompression budget).

    Returns, per sheet part, its Extent, so the reader scans a sheet's XML again only when it must
    (formulas, or a large grid), and the small parts it read (workbook.xml, its rels, core.xml), so the
    reader does not decompress them again."""
    budget = [MAX_UNCOMPRESSED_BYTES]
    infos = [i for i in zf.infolist() if not i.is_dir()]
    parts: dict[str, bytes] = {}
    shared_info = next((i for i in infos if i.filename.lower() == "xl/sharedstrings.xml"), None)
    shared = _shared_string_sizes(zf, shared_info, budget, parts) if shared_info else []
    most_shared = max(shared, default=0)
    sheets: dict[str, Extent] = {}
    for info in infos:
        if info is shared_info and info.filename in parts:  # read whole above: counted again, as when streamed
            budget[0] -= len(parts[info.filename])
            if budget[0] < 0:
                raise _bomb()
        elif info.filename.lower().endswith((".xml", ".rels", ".vml")):
            scanned = _scan_entry(zf, info, shared, most_shared, budget, parts)
            if scanned is not None:
                sheets[info.filename] = scanned
    return ZipScan(sheets, parts)


def _whole(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> bytes | None:
    """A small entry's bytes in one piece (charged to the budget); None: it is streamed instead."""
    small = small_entry(zf, info)
    if small is not None:
        budget[0] -= len(small)
        if budget[0] < 0:
            raise _bomb()
    return small


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int]) -> Iterator[tuple[bytes, bytes]]:
    """The entry's decompressed bytes in chunks, each with KEEP bytes of the previous one before it."""
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


def _pieces(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int],
            parts: dict[str, bytes]) -> Iterator[tuple[bytes, bytes]] | list[tuple[bytes, bytes]]:
    """(tail, chunk) pairs: one pair for a small entry (kept in `parts` once its DTD check passed), else
    the stream."""
    whole = _whole(zf, info, budget)
    if whole is None:
        return _chunks(zf, info, budget)
    _check_dtd(info.filename, whole)
    parts[info.filename] = whole
    return [(b"", whole)]


def _bomb() -> InputError:
    return InputError(
        f"解压后内容超过 {MAX_UNCOMPRESSED_BYTES // 1048576} MB（疑似压缩炸弹），拒收",
        f"more than {MAX_UNCOMPRESSED_BYTES // 1048576} MB once decompressed (a zip bomb?); refused",
    )


def _check_dtd(name: str, window: bytes) -> None:
    # every marker holds a "!" byte in each encoding: one C search clears almost every part
    if b"!" in window and any(m in window for m in DTD_MARKERS):
        raise InputError(
            f"{name} 含 DTD/实体声明（可能是 XML 炸弹或外部实体攻击），拒收",
            f"{name} holds a DTD / entity declaration (an XML bomb or external-entity attempt?); refused",
        )


def _shared_string_sizes(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int],
                         parts: dict[str, bytes]) -> list[int]:
    """Upper bound of each shared string's length: the bytes between <si> and </si>."""
    sizes: list[int] = []
    start: int | None = None
    offset = 0  # position of `chunk` in the whole entry
    for tail, chunk in _pieces(zf, info, budget, parts):
        window = tail + chunk
        base = offset - len(tail)
        _check_dtd(info.filename, window)
        for m in SI_RE.finditer(window):
            pos = base + m.start()
            if m.end() <= len(tail):
                continue  # wholly in the previous window: already counted
            if m.lastindex == 1:  # <si/>: an empty string keeps its index
                sizes.append(0)
            elif m.lastindex == 2:
                start = pos
            elif start is not None:
                sizes.append(pos - start)
                start = None
        offset += len(chunk)
    return sizes


def _scan_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, shared: list[int], most_shared: int,
                budget: list[int], parts: dict[str, bytes]) -> Extent | None:
    is_sheet = bool(SHEET_RE.match(info.filename))
    pieces = _pieces(zf, info, budget, parts)
    if isinstance(pieces, list):  # read whole, DTD checked
        if not is_sheet:
            return None
        fast = _fast_extent(pieces[0][1], most_shared)
        if fast is not None:
            return fast
    elif not is_sheet:
        for tail, chunk in pieces:
            _check_dtd(info.filename, tail + chunk)
        return None
    return walk_extent(pieces, shared, info.filename)


def walk_extent(pieces: Iterable[tuple[bytes, bytes]], shared: list[int], name: str) -> Extent:
    """A sheet's bound token by token, following the XML's own counting (a row or cell without an address
    is the one after the previous); raises InputError at the first limit crossed."""
    state = {"row": 0, "col": 0, "max_row": 0, "max_col": 0, "shared_cell": False, "text": 0}
    most_shared = max(shared, default=0)
    formulas = False
    for tail, chunk in pieces:
        window = tail + chunk
        _check_dtd(name, window)
        formulas = formulas or b"<f" in window or b":f" in window
        for m in TOKEN_RE.finditer(window):
            if m.end() <= len(tail):
                continue  # wholly in the previous window: already counted
            _token(m, state, shared, most_shared, name)
    return state["max_row"], state["max_col"], formulas


def _fast_extent(xml: bytes, most_shared: int) -> Extent | None:
    """A whole sheet part's bound by a few C-speed passes (findall, join), without a step per cell in Python.

    It answers only when the token walk below (`_token`) would give the same bound and pass every check:
    each <row> and <c> token carries exactly one address attribute (as Excel, WPS and LibreOffice write
    them), no row tag below the last cell (then the walk's carried row counts), the shared text under the
    limit even if every shared cell showed the longest string, and no merged range over the limit. Else
    None, and the walk decides (and raises with its message)."""
    # the substring tests clear most sheets before the regex looks for a prefixed tag
    if (b":c" in xml or b":row" in xml or b":v>" in xml or b":mergeCell" in xml) and PREFIXED_TAG_RE.search(xml):
        return None  # tags under a namespace prefix: the walk reads them
    tokens = FAST_TOKEN_RE.findall(xml)
    cell_tokens = [t for t in tokens if t[1] == 99]  # b"<c"
    n_cells = len(cell_tokens)
    cells = b"".join(cell_tokens)
    addrs = CELL_ADDR_RE.findall(cells)
    # bytes.count finds every `r="` a `\br="` search finds and more: requiring one per token is stricter
    if len(addrs) != n_cells or cells.count(b'r="') != n_cells or not n_cells:
        return None
    rows = [t for t in tokens if t[1] == 114]  # b"<row"
    joined = b"".join(rows)
    row_numbers = ROW_ADDR_RE.findall(joined)
    if len(row_numbers) != len(rows) or joined.count(b'r="') != len(rows):
        return None
    max_row = max(map(int, {d for _, d in addrs}))
    if max_row < 1 or max_row > MAX_SHEET_ROWS or (rows and max(map(int, row_numbers)) > max_row):
        return None
    if cells.count(b't="s"') * most_shared > MAX_SHARED_TEXT:  # at least every t="s" the walk counts
        return None
    for merge in (t for t in tokens if t[1] == 109):  # b"<mergeCell": a form has a few
        ref = REF_RE.search(merge)
        if ref and (abs(int(ref.group(4)) - int(ref.group(2))) + 1) * (
            abs(col_index(ref.group(3)) - col_index(ref.group(1))) + 1
        ) > MAX_SHEET_CELLS:
            return None
    max_col = max(col_index(letters) for letters in {a for a, _ in addrs}) + 1
    return max_row, max_col, b"<f" in xml


def _token(m: re.Match[bytes], s: dict, shared: list[int], most_shared: int, name: str) -> None:
    token, kind = m.group(), m.lastindex
    if kind == 1:  # <row>
        r = ATTR_R_RE.search(token)
        s["row"] = int(r.group(2)) if r and r.group(2) else s["row"] + 1
        s["col"] = 0
    elif kind == 2:  # <c>
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
    elif kind == 4:  # <v>: a shared cell's string index
        if s["shared_cell"]:
            idx = int(m.group(4))
            # an index past the table is counted as the longest string, never as nothing
            s["text"] += shared[idx] if idx < len(shared) else most_shared
            s["shared_cell"] = False
    else:  # <mergeCell ref="A1:B2">
        ref = REF_RE.search(token)
        if ref:
            rows = abs(int(ref.group(4)) - int(ref.group(2))) + 1
            cols = abs(col_index(ref.group(3)) - col_index(ref.group(1))) + 1
            check_sheet_cells(name, rows, cols, merged=True)
    check_sheet_rows(name, s["max_row"])
    check_shared_text(name, s["text"])
