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
from dataclasses import dataclass, field
from xml.parsers import expat

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
# A shared string, by the group that matched: 1 an empty one (<si/>), 2 its start, 3 its end.
SI_RE = re.compile(rb"(<" + NS + rb"si\b[^>]*/>)|(<" + NS + rb"si\b[^>]*>)|(</" + NS + rb"si\s*>)")
# The one-pass sheet scan (`_fast_extent`) reads canonical tags only, as Excel, WPS and LibreOffice write them:
# unprefixed, each attribute `name="value"` with no quote, "<" or ">" inside. A <row>, <c> or <mergeCell> start
# that is not canonical (single quotes, spaces around "=", ">" inside a value, a prefix) matches the last
# alternative, a bare start, and the scan steps aside for the XML walk. A match cannot cross a token's closing
# ">", so each token gives at most one match.
_ATTRS = rb"""(?:\s++[^\s=<>"'/]++="[^"<>]*+")*+\s*+/?>"""
FAST_TOKEN_RE = re.compile(
    rb"<row" + _ATTRS + rb"|<c" + _ATTRS + rb"|<mergeCell" + _ATTRS + rb"|<(?:row|c|mergeCell)\b"
)
PREFIXED_TAG_RE = re.compile(rb"<" + NS_PREFIX + rb"(?:row|c|mergeCell|v|f)\b")
# an address attribute as the one-pass scan accepts it: after a space (not `x:r`, which calamine ignores)
CELL_ADDR_RE = re.compile(rb'<c\b[^>]*? r="([A-Za-z]{1,4})(\d{1,9})"[^>]*>')
ROW_ADDR_RE = re.compile(rb'<row\b[^>]*? r="(\d{1,9})"[^>]*>')
REF_RE = re.compile(rb' ref="([A-Za-z]{1,4})(\d{1,9}):([A-Za-z]{1,4})(\d{1,9})"')
# The XML walk's addresses, whole attribute values: anything else is refused (calamine would read "xfd9" and
# "XFD9" alike, and a fifth letter or tenth digit only asks for a larger grid).
CELL_REF = re.compile(r"([A-Za-z]{1,4})?(\d{1,9})?")
RANGE_REF = re.compile(r"([A-Za-z]{1,4})(\d{1,9})(?::([A-Za-z]{1,4})(\d{1,9}))?")

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
    """A sheet's bound by an XML parser, following the XML's own counting (a row or cell without an address
    is the one after the previous); raises InputError at the first limit crossed."""
    walk = SheetWalk(shared, name)
    for tail, chunk in pieces:
        _check_dtd(name, tail + chunk)
        walk.feed(chunk)
    walk.close()
    return walk.max_row, walk.max_col, walk.formulas


@dataclass
class SheetWalk:
    """One sheet's XML through expat (C), element by element: quoting, spacing, prefixes and ">" inside
    values are read as any XML reader reads them, so the bound cannot differ from calamine's by syntax.

    Positions follow calamine: a <row> with r="n" is row n, without it the row after the previous; a <c> with
    r="B7" (either case) is there, without it the cell right of the previous. An address attribute is `r`
    without a prefix (calamine ignores `x:r`). Kept per sheet: the bound of every cell (`max_row`,
    `max_col`), the extent of the cells with content (`rows`, `cols`: what calamine puts in its grid) and
    formula cells without a saved result. Limits are checked as it goes (rows, merged ranges, shared text)."""

    shared: list[int]
    name: str
    max_row: int = 0
    max_col: int = 0
    rows: int = 0
    cols: int = 0
    formulas: bool = False
    formula_cells: set[tuple[int, int]] = field(default_factory=set)  # 0-based, at most 10,000
    _row: int = 0
    _col: int = 0
    _cell: tuple[int, int] | None = None  # the open <c>: 1-based (row, col)
    _shared_cell: bool = False
    _content: bool = False  # the open <c> has a child element
    _formula: bool = False
    _value: list[str] | None = None  # text of the open <v>
    _has_value: bool = False
    _text: int = 0

    def __post_init__(self) -> None:
        self._most_shared = max(self.shared, default=0)
        self._parser = expat.ParserCreate()  # no namespace processing: a tag keeps its prefix, cut below
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._chars

    def feed(self, data: bytes) -> None:
        try:
            self._parser.Parse(data, False)
        except expat.ExpatError as exc:
            raise self._damaged(exc) from None

    def close(self) -> None:
        try:
            self._parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise self._damaged(exc) from None

    def _damaged(self, exc: expat.ExpatError) -> InputError:
        return InputError(
            f"文件已损坏（{self.name} 不是合规的 XML：{exc}）", f"damaged file ({self.name} is not well-formed XML: {exc})"
        )

    def _refuse(self, what_zh: str, what_en: str, value: str) -> InputError:
        return InputError(
            f"{self.name} 的{what_zh}“{value[:40]}”无法识别，拒收",
            f"{self.name} has a {what_en} {value[:40]!r} that cannot be read; refused",
        )

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if self._cell is not None:  # inside a <c>: its value, formula or inline string
            self._content = True
            if local == "v":
                self._value = []
            elif local == "f":
                self._formula = self.formulas = True
            return
        if local == "c":
            r = attrs.get("r")
            if r is None:
                self._col += 1
            else:
                m = CELL_REF.fullmatch(r)
                if m is None or not r:
                    raise self._refuse("单元格地址", "cell address", r)
                letters, digits = m.groups()
                self._col = col_index(letters.encode()) + 1 if letters else self._col + 1
                if digits:
                    self._row = max(self._row, int(digits))
            self._cell = (self._row or 1, self._col)
            self._shared_cell = attrs.get("t") == "s"
            self._content = self._formula = self._has_value = False
            self.max_row = max(self.max_row, self._cell[0])
            self.max_col = max(self.max_col, self._col)
            check_sheet_rows(self.name, self.max_row)
        elif local == "row":
            r = attrs.get("r")
            if r is not None and not (r.isascii() and r.isdigit() and len(r) <= 9):
                raise self._refuse("行号", "row number", r)
            self._row = int(r) if r else self._row + 1
            self._col = 0
        elif local == "mergeCell":
            ref = attrs.get("ref", "")
            m = RANGE_REF.fullmatch(ref)
            if m is None:
                raise self._refuse("合并区域", "merged range", ref)
            c0, r0, c1, r1 = m.groups()
            if c1 is not None:
                rows = abs(int(r1) - int(r0)) + 1
                cols = abs(col_index(c1.encode()) - col_index(c0.encode())) + 1
                check_sheet_cells(self.name, rows, cols, merged=True)
        elif local == "f":
            self.formulas = True

    def _chars(self, data: str) -> None:
        if self._value is not None:
            self._value.append(data)

    def _end(self, tag: str) -> None:
        if self._cell is None:
            return
        local = tag.rpartition(":")[2]
        if local == "v" and self._value is not None:
            text = "".join(self._value).strip()
            self._value = None
            self._has_value = self._has_value or bool(text)
            if self._shared_cell and text:
                # an index past the table, or one that is no number, counts as the longest string
                idx = int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else -1
                self._text += self.shared[idx] if 0 <= idx < len(self.shared) else self._most_shared
                check_shared_text(self.name, self._text)
        elif local == "c":
            row, col = self._cell
            self._cell = None
            if self._content:
                self.rows, self.cols = max(self.rows, row), max(self.cols, col)
                if self._formula and not self._has_value and len(self.formula_cells) < 10_000:
                    self.formula_cells.add((row - 1, col - 1))


def _fast_extent(xml: bytes, most_shared: int) -> Extent | None:
    """A whole sheet part's bound by a few C-speed passes (findall, join), without a step per cell in Python.

    It answers only when the XML walk (`SheetWalk`) would give the same bound and pass every check: every
    <row>, <c> and <mergeCell> tag canonical (FAST_TOKEN_RE) and unprefixed, each <row> and <c> with exactly
    one address attribute (as Excel, WPS and LibreOffice write them), no row tag below the last cell (then
    the walk's carried row counts), the shared text under the limit even if every shared cell showed the
    longest string, and no merged range over the limit. Else None, and the walk decides (and raises with
    its message)."""
    # the substring tests clear most sheets before the regex looks for a prefixed tag
    if (b":c" in xml or b":row" in xml or b":v>" in xml or b":mergeCell" in xml or b":f" in xml) and (
        PREFIXED_TAG_RE.search(xml)
    ):
        return None  # tags under a namespace prefix: the walk reads them
    tokens = FAST_TOKEN_RE.findall(xml)
    cell_tokens = [t for t in tokens if t[1] == 99]  # b"<c"
    n_cells = len(cell_tokens)
    cells = b"".join(cell_tokens)
    addrs = CELL_ADDR_RE.findall(cells)
    # bytes.count finds every `r="` the regex finds and more (`x:r="`, which calamine ignores, too): requiring
    # one per token is stricter; a bare start (a tag that is not canonical) has none, so it steps aside too
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
        if ref is None or (abs(int(ref.group(4)) - int(ref.group(2))) + 1) * (
            abs(col_index(ref.group(3)) - col_index(ref.group(1))) + 1
        ) > MAX_SHEET_CELLS:
            return None
    max_col = max(col_index(letters) for letters in {a for a, _ in addrs}) + 1
    return max_row, max_col, b"<f" in xml
