"""The zip scan's fast paths: in memory it reads exactly what zipfile reads, and its one-pass sheet bound is the
XML walk's; each steps aside otherwise."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.issues import InputError
from etl.readers.safety import MAX_SHARED_TEXT
from etl.readers.safety_zip import _fast_extent, scan_zip_workbook, small_entry, walk_extent
from tests.builders import SEED000_FILLED, seed000_sheet, write, write_raw_xlsx


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipFile:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buf.getvalue()))


def test_same_bytes_as_zipfile_for_deflated_and_stored() -> None:
    entries = {"xl/workbook.xml": b"<workbook>" + "汇总表".encode() * 50 + b"</workbook>", "a.xml": b""}
    for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):
        zf = _zip(entries, method)
        for info in zf.infolist():
            assert small_entry(zf, info) == zf.read(info)


def test_a_lying_size_or_damaged_entry_is_left_to_zipfile() -> None:
    zf = _zip({"xl/worksheets/sheet1.xml": b"<c r='A1'/>" * 1000})
    info = zf.infolist()[0]
    info.file_size = 100  # the central directory claims less than the stream holds
    assert small_entry(zf, info) is None
    zf = _zip({"x.xml": b"<x/>" * 100})
    info = zf.infolist()[0]
    info.CRC ^= 1
    assert small_entry(zf, info) is None


def test_a_zip_read_from_disk_takes_the_streaming_path(tmp_path) -> None:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("x.xml", b"<x/>")
    with zipfile.ZipFile(path) as zf:
        assert small_entry(zf, zf.infolist()[0]) is None


# -- The sheet scan's one-pass bound (`_fast_extent`) answers only where the XML walk would agree ---------

_ROWS = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>3</v></c></row><row r="2"><c r="c2"><v>1</v></c></row>'
AGREES = {
    "as Excel writes it": _ROWS,
    "merged cells and a formula": _ROWS + '<mergeCells><mergeCell ref="A1:B1"/></mergeCells><c r="D2"><f>1</f></c>',
    "an empty row above the last cell": '<row r="1" ht="20"/><row r="3"><c r="B3"><v>1</v></c></row>',
}
STEPS_ASIDE = {  # the walk decides (and counts differently, or refuses)
    "a row without its address": '<row><c r="A1"><v>1</v></c></row><row><c r="B7"><v>2</v></c></row>',
    "a cell without its address": '<row r="4"><c><v>1</v></c><c><v>2</v></c></row>',
    "a cell with two addresses": '<row r="1"><c r="A1" x:r="ZZ9"><v>1</v></c></row>',
    "an empty row below the last cell": _ROWS + '<row r="90000" ht="20"/>',
    "a high row whose cell says row 1": '<row r="99999"><c r="A1"><v>1</v></c></row>',
    "no cell at all": '<row r="1"/>',
    "too many rows": '<row r="100001"><c r="A100001"><v>1</v></c></row>',
    "a huge merged range": _ROWS + '<mergeCell ref="A1:Z30000"/>',
}


def _sheet(body: str) -> bytes:
    return f'<worksheet><sheetData>{body}</sheetData></worksheet>'.encode()


@pytest.mark.parametrize("body", AGREES.values(), ids=AGREES.keys())
def test_the_one_pass_bound_is_the_walks_bound(body: str) -> None:
    xml = _sheet(body)
    assert _fast_extent(xml, most_shared=10) == walk_extent([(b"", xml)], [10], "s.xml")


@pytest.mark.parametrize("body", STEPS_ASIDE.values(), ids=STEPS_ASIDE.keys())
def test_the_one_pass_bound_leaves_anything_else_to_the_walk(body: str) -> None:
    assert _fast_extent(_sheet(body), most_shared=10) is None


def test_shared_text_near_the_limit_is_counted_by_the_walk() -> None:
    xml = _sheet(_ROWS)  # one shared cell: fine while the longest string alone is within the limit
    assert _fast_extent(xml, most_shared=MAX_SHARED_TEXT) is not None
    assert _fast_extent(xml, most_shared=MAX_SHARED_TEXT + 1) is None
    with pytest.raises(InputError, match="64 MB"):
        walk_extent([(b"", xml)], [MAX_SHARED_TEXT + 1], "s.xml")


def test_built_forms_take_the_one_pass_bound_with_the_walks_answer(tmp_path) -> None:
    paths = [write(tmp_path / "seed000.xlsx", [seed000_sheet(SEED000_FILLED)]),
             write_raw_xlsx(tmp_path / "raw.xlsx", {"表": {"B2": "受益人次", "C2": 12, "A9": "合计"}})]  # fmt: skip
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
            assert sheets
            for name in sheets:
                xml = zf.read(name)
                shared = [100] * 500
                assert _fast_extent(xml, 100) == walk_extent([(b"", xml)], shared, name)


# -- Tags under a namespace prefix: calamine reads <x:c> as <c>, so the scan counts them the same ------------

def _prefixed(xml: bytes, prefix: bytes) -> bytes:
    """Every tag of `xml` under `prefix`, declared on the root."""
    out = re.sub(rb"<(/?)(\w+)", rb"<\1" + prefix + rb":\2", xml)
    return out.replace(prefix + b":worksheet>", prefix + b':worksheet xmlns:' + prefix + b'="m">', 1)


@pytest.mark.parametrize("prefix", [b"x", "表".encode()], ids=["ascii", "cjk"])
@pytest.mark.parametrize("body", [*AGREES.values(), *STEPS_ASIDE.values()][:-2],
                         ids=[*AGREES.keys(), *STEPS_ASIDE.keys()][:-2])  # fmt: skip
def test_prefixed_tags_are_counted_as_plain_ones(body: str, prefix: bytes) -> None:
    plain = _sheet(body)
    xml = _prefixed(plain, prefix)
    assert xml != plain
    assert walk_extent([(b"", xml)], [10], "s.xml") == walk_extent([(b"", plain)], [10], "s.xml")
    assert _fast_extent(xml, most_shared=10) is None  # the one-pass bound reads plain tags only


@pytest.mark.parametrize("body", list(STEPS_ASIDE.values())[-2:], ids=list(STEPS_ASIDE.keys())[-2:])
def test_prefixed_tags_over_a_limit_are_refused(body: str) -> None:
    with pytest.raises(InputError, match="rows|merged"):
        walk_extent([(b"", _prefixed(_sheet(body), b"x"))], [10], "s.xml")


def _scan(sst: bytes, sheet: bytes) -> dict:
    zf = _zip({"xl/sharedStrings.xml": sst, "xl/worksheets/sheet1.xml": sheet})
    return scan_zip_workbook(zf).sheets


def test_an_empty_shared_string_keeps_its_index() -> None:
    """<si/> is a string of its own: the long string behind it is index 1, and 3,000 cells showing it are
    counted as 3,000 copies of it."""
    big = "长" * 10_000
    cells = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>1</v></c></row>' for i in range(1, 3001))
    for prefix in ("", "x:"):
        sst = f'<{prefix}sst xmlns:x="m"><{prefix}si/><{prefix}si><{prefix}t>{big}</{prefix}t></{prefix}si></{prefix}sst>'
        with pytest.raises(InputError, match="64 MB"):
            _scan(sst.encode(), _sheet(cells))


def test_a_shared_index_past_the_table_counts_as_the_longest_string() -> None:
    sst = f'<sst><si><t>{"长" * 10_000}</t></si></sst>'.encode()
    cells = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>7</v></c></row>' for i in range(1, 3001))
    with pytest.raises(InputError, match="64 MB"):
        _scan(sst, _sheet(cells))


def test_a_cjk_prefixed_sheet_the_reader_scans_again_keeps_its_bound(tmp_path) -> None:
    """A sheet with a formula is scanned again by the reader for its cells (etl/readers/workbook.py): with
    the same prefix as the zip scan, a CJK-prefixed 90,000 x 16,384 grid is skipped, never read."""
    from etl.readers.workbook import read_workbook
    from tests.security.corpus import NS, SHEET, XML_DECL, _base, _rezip

    p = "表:"
    sheet = (f'{XML_DECL}<{p}worksheet xmlns:表="{NS}"><{p}sheetData><{p}row r="1"><{p}c r="A1"><{p}f>1+1</{p}f>'
             f'</{p}c></{p}row><{p}row r="90000"><{p}c r="XFD90000"><{p}v>2</{p}v></{p}c></{p}row>'
             f'</{p}sheetData></{p}worksheet>')  # fmt: skip
    path = tmp_path / "前缀公式.xlsx"
    path.write_bytes(_rezip(_base(), {SHEET: sheet}))
    with pytest.raises(InputError, match="too large"):
        read_workbook(path)  # its one sheet skipped: nothing left to read


# -- An address however the XML writes it: the walk reads it as calamine does, the one-pass bound steps aside --

def _written(letters: str, row: int, quote: str, space: str, before: str) -> str:
    r = f"r{space}={space}{quote}{letters}{row}{quote}"
    return f'<row r="{row}"><c{before} {r}><v>1</v></c></row>'


@settings(max_examples=150, deadline=None)
@given(
    col=st.integers(1, 16_384),
    row=st.integers(1, 99_999),
    lower=st.booleans(),
    quote=st.sampled_from(['"', "'"]),
    space=st.sampled_from(["", " ", "\n"]),
    before=st.sampled_from(["", ' s="3"', ' s=">"', " s='&lt;b>'", ' t="n"']),
)
def test_the_walk_reads_an_address_however_it_is_written(col, row, lower, quote, space, before) -> None:
    from openpyxl.utils import get_column_letter

    letters = get_column_letter(col)
    letters = letters.lower() if lower else letters
    xml = _sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + _written(letters, row, quote, space, before))
    expected = (max(row, 1), col, False)
    assert walk_extent([(b"", xml)], [10], "s.xml") == expected
    assert _fast_extent(xml, most_shared=10) in (None, expected)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('<row r="1"><c r="A1" r="B1"><v>1</v></c></row>', "duplicate attribute"),  # calamine takes the last
        ('<row r="1"><c r="ABCDE1"><v>1</v></c></row>', "cannot be read"),  # a fifth letter
        ('<row r="1"><c r="A1234567890"><v>1</v></c></row>', "cannot be read"),  # a tenth digit
        ('<row r="1"><c r="$A$1"><v>1</v></c></row>', "cannot be read"),
        ('<row r="x1"><c><v>1</v></c></row>', "cannot be read"),
        ('<row r="1"><c r="A1"><v>1</v></c></row><mergeCell ref="A1:B"/>', "cannot be read"),
        ('<row r="1"><c r="A1"><v>1</v></row>', "not well-formed"),
    ],
)
def test_an_address_the_walk_cannot_read_is_refused(body: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        walk_extent([(b"", _sheet(body))], [10], "s.xml")


def test_a_prefixed_address_attribute_is_ignored_as_calamine_ignores_it() -> None:
    # calamine reads `r` only: x:r="XFD9" leaves the cell where the row and the cells before it put it
    xml = _sheet('<row r="3"><c x:r="XFD9" xmlns:x="u"><v>1</v></c></row>')
    assert walk_extent([(b"", xml)], [10], "s.xml") == (3, 1, False)
    assert _fast_extent(xml, most_shared=10) is None


def test_cells_without_an_address_count_from_the_one_before() -> None:
    xml = _sheet('<row r="2"><c r="C2"/><c/><c><v>1</v></c></row><row><c><v>1</v></c></row>')
    assert walk_extent([(b"", xml)], [10], "s.xml") == (3, 5, False)
