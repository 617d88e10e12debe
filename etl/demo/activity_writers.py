"""Write the activity forms as real files, laid out like the seeds' templates.

`recommendation_grid` / `plan_grid` turn field values into the template's rows and merged ranges
(seed 000 附件2; seed 004 附件). `write_xlsx` / `write_docx` write any such grids as one sheet or
one Word table each, byte-for-byte deterministic (fixed times in the package and in the zip),
signed as demo data when asked. Used by the demo generator and by the tests.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import xlsxwriter
from docx import Document
from docx.shared import Pt

Merge = tuple[int, int, int, int]  # 0-based inclusive (first_row, first_col, last_row, last_col)
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
BEIJING_OFFSET = timedelta(hours=8)  # `modified` arguments are Beijing time; packages store UTC
INSTRUCTION = "（请简述推荐优秀活动的理由、活动特色亮点，不超过300字）"
MODULES = ["团结引领", "建家办事", "为民服务", "开放合作", "表彰发布"]
GROUPS = ["科协系统干部", "科技工作者", "海外同行"]


@dataclass
class FormGrid:
    name: str  # sheet name (Excel); Word tables are named 表N by the reader
    rows: list[list[str]]
    merged: list[Merge] = field(default_factory=list)
    before: list[str] = field(default_factory=list)  # title paragraphs (Word) / title rows (Excel)


def recommendation_grid(
    org: str, contact: tuple[str, str, str], activities: list[dict], reason_below: bool = False
) -> FormGrid:
    """附件2 优秀活动推荐表. activities: [{name, organizer, reason}], up to 3 (blank rows kept)."""
    name, phone, address = contact
    rows = [
        ["推荐单位", f"{org}（盖章）", "", ""],
        ["联 系 人", name, "联系电话", phone],
        ["通讯地址", address, "", ""],
        ["推荐名单", "", "", ""],
        ["序号", "活动名称", "举办单位", ""],
    ]
    merged: list[Merge] = [(0, 1, 0, 3), (2, 1, 2, 3), (3, 0, 3, 3), (4, 2, 4, 3)]
    for i in range(3):
        a = activities[i] if i < len(activities) else {}
        rows.append([str(i + 1), a.get("name", ""), a.get("organizer", ""), ""])
        merged.append((5 + i, 2, 5 + i, 3))
    rows.append(["推荐理由", "", "", ""])
    merged.append((8, 0, 8, 3))
    for i in range(3):
        a = activities[i] if i < len(activities) else {}
        label = f"活动{i + 1}：{a.get('name') or '名称'}\n{INSTRUCTION}"
        r = len(rows)
        if reason_below:  # label row, then the reason in a full-width row under it
            rows.append([label, "", "", ""])
            rows.append([a.get("reason", ""), "", "", ""])
            merged += [(r, 0, r, 3), (r + 1, 0, r + 1, 3)]
        else:
            rows.append([label, a.get("reason", ""), "", ""])
            merged.append((r, 1, r, 3))
    return FormGrid("优秀活动推荐表", rows, merged, ["附件2", "优秀活动推荐表"])


def tick_text(options: list[str], ticked: list[str], style: str) -> list[str]:
    """Each option with its mark: style 'paren:<mark>' → 团结引领（√）; 'box' → ☑团结引领 / □团结引领."""
    out = []
    for o in options:
        if style == "box":
            out.append(("☑" if o in ticked else "□") + o)
        else:
            mark = style.split(":", 1)[1] if ":" in style else "√"
            out.append(f"{o}（{mark if o in ticked else ''}）")
    return out


def plan_grid(values: dict, contact: tuple[str, str, str, str, str], style: str = "paren:√") -> FormGrid:
    """特色亮点活动筹备方案（样表）: values has organizer, name, modules, undertaker, time, place,
    groups, scale; contact is (name, office phone, mobile, email, address)."""
    cname, office, mobile, email, address = contact
    modules = tick_text(MODULES, values.get("modules", []), style)
    groups = "".join(tick_text(GROUPS, values.get("groups", []), style))
    rows = [
        ["主办单位名称", values.get("organizer", ""), "", "", "", ""],
        ["主题活动名称", values.get("name", ""), "", "", "", ""],
        ["主题活动模块\n（请在相应模块划√，可多选）", *modules],
        ["承办单位名称", values.get("undertaker", ""), "", "", "", ""],
        ["拟举办时间", values.get("time", ""), "", "", "", ""],
        ["拟举办地点", values.get("place", ""), "", "", "", ""],
        ["面向群体", groups, "", "", "", ""],
        ["预计活动规模", values.get("scale", ""), "", "", "", ""],
        ["主办单位\n联系人", "姓  名", cname, "办公电话", office, ""],
        ["", "手  机", mobile, "传    真", "", ""],
        ["", "电子邮箱", email, "", "", ""],
        ["主办单位\n邮寄地址", address, "", "", "", ""],
    ]
    merged: list[Merge] = [(r, 1, r, 5) for r in (0, 1, 3, 4, 5, 6, 7, 11)]
    merged += [(8, 0, 10, 0), (8, 4, 8, 5), (9, 4, 9, 5), (10, 2, 10, 5)]
    title = [
        "2021年“全国科技工作者日”",
        "特色亮点活动筹备方案（样表）",
        "单位盖章：                报送时间：",
        "一、基本信息",
    ]
    return FormGrid("筹备方案", rows, merged, title)


def write_xlsx(
    path: Path,
    grids: list[FormGrid],
    *,
    demo: bool = False,
    modified: datetime | None = None,
    title_rows: bool = True,
) -> None:
    """One sheet per grid; the grid's title lines go in rows above it when title_rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
    when = (modified or datetime(2021, 5, 1, 9, 0, 0)) - BEIJING_OFFSET
    props = {"created": when, "title": grids[0].before[-1] if grids and grids[0].before else ""}
    if demo:
        props |= {"author": "demo-data", "keywords": "demo-data 演示数据"}
    wb.set_properties(props)
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    used: set[str] = set()
    for g in grids:
        name = g.name
        while name in used:
            name += "_"
        used.add(name)
        ws = wb.add_worksheet(name[:31])
        top = len(g.before) if title_rows else 0
        for i, line in enumerate(g.before if title_rows else []):
            ws.write_string(i, 0, line)
        for r0, c0, r1, c1 in g.merged:
            ws.merge_range(top + r0, c0, top + r1, c1, g.rows[r0][c0], wrap)
        covered = {
            (r, c) for r0, c0, r1, c1 in g.merged for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
        }
        for r, row in enumerate(g.rows):
            for c, v in enumerate(row):
                if (r, c) not in covered and v != "":
                    ws.write_string(top + r, c, v, wrap)
        ws.set_column(0, 0, 22)
        ws.set_column(1, 5, 18)
    wb.close()


def write_docx(
    path: Path, grids: list[FormGrid], *, demo: bool = False, modified: datetime | None = None
) -> None:
    """One Word table per grid, each preceded by its title paragraphs; deterministic bytes."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)
    for g in grids:
        for line in g.before:
            doc.add_paragraph(line)
        width = max(len(r) for r in g.rows)
        table = doc.add_table(rows=len(g.rows), cols=width)
        table.style = "Table Grid"
        for r0, c0, r1, c1 in g.merged:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        covered = {
            (r, c)
            for r0, c0, r1, c1 in g.merged
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }
        for r, row in enumerate(g.rows):
            for c, v in enumerate(row):
                if (r, c) not in covered:
                    table.cell(r, c).text = v
        doc.add_paragraph("")
    when = (modified or datetime(2021, 5, 1, 9, 0, 0)) - BEIJING_OFFSET
    cp = doc.core_properties
    cp.created = cp.modified = when
    cp.last_printed = when
    cp.revision = 1
    cp.title = grids[0].before[-1] if grids and grids[0].before else ""
    if demo:
        cp.author = cp.last_modified_by = "demo-data"
        cp.keywords = "demo-data 演示数据"
    buf = io.BytesIO()
    doc.save(buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_zip(buf.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip package with fixed entry times, so the same input gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
