"""The workbook reader and its content guards, on real files built in the tests."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.issues import InputError
from etl.readers.cells import a1, col_letter
from etl.readers.safety import OLE_MAGIC, check_bytes, has_macros
from etl.readers.workbook import read_workbook
from tests.builders import SEED000_FILLED, SheetSpec, seed000_sheet, write, write_raw_xlsx, write_zip_bomb
from tests.builders import write as write_xls  # the suffix picks the format
from tests.builders import write as write_xlsx


def test_a1_addresses() -> None:
    assert a1(0, 0) == "A1"
    assert a1(2, 1) == "B3"
    assert col_letter(25) == "Z"
    assert col_letter(26) == "AA"
    assert col_letter(701) == "ZZ"
    assert col_letter(702) == "AAA"


def test_xlsx_sheets_merged_visibility_and_properties(tmp_path: Path) -> None:
    modified = dt.datetime(2024, 6, 10, 9, 30)
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [
            SheetSpec("填表说明", {"A1": "说明"}, state="hidden"),
            seed000_sheet(SEED000_FILLED),
            SheetSpec("空", {}),
        ],
        properties={"creator": "张三", "keywords": "demo-data", "title": "汇总", "modified": modified},
    )
    wb = read_workbook(path)
    assert wb.file_format == "xlsx"
    assert not wb.has_macros
    assert [s.name for s in wb.sheets] == ["填表说明", "Sheet1", "空"]
    assert [s.visible for s in wb.sheets] == ["hidden", "visible", "visible"]
    form = wb.sheets[1]
    assert (2, 1, 2, 3) in form.merged  # B3:D3, 0-based inclusive
    assert form.rows[9][1] == 3500  # B10, addresses kept from A1 (no empty area skipped)
    assert form.rows[3][0] == "联 系 人"
    assert wb.properties["creator"] == "张三"
    assert wb.properties["keywords"] == "demo-data"
    assert wb.modified_at is not None and wb.modified_at.tzinfo is None


def test_xls_values_and_merged(tmp_path: Path) -> None:
    wb = read_workbook(write_xls(tmp_path / "a.xls", [seed000_sheet(SEED000_FILLED)]))
    assert wb.file_format == "xls"
    sheet = wb.sheets[0]
    assert sheet.rows[9][1] == 3500
    assert (9, 1, 9, 3) in sheet.merged  # B10:D10
    assert sheet.rows[2][0] == "组织单位\n（盖章）"


def test_content_decides_not_the_name(tmp_path: Path) -> None:
    xlsx_bytes = write_xlsx(tmp_path / "a.xlsx", [seed000_sheet(SEED000_FILLED)]).read_bytes()
    renamed = tmp_path / "really_xlsx.xls"
    renamed.write_bytes(xlsx_bytes)
    wb = read_workbook(renamed)
    assert wb.file_format == "xlsx"
    assert wb.sheets[0].rows[9][1] == 3500


def test_xlsm_macro_flagged(tmp_path: Path) -> None:
    wb = read_workbook(write_xlsx(tmp_path / "m.xlsm", [seed000_sheet(SEED000_FILLED)], vba=True))
    assert wb.has_macros
    assert wb.file_format == "xlsm"


def _with_vba_stream(xls: Path) -> bytes:
    """The .xls with one more OLE directory entry, a `_VBA_PROJECT` stream, as Excel keeps macros."""
    data = bytearray(xls.read_bytes())
    root = data.find("Root Entry".encode("utf-16-le"))  # xlwt: Root Entry, Workbook, then two free entries
    workbook, free = root + 128, root + 256
    assert data[workbook : workbook + 16] == "Workbook".encode("utf-16-le")
    name = "_VBA_PROJECT".encode("utf-16-le") + b"\0\0"
    entry = bytearray(128)
    entry[: len(name)] = name
    struct.pack_into("<HBB", entry, 64, len(name), 2, 1)  # name length, a stream, black
    struct.pack_into("<iii", entry, 68, -1, -1, -1)  # no siblings, no child
    struct.pack_into("<IQ", entry, 116, 0xFFFFFFFE, 0)  # no sectors, size 0
    data[free : free + 128] = entry
    struct.pack_into("<i", data, workbook + 72, 2)  # Workbook's right sibling: the new entry
    return bytes(data)


def test_xls_macro_flagged_by_the_same_check_as_uploads(tmp_path: Path) -> None:
    plain = write_xls(tmp_path / "a.xls", [seed000_sheet(SEED000_FILLED)])
    assert not read_workbook(plain).has_macros and not has_macros(plain.read_bytes())
    macro = tmp_path / "m.xls"
    macro.write_bytes(_with_vba_stream(plain))
    wb = read_workbook(macro)
    assert wb.has_macros and has_macros(macro.read_bytes())
    assert wb.file_format == "xls" and wb.sheets[0].rows[9][1] == 3500


def test_formula_without_cached_value_is_recorded(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "f.xlsx", [SheetSpec("S", {"A1": "x", "B1": 1, "B2": 2, "B3": "=SUM(B1:B2)"})]
    )
    sheet = read_workbook(path).sheets[0]
    assert (2, 1) in sheet.formula_cells
    assert (0, 1) not in sheet.formula_cells


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "PNG"),
        (b"%PDF-1.7\n" + b"x" * 200, "PDF"),
        (b"PK\x03\x04" + b"\x01" * 300, "corrupt zip"),
        ("name,value\n志愿者,3500\n".encode(), "not an Excel workbook"),
        (b"<html><body><table></table></body></html>", "HTML"),
        (OLE_MAGIC + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
    ],
)
def test_not_a_workbook(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_workbook(path)
    assert fragment in err.value.reason_en
    assert err.value.reason_zh


def test_truncated_workbook_is_corrupt(tmp_path: Path) -> None:
    data = write_xlsx(tmp_path / "a.xlsx", [seed000_sheet(SEED000_FILLED)]).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError):
        read_workbook(path)


def test_word_document_renamed(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError, match="Word"):
        read_workbook(path)


def test_too_large_file(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [seed000_sheet(SEED000_FILLED)])
    with pytest.raises(InputError, match="too large"):
        read_workbook(path, max_bytes=1000)


def test_zip_bomb_refused_before_parsing(tmp_path: Path) -> None:
    path = write_zip_bomb(tmp_path / "bomb.xlsx", size=64 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024  # tiny on disk, 64 MB inside
    with pytest.raises(InputError, match="zip bomb"):
        read_workbook(path)


def test_too_many_entries(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "many.xlsx", {"S": {"A1": "受益人次", "B1": 5}})
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(2100):
            zf.writestr(f"xl/media/{i}.txt", "")
    with pytest.raises(InputError, match="too many entries"):
        check_bytes(path.read_bytes())


@pytest.fixture(scope="module")
def million_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    return write_raw_xlsx(
        folder / "big.xlsx", {"表": {"A1": "受益人次", "B1": 5000}}, big_sheet_rows=1_000_000
    )


def test_million_row_sheet_is_refused_before_calamine(million_rows: Path) -> None:
    # etl/readers/safety_zip.py bounds every sheet's extent from the XML before calamine builds its dense grid.
    with pytest.raises(InputError, match="rows"):
        read_workbook(million_rows)


def test_large_extra_sheet_is_skipped_and_the_form_read(tmp_path: Path) -> None:
    # 20,000 rows x 30 columns of used range (600k dense cells): over MAX_SHEET_CELLS, so not loaded, but the form is.
    big = {f"A{r}": r for r in range(1, 20_001)} | {"AD20000": 1}
    path = write_raw_xlsx(tmp_path / "extra.xlsx", {"表": {"A1": "受益人次", "B1": 5000}, "名单": big})
    form, extra = read_workbook(path).sheets
    assert form.rows[0][:2] == ["受益人次", 5000]
    assert extra.skipped and "20000 rows" in extra.skipped
    assert extra.rows == []


def test_workbook_of_only_a_huge_sheet_is_refused(tmp_path: Path) -> None:
    path = write_raw_xlsx(tmp_path / "corners.xlsx", {"S": {"A1": 1, "CV9000": 2}})  # 9000 x 100 dense cells
    with pytest.raises(InputError, match="too large"):
        read_workbook(path)


def test_xls_with_a_sheet_over_the_same_limit_is_refused(tmp_path: Path) -> None:
    # calamine parses every sheet of an .xls when it opens the file, so such a sheet cannot be skipped.
    spec = [seed000_sheet(SEED000_FILLED), SheetSpec("名单", {"A1": 1, "CW6000": 2})]  # 6000 x 101 cells
    with pytest.raises(InputError, match="a grid of 6000 rows x 101 columns"):
        read_workbook(write_xls(tmp_path / "extra.xls", spec))


def test_rows_capped_for_a_tall_but_small_sheet(tmp_path: Path) -> None:
    cells = {f"A{r}": r for r in range(1, 3001)}
    wb = read_workbook(write_raw_xlsx(tmp_path / "tall.xlsx", {"S": cells}))
    sheet = wb.sheets[0]
    assert len(sheet.rows) == 2000
    assert sheet.truncated


def test_hand_written_minimal_xlsx_reads(tmp_path: Path) -> None:
    wb = read_workbook(write_raw_xlsx(tmp_path / "m.xlsx", {"表": {"B2": "受益人次", "C2": 12}}))
    assert wb.sheets[0].rows[1][1:3] == ["受益人次", 12]
    assert wb.modified_at is None


def test_same_shape_in_both_formats(tmp_path: Path) -> None:
    spec = [seed000_sheet(SEED000_FILLED)]
    a = read_workbook(write(tmp_path / "a.xlsx", spec)).sheets[0]
    b = read_workbook(write(tmp_path / "a.xls", spec)).sheets[0]
    assert sorted(a.merged) == sorted(b.merged)
    assert a.rows[12][1] == b.rows[12][1] == 120000


@given(st.integers(min_value=0, max_value=1_048_575), st.integers(min_value=0, max_value=16_383))
def test_rc_is_the_inverse_of_a1(row: int, col: int) -> None:
    from etl.readers.cells import a1, rc

    assert rc(a1(row, col)) == (row, col)
