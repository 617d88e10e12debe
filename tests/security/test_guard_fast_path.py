"""The zip scan's in-memory fast path reads exactly what zipfile reads, and steps aside otherwise."""

from __future__ import annotations

import io
import zipfile

from etl.readers.safety_zip import small_entry


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
