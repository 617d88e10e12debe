"""The activity forms laid out like the seeds' templates, and written as real files.

`recommendation_grid` / `plan_grid` turn field values into the template's rows and merged ranges
(seed 000 附件2; seed 004 附件). `write_forms` writes such sheets as an .xlsx (one sheet each, XlsxWriter)
or a .docx (one Word table each), signed as demo data when asked. Used by the demo generator and the tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from etl.demo.book.spec import BookSpec, Properties, Range, SheetSpec
from etl.demo.book.write import write_book

DEFAULT_TIME = datetime(2021, 5, 1, 9, 0, 0)  # Beijing time, when a test names none
DEMO_SIGNATURE = Properties(creator="demo-data", keywords="demo-data 演示数据")
WIDTHS = {0: 22} | dict.fromkeys(range(1, 6), 18)
INSTRUCTION = "（请简述推荐优秀活动的理由、活动特色亮点，不超过300字）"
MODULES = ["团结引领", "建家办事", "为民服务", "开放合作", "表彰发布"]
GROUPS = ["科协系统干部", "科技工作者", "海外同行"]


def recommendation_grid(
    org: str, contact: tuple[str, str, str], activities: list[dict], reason_below: bool = False
) -> SheetSpec:
    """附件2 优秀活动推荐表. activities: [{name, organizer, reason}], up to 3 (blank rows kept)."""
    name, phone, address = contact
    rows = [
        ["推荐单位", f"{org}（盖章）", "", ""],
        ["联 系 人", name, "联系电话", phone],
        ["通讯地址", address, "", ""],
        ["推荐名单", "", "", ""],
        ["序号", "活动名称", "举办单位", ""],
    ]
    merged: list[Range] = [(0, 1, 0, 3), (2, 1, 2, 3), (3, 0, 3, 3), (4, 2, 4, 3)]
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
    return SheetSpec("优秀活动推荐表", rows, merged, ["附件2", "优秀活动推荐表"], widths=WIDTHS)


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


def plan_grid(values: dict, contact: tuple[str, str, str, str, str], style: str = "paren:√") -> SheetSpec:
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
    merged: list[Range] = [(r, 1, r, 5) for r in (0, 1, 3, 4, 5, 6, 7, 11)]
    merged += [(8, 0, 10, 0), (8, 4, 8, 5), (9, 4, 9, 5), (10, 2, 10, 5)]
    title = [
        "2021年“全国科技工作者日”",
        "特色亮点活动筹备方案（样表）",
        "单位盖章：                报送时间：",
        "一、基本信息",
    ]
    return SheetSpec("筹备方案", rows, merged, title, widths=WIDTHS)


def write_forms(
    path: Path, sheets: list[SheetSpec], *, demo: bool = False, modified: datetime | None = None
) -> Path:
    """.xlsx or .docx by the suffix; titled after the first form, created and modified at `modified`."""
    when = modified or DEFAULT_TIME
    title = sheets[0].title_lines[-1] if sheets and sheets[0].title_lines else ""
    props = replace(DEMO_SIGNATURE if demo else Properties(), title=title, created=when, modified=when)
    return write_book(path, BookSpec(sheets, props, xlsx_engine="xlsxwriter"))
