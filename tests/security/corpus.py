"""Hostile and broken workbooks, built by the tests (nothing committed), plus a few good forms.

Each builder writes one file and returns its name. `HOSTILE` maps a file name to words one of its
load_issues messages must contain, so a test can check the issue says what was wrong.
Large inputs are written straight into the zip as a stream, so building them costs about a second.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
HYPERLINK_ORG = '=HYPERLINK("http://x","点击")'

# Good forms: (file name, organization, {label: value}).
GOOD = [
    (
        "广东省科协.xlsx",
        "广东省科学技术协会",
        {"动员科技志愿者数量（人）": 3500, "开展活动数量（场）": 210, "受益人次": 120000},
    ),
    ("浙江省科协.xlsx", "浙江省科学技术协会", {"动员科技志愿者数量（人）": 2800, "开展活动数量（场）": 150}),
    ("公式名称单位.xlsx", HYPERLINK_ORG, {"动员科技志愿者数量（人）": 77}),
]
PHONE = "13812345678"
EMAIL = "wuxh@cast.org.cn"


def form_workbook(org: str, values: dict[str, object], title: str = "2024年全国科技工作者日活动信息汇总表"):
    """A summary form as people fill it in: title, 填报单位, label | value rows, contact lines."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ws["A1"] = title
    ws["A2"], ws["B2"] = "填报单位", org
    row = 3
    for label, value in values.items():
        ws.cell(row, 1, label)
        cell = ws.cell(row, 2, value)
        if isinstance(value, str):
            cell.data_type = "s"  # a text that starts with "=" stays text, never a formula
        row += 1
    ws.cell(row, 1, "联系人")
    ws.cell(row, 2, "武晓慧")
    ws.cell(row + 1, 1, "联系电话")
    ws.cell(row + 1, 2, PHONE)
    ws.cell(row + 2, 1, "电子邮箱")
    ws.cell(row + 2, 2, EMAIL)
    return wb


def form_bytes(org: str, values: dict[str, object], **kw) -> bytes:
    buf = io.BytesIO()
    wb = form_workbook(org, values, **kw)
    if org.startswith("="):  # openpyxl would store it as a formula: force a plain string
        wb.active["B2"].data_type = "s"
    wb.save(buf)
    return buf.getvalue()


def write_good(folder: Path) -> list[str]:
    for name, org, values in GOOD:
        (folder / name).write_bytes(form_bytes(org, values))
    return [name for name, _, _ in GOOD]


def _rezip(data: bytes, replace: dict[str, bytes | str], add: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = replace.get(info.filename, src.read(info.filename))
            z.writestr(info.filename, body)
        for name, body in (add or {}).items():
            z.writestr(name, body)
    return out.getvalue()


def _sheet_with(cells_xml: str, head: str = "") -> str:
    return f'{XML_DECL}{head}<worksheet xmlns="{NS}"><sheetData>{cells_xml}</sheetData></worksheet>'


def _base() -> bytes:
    return form_bytes("湖南省科学技术协会", {"动员科技志愿者数量（人）": 10})


def truncated(folder: Path) -> str:
    data = _base()
    (folder / "截断的文件.xlsx").write_bytes(data[: len(data) // 2])
    return "截断的文件.xlsx"


def empty(folder: Path) -> str:
    (folder / "空文件.xlsx").write_bytes(b"")
    return "空文件.xlsx"


def png_renamed(folder: Path) -> str:
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + b"\x00" * 17 + b"IEND\xaeB`\x82"
    (folder / "图片改名.xlsx").write_bytes(png)
    return "图片改名.xlsx"


def zip_bomb(folder: Path, megabytes: int = 400, zip64: bool = True, name: str = "压缩炸弹.xlsx") -> str:
    """A real form whose sheet XML is padded with `megabytes` MB of spaces (deflates ~1000:1)."""
    src = zipfile.ZipFile(io.BytesIO(_base()))
    out = folder / name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename != SHEET:
                z.writestr(info.filename, body)
                continue
            head, sep, rest = body.partition(b"<sheetData>")
            with z.open(info.filename, "w", force_zip64=zip64) as fh:
                fh.write(head + sep)
                pad = b" " * (1024 * 1024)
                for _ in range(megabytes):
                    fh.write(pad)
                fh.write(rest)
    return out.name


def zip_bomb_lying(folder: Path) -> str:
    """The same bomb, but its headers claim each entry is 1 KB once decompressed."""
    name = zip_bomb(folder, megabytes=64, zip64=False, name=".lying-bomb.tmp")
    data = bytearray((folder / name).read_bytes())
    (folder / name).unlink()
    target = SHEET.encode()
    # (signature, offset of uncompressed size, offset of name length, offset of name)
    for sig, size_off, len_off, name_off in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = data.find(sig)
        while pos != -1:
            (length,) = struct.unpack("<H", data[pos + len_off : pos + len_off + 2])
            if data[pos + name_off : pos + name_off + length] == target:
                data[pos + size_off : pos + size_off + 4] = struct.pack("<I", 1024)
            pos = data.find(sig, pos + 4)
    (folder / "压缩炸弹-伪造大小.xlsx").write_bytes(bytes(data))
    return "压缩炸弹-伪造大小.xlsx"


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "' + (f"&lol{i - 1};" if i > 1 else "&lol;") * 10 + '">' for i in range(1, 10)
    )
    + "]>"
)


def _entity_sheet(folder: Path, name: str, dtd: str, entity: str) -> str:
    """The base form whose sheet declares `dtd` and shows `&entity;` in B1."""
    sheet = _sheet_with(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>填报单位</t></is></c>'
        f'<c r="B1" t="inlineStr"><is><t>&{entity};</t></is></c></row>',
        dtd,
    )
    (folder / name).write_bytes(_rezip(_base(), {SHEET: sheet}))
    return name


def xml_bomb(folder: Path) -> str:
    return _entity_sheet(folder, "XML炸弹.xlsx", BILLION_LAUGHS, "lol9")


def xxe(folder: Path) -> str:
    return _entity_sheet(folder, "外部实体.xlsx", '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "xxe")


def xlsm_macro(folder: Path) -> str:
    """A good form saved as .xlsm with a VBA project (never run, never kept)."""
    data = form_bytes("江西省科学技术协会", {"动员科技志愿者数量（人）": 31})
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    types = types.replace(
        "</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    )
    vba = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b'Attribute VB_Name = "Module1"\nSub AutoOpen()\nShell "calc"\nEnd Sub'
    )
    (folder / "含宏.xlsm").write_bytes(
        _rezip(data, {"[Content_Types].xml": types}, {"xl/vbaProject.bin": vba})
    )
    return "含宏.xlsm"


def million_rows(folder: Path, rows: int = 1_000_000) -> str:
    """A sheet of a million numbered rows, written straight into the zip."""
    src = zipfile.ZipFile(io.BytesIO(_base()))
    out = folder / "百万行.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info in src.infolist():
            if info.filename != SHEET:
                z.writestr(info.filename, src.read(info.filename))
                continue
            with z.open(SHEET, "w", force_zip64=True) as fh:
                fh.write(f'{XML_DECL}<worksheet xmlns="{NS}"><sheetData>'.encode())
                step = 10_000
                for start in range(1, rows + 1, step):
                    fh.write(
                        "".join(
                            f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>'
                            for i in range(start, min(start + step, rows + 1))
                        ).encode()
                    )
                fh.write(b"</sheetData></worksheet>")
    return out.name


def sparse_corner(folder: Path) -> str:
    """Two cells, A1 and XFD1048576: 1 KB that asks calamine for a 512 GB grid."""
    sheet = _sheet_with(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    )
    (folder / "稀疏角落.xlsx").write_bytes(_rezip(_base(), {SHEET: sheet}))
    return "稀疏角落.xlsx"


def shared_string_flood(folder: Path) -> str:
    """One 100 KB shared string referred to by 3,000 cells: 20 KB that expands to ~1 GB."""
    sst = f'{XML_DECL}<sst xmlns="{NS}" count="3000" uniqueCount="1"><si><t>{"长" * 100_000}</t></si></sst>'
    return _shared_flood(folder, "共享字符串放大.xlsx", sst, index=0)


def _shared_flood(folder: Path, name: str, sst: str, index: int) -> str:
    """The base form with 3,000 cells showing shared string `index` of `sst`."""
    data = _base()
    rows = "".join(f'<row r="{i}"><c r="A{i}" t="s"><v>{index}</v></c></row>' for i in range(1, 3001))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    replace = {SHEET: _sheet_with(rows)}
    add = {}
    if "xl/sharedStrings.xml" in names:
        replace["xl/sharedStrings.xml"] = sst
    else:
        add["xl/sharedStrings.xml"] = sst.encode()
    (folder / name).write_bytes(_rezip(data, replace, add))
    return name


def prefixed_sparse_corner(folder: Path) -> str:
    """The sparse corner with its tags under a namespace prefix (<x:c>), as some writers do: calamine reads it
    the same, so the scan must count prefixed cells too."""
    sheet = (
        f'{XML_DECL}<x:worksheet xmlns:x="{NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
        '<x:row r="1048576"><x:c r="XFD1048576"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>'
    )
    (folder / "稀疏角落-前缀.xlsx").write_bytes(_rezip(_base(), {SHEET: sheet}))
    return "稀疏角落-前缀.xlsx"


# The sparse corner (row 99,999, column XFD: a 1.6-billion-cell grid) written as calamine reads it but as no
# writer writes it. Each aborted the process before the scan read its XML with an XML parser.
ODD_CORNERS = {
    # single quotes: the regex walk saw no address and counted the cell as the one after A1
    "稀疏角落-单引号.xlsx": "<row r='99999'><c r='XFD99999'><v>2</v></c></row>",
    # a lower-case address beside a formula: the reader's second scan read upper case only
    "稀疏角落-小写地址.xlsx": '<row r="2"><c r="B2"><f>1+1</f></c></row><row r="99999"><c r="xfd99999"><v>2</v></c></row>',
    # a ">" inside another attribute's value, before the address: the tag was cut there
    "稀疏角落-属性含尖括号.xlsx": '<row r="99999"><c s=">" r="XFD99999"><v>2</v></c></row>',
    # 16,383 empty cells without an address, then a value: its column is counted, not written
    "稀疏角落-无地址.xlsx": '<row r="99999">' + "<c/>" * 16_383 + "<c><v>2</v></c></row>",
}  # each after a value in A1: calamine's grid runs from the smallest address to the largest


def _odd_corner(name: str):
    def build(folder: Path) -> str:
        cells = '<row r="1"><c r="A1"><v>1</v></c></row>' + ODD_CORNERS[name]
        (folder / name).write_bytes(_rezip(_base(), {SHEET: _sheet_with(cells)}))
        return name

    return build


def shared_string_flood_behind_an_empty_one(folder: Path) -> str:
    """The flood's string second, behind an empty <si/>, and its 3,000 cells refer to it by index 1: each
    string must keep its own index for its size to be counted."""
    sst = (f'{XML_DECL}<x:sst xmlns:x="{NS}" count="3000" uniqueCount="2"><x:si/>'
           f'<x:si><x:t>{"长" * 100_000}</x:t></x:si></x:sst>')  # fmt: skip
    return _shared_flood(folder, "共享字符串放大-空串在前.xlsx", sst, index=1)


def all_formulas(folder: Path) -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 21):
        for c in range(1, 6):
            ws.cell(r, c, f'=ROW()*{c}+HYPERLINK("http://x","{r}")')
    wb.save(folder / "全是公式.xlsx")
    return "全是公式.xlsx"


def text_numbers(folder: Path) -> str:
    values = {
        "动员科技志愿者数量（人）": "很多",
        "开展活动数量（场）": "若干",
        "受益人次": "不详",
        "媒体报道数量（次）": "见附件",
    }
    (folder / "文字数值.xlsx").write_bytes(form_bytes("福建省科学技术协会", values))
    return "文字数值.xlsx"


def long_strings(folder: Path) -> str:
    big = "科" * 100_000
    values = {big: big, "动员科技志愿者数量（人）": big, "开展活动数量（场）": "1" * 100_000}
    (folder / "超长字符串.xlsx").write_bytes(form_bytes("四川省科协" + big, values, title=big))
    return "超长字符串.xlsx"


def xls_sparse_corner(folder: Path) -> str:
    """An .xls with cells at A1 and IV65536: 5 KB that took calamine 1 GB."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("汇总表")
    ws.write(0, 0, "填报单位")
    ws.write(65535, 255, 1)
    wb.save(str(folder / "稀疏角落.xls"))
    return "稀疏角落.xls"


def xls_shared_string_flood(folder: Path) -> str:
    """An .xls whose 800 cells all show one 30,000-character shared string."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("汇总表")
    text = "长" * 30_000
    for r in range(800):
        ws.write(r, 0, text)
    wb.save(str(folder / "共享字符串放大.xls"))
    return "共享字符串放大.xls"


# name -> (builder, words that must appear in one of the file's issue messages, in zh or en)
HOSTILE = {
    "截断的文件.xlsx": (truncated, ["damaged", "损坏", "could not be read", "无法读取"]),
    "空文件.xlsx": (empty, ["empty", "空", "could not be read"]),
    "图片改名.xlsx": (png_renamed, ["not an Excel", "PNG", "不是", "could not be read"]),
    "压缩炸弹.xlsx": (zip_bomb, ["zip bomb", "压缩炸弹", "decompressed", "解压"]),
    "压缩炸弹-伪造大小.xlsx": (zip_bomb_lying, ["damaged", "损坏", "decompress", "解压"]),
    "XML炸弹.xlsx": (xml_bomb, ["DTD", "entity", "实体"]),
    "外部实体.xlsx": (xxe, ["DTD", "entity", "实体"]),
    "含宏.xlsm": (xlsm_macro, ["macro", "宏", "VBA"]),
    "百万行.xlsx": (million_rows, ["rows", "行"]),
    "稀疏角落.xlsx": (sparse_corner, ["rows", "grid", "行"]),
    "共享字符串放大.xlsx": (shared_string_flood, ["text", "文字"]),
    "稀疏角落-前缀.xlsx": (prefixed_sparse_corner, ["rows", "grid", "行"]),
    "共享字符串放大-空串在前.xlsx": (shared_string_flood_behind_an_empty_one, ["text", "文字"]),
    "稀疏角落-单引号.xlsx": (_odd_corner("稀疏角落-单引号.xlsx"), ["too large", "过大"]),
    "稀疏角落-小写地址.xlsx": (_odd_corner("稀疏角落-小写地址.xlsx"), ["too large", "过大"]),
    "稀疏角落-属性含尖括号.xlsx": (_odd_corner("稀疏角落-属性含尖括号.xlsx"), ["too large", "过大"]),
    "稀疏角落-无地址.xlsx": (_odd_corner("稀疏角落-无地址.xlsx"), ["too large", "过大"]),
    "稀疏角落.xls": (xls_sparse_corner, ["rows", "grid", "行"]),
    "共享字符串放大.xls": (xls_shared_string_flood, ["text", "文字"]),
    "全是公式.xlsx": (all_formulas, ["form", "汇总表", "formula", "公式"]),
    "文字数值.xlsx": (text_numbers, ["not a number", "不是数字"]),
    "超长字符串.xlsx": (long_strings, []),  # survives; what it says depends on the parser
}


def write_hostile(folder: Path) -> list[str]:
    return [builder(folder) for builder, _ in HOSTILE.values()]
