"""The scan of an .xls (BIFF8 in an OLE container) before calamine parses it: the bombs of a zip workbook
(etl/readers/safety_zip.py), read from the binary records.

calamine parses every sheet of an .xls when it opens the file, into a dense grid: a 5 KB file with cells
at A1 and IV65536 took 1 GB. And a shared string used by many cells is copied per cell, as in .xlsx.
So each sheet's extent and the shared text its cells refer to are bounded here, with the limits and
checks of etl/readers/safety.py; a sheet too large refuses the file (it cannot be skipped on its own).
"""

from __future__ import annotations

from collections.abc import Iterator

import olefile

from etl.readers.safety import check_shared_text, check_sheet_cells, check_sheet_rows

CELL_RECORDS = {0x0203, 0x00FD, 0x027E, 0x0201, 0x0006, 0x0204, 0x0205, 0x00D6}  # start with row, col
MUL_RECORDS = {0x00BD, 0x00BE}  # MULRK / MULBLANK: row, first col ... last col (last 2 bytes)
BOF, SST, CONTINUE, LABELSST = 0x0809, 0x00FC, 0x003C, 0x00FD

Record = tuple[int, bytes]  # (record type, body)


def scan_xls(data: bytes) -> None:
    """Raise InputError for an .xls whose sheets calamine would blow up (see above)."""
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
        check_sheet_rows("xls", max_row)
        check_sheet_cells("xls", max_row, max_col)
        check_shared_text("xls", text)


def _biff_records(stream: bytes) -> Iterator[Record]:
    pos = 0
    while pos + 4 <= len(stream):
        rtype = stream[pos] | stream[pos + 1] << 8
        size = stream[pos + 2] | stream[pos + 3] << 8
        yield rtype, stream[pos + 4 : pos + 4 + size]
        pos += 4 + size


def _sst_lengths(records: list[Record]) -> list[int]:
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


def _continues(records: list[Record], start: int) -> Iterator[Record]:
    for rtype, body in records[start:]:
        if rtype != CONTINUE:
            return
        yield rtype, body
