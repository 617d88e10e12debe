"""The activity forms, as real .xlsx and .docx files built here, read back by the ETL readers.

Covers: both forms in Excel and Word, ticks in every style and layout, two activities instead of
three, a plan with no module ticked, an over-long reason, and the forms in either order beside
the summary form (in separate sheets/tables and stacked in one sheet).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl.demo.activity_forms import plan_grid, recommendation_grid
from etl.demo.activity_forms import write_forms as write_docx  # the suffix picks the format
from etl.demo.activity_forms import write_forms as write_xlsx
from etl.demo.book.spec import SheetSpec as FormGrid
from etl.forms.activities import has_activity_form, parse_activity_form
from etl.forms.records import ActivityForm, PlannedActivity, RecommendedActivity
from etl.paths import SCHEMA_FILE
from etl.readers.docx import read_docx_workbook
from etl.readers.workbook import read_workbook

SCHEMA = SCHEMA_FILE
CONTACT = ("张晓明", "13812345678", "成都市武侯区人民南路4段1号")
PLAN_CONTACT = ("李红", "028-86001234", "13987654321", "kx@example.cn", "南京市北京西路1号")
ACTS = [
    {
        "name": "“科技·文化 走进科技小院在行动”——眉山柑橘科技小院专场",
        "organizer": "眉山市农村专业技术协会",
        "reason": "依托柑橘科技小院，组织50名科技志愿者开展技术培训12场，受益群众8000人次。",
    },
    {
        "name": "茶叶绿色高效栽培田间课堂",
        "organizer": "雅安市茶叶产业农技协",
        "reason": "围绕茶叶绿色高效栽培开展现场培训，带动周边茶农增收。",
    },
    {
        "name": "“最美科技工作者”先进事迹巡回宣讲",
        "organizer": "四川省农技协科普教育基地",
        "reason": "宣讲扎根乡村的科技工作者事迹，媒体报道20次。",
    },
]
PLAN = {
    "organizer": "江苏省科学技术协会",
    "name": "众心向党 自立自强——江苏科技工作者风采展",
    "modules": ["团结引领", "表彰发布"],
    "undertaker": "南京市科学技术协会",
    "time": "2021年5月30日",
    "place": "南京市科技馆",
    "groups": ["科协系统干部", "科技工作者"],
    "scale": "约500人",
}


def summary_grid() -> FormGrid:
    """附件1 活动信息汇总表 (seed 000), filled: the form the activity forms travel with."""
    rows = [
        ["组织单位", "四川省农村专业技术协会（盖章）", "", ""],
        ["联 系 人", "张晓明", "手 机", "13812345678"],
        ["通讯地址", "成都市", "", ""],
        ["动员农技协数量（个）", "120", "开展活动数量（场）", "300"],
        ["受益人次", "50000", "", ""],
    ]
    return FormGrid(
        "活动信息汇总表", rows, [(0, 1, 0, 3), (2, 1, 2, 3), (4, 1, 4, 3)], ["附件1", "活动信息汇总表"]
    )


def read(path: Path):
    return read_docx_workbook(path) if path.suffix == ".docx" else read_workbook(path)


def write(path: Path, grids: list[FormGrid]) -> ActivityForm:
    (write_docx if path.suffix == ".docx" else write_xlsx)(path, grids)
    return parse_activity_form(read(path))


def recs(form: ActivityForm) -> list[RecommendedActivity]:
    return [a for a in form.activities if isinstance(a, RecommendedActivity)]


def plans(form: ActivityForm) -> list[PlannedActivity]:
    return [a for a in form.activities if isinstance(a, PlannedActivity)]


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
@pytest.mark.parametrize("reason_below", [False, True])
def test_recommendation_form(tmp_path: Path, ext: str, reason_below: bool) -> None:
    form = write(
        tmp_path / f"rec{ext}",
        [recommendation_grid("四川省农村专业技术协会", CONTACT, ACTS, reason_below=reason_below)],
    )
    assert form.form == "recommendation"
    assert form.org_name == "四川省农村专业技术协会"
    got = recs(form)
    assert [(a.seq, a.name, a.organizer, a.reason) for a in got] == [
        (i + 1, a["name"], a["organizer"], a["reason"]) for i, a in enumerate(ACTS)
    ]
    sheet = "表1" if ext == ".docx" else "优秀活动推荐表"
    assert {a.sheet for a in got} == {sheet}
    top = 0 if ext == ".docx" else 2  # the xlsx has the two title lines above the table
    assert got[0].cell == f"B{6 + top}"  # the name cell of 序号 1
    assert got[0].reason_cell == (f"A{11 + top}" if reason_below else f"B{10 + top}")
    assert not any(a.reason_too_long for a in got)
    assert form.issues == []
    fields = {c["field"]: c["value"] for c in form.contacts}
    assert fields == {"contact_name": CONTACT[0], "phone": CONTACT[1], "address": CONTACT[2]}


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
def test_two_activities_instead_of_three(tmp_path: Path, ext: str) -> None:
    form = write(tmp_path / f"rec{ext}", [recommendation_grid("四川省农技协", CONTACT, ACTS[:2])])
    assert [a.name for a in recs(form)] == [ACTS[0]["name"], ACTS[1]["name"]]
    assert form.issues == []  # the empty third slot is not a problem


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
def test_long_reason_is_kept_whole_and_flagged(tmp_path: Path, ext: str) -> None:
    long_reason = "该活动依托科技小院开展技术培训，受益群众众多。" * 20  # 23 × 20 = 460 characters
    acts = [dict(ACTS[0], reason=long_reason), ACTS[1]]
    form = write(tmp_path / f"rec{ext}", [recommendation_grid("四川省农技协", CONTACT, acts)])
    first, second = recs(form)
    assert first.reason == long_reason
    assert first.reason_length == 460 and first.reason_too_long
    assert not second.reason_too_long
    warn = [i for i in form.issues if i.code == "activity_reason_too_long"]
    assert len(warn) == 1 and warn[0].severity == "warning"
    assert (warn[0].sheet, warn[0].cell) == (first.reason_sheet, first.reason_cell)
    assert "460" in warn[0].message and "300" in warn[0].message


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
@pytest.mark.parametrize(
    "style", ["paren:√", "paren:✓", "paren:✔", "paren:v", "paren:V", "paren:是", "box", "paren:x"]
)
def test_plan_form_ticks_in_every_style(tmp_path: Path, ext: str, style: str) -> None:
    form = write(tmp_path / f"plan{ext}", [plan_grid(PLAN, PLAN_CONTACT, style)])
    assert form.form == "plan" and form.org_name == PLAN["organizer"]
    (p,) = plans(form)
    assert p.modules == PLAN["modules"]
    assert p.target_groups == PLAN["groups"]
    assert (p.name, p.organizer, p.undertaker) == (PLAN["name"], PLAN["organizer"], PLAN["undertaker"])
    assert (p.planned_time, p.planned_place, p.planned_scale) == (PLAN["time"], PLAN["place"], PLAN["scale"])
    assert p.cell == ("B2" if ext == ".docx" else "B6")  # four title rows above the xlsx table
    assert form.issues == []
    fields = sorted((c["field"], c["value"]) for c in form.contacts)
    assert fields == sorted(
        [
            ("contact_name", "李红"),
            ("phone", "028-86001234"),
            ("phone", "13987654321"),
            ("email", "kx@example.cn"),
            ("address", "南京市北京西路1号"),
        ]
    )


def test_plan_ticks_in_cells_beside_and_below(tmp_path: Path) -> None:
    """Excel as people redraw it: a tick column beside the modules, a tick row under the groups."""
    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [
        ["主办单位名称", "中国农学会"],
        ["主题活动名称", "科技志愿服务进新时代文明实践中心"],
        ["主题活动模块（请在相应模块划√，可多选）", "团结引领", ""],
        [None, "建家办事", "✔"],
        [None, "为民服务", "☑"],
        [None, "开放合作", "否"],
        [None, "表彰发布", "有"],
        ["面向群体", "科协系统干部", "科技工作者", "海外同行"],
        [None, "", "√", "V"],
        ["预计活动规模", "300人"],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A3:A7")
    path = tmp_path / "plan_cells.xlsx"
    wb.save(path)
    (p,) = plans(parse_activity_form(read(path)))
    assert p.modules == ["建家办事", "为民服务", "表彰发布"]  # “有” is a filled box; 否 is not
    assert p.target_groups == ["科技工作者", "海外同行"]
    assert p.planned_scale == "300人"


def test_modules_written_in_as_names(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [
        ["主办单位名称", "浙江省科协"],
        ["主题活动名称", "科技工作者走访慰问"],
        ["主题活动模块", "建家办事、为民服务"],
        ["面向群体", "科技工作者"],
    ]:
        ws.append(row)
    path = tmp_path / "written.xlsx"
    wb.save(path)
    (p,) = plans(parse_activity_form(read(path)))
    assert p.modules == ["建家办事", "为民服务"]
    assert p.target_groups == ["科技工作者"]


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
def test_plan_with_no_module_ticked_is_a_warning(tmp_path: Path, ext: str) -> None:
    form = write(tmp_path / f"plan{ext}", [plan_grid(dict(PLAN, modules=[]), PLAN_CONTACT)])
    (p,) = plans(form)
    assert p.modules == [] and p.name == PLAN["name"]  # still loaded
    (warn,) = form.issues
    assert warn.code == "activity_plan_no_module" and warn.severity == "warning"
    assert warn.cell == ("A3" if ext == ".docx" else "A7") and PLAN["name"] in warn.message


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
@pytest.mark.parametrize("summary_first", [True, False])
def test_forms_in_either_order_with_the_summary(tmp_path: Path, ext: str, summary_first: bool) -> None:
    rec = recommendation_grid("四川省农村专业技术协会", CONTACT, ACTS[:2])
    plan = plan_grid(PLAN, PLAN_CONTACT)
    grids = [summary_grid(), rec, plan] if summary_first else [plan, rec, summary_grid()]
    form = write(tmp_path / f"both{ext}", grids)
    assert form.form == ("recommendation" if summary_first else "plan")
    assert [a.name for a in recs(form)] == [ACTS[0]["name"], ACTS[1]["name"]]
    assert [p.name for p in plans(form)] == [PLAN["name"]]
    summary_sheet = ("表1" if summary_first else "表3") if ext == ".docx" else "活动信息汇总表"
    # the summary's own contact is not taken for the activity forms
    assert all(c["sheet"] != summary_sheet for c in form.contacts)


def test_forms_stacked_in_one_sheet(tmp_path: Path) -> None:
    """附件1 and 附件2 pasted one under the other in a single sheet, as often happens."""
    s, r = summary_grid(), recommendation_grid("四川省农技协", ("王芳", "13900001111", "眉山市"), ACTS[:1])
    offset = len(s.rows) + 2
    rows = s.rows + [[""] * 4, ["附件2 优秀活动推荐表", "", "", ""]] + r.rows
    merged = s.merged + [(a + offset, b, c + offset, d) for a, b, c, d in r.merged]
    form = write(tmp_path / "stacked.xlsx", [FormGrid("Sheet1", rows, merged)])
    (a,) = recs(form)
    assert a.name == ACTS[0]["name"] and a.reason == ACTS[0]["reason"]
    names = [c["value"] for c in form.contacts if c["field"] == "contact_name"]
    assert names == ["王芳"]  # not the summary's 张晓明 above


def test_table_rows_fit_the_schema(tmp_path: Path) -> None:
    form = write(
        tmp_path / "both.docx",
        [recommendation_grid("四川省农技协", CONTACT, ACTS), plan_grid(PLAN, PLAN_CONTACT)],
    )
    sub = {
        "submission_id": "abc",
        "source_file": "2024/x.docx",
        "year": 2024,
        "org_name": "四川省农技协",
        "org_level": "province",
        "reporting_system": "农技协",
        "province": "四川省",
    }
    tables = form.table_rows(sub)
    assert set(tables) == {"recommended_activities", "planned_activities"}
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    import pandas as pd

    for name, rows in tables.items():
        con.register("incoming", pd.DataFrame.from_records(rows))
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM incoming")
        con.unregister("incoming")
    assert con.execute(
        "SELECT count(*), min(sheet), max(province) FROM recommended_activities"
    ).fetchone() == (3, "表1", "四川省")
    assert con.execute("SELECT modules, target_groups FROM planned_activities").fetchone() == (
        "团结引领、表彰发布",
        "科协系统干部、科技工作者",
    )


def test_word_merged_cells_are_not_repeated(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    write_docx(path, [plan_grid(PLAN, PLAN_CONTACT)])
    sheet = read(path).sheets[0]
    assert sheet.name == "表1"
    assert sheet.rows[0][:3] == ["主办单位名称", PLAN["organizer"], ""]  # python-docx would repeat it
    assert (0, 1, 0, 5) in sheet.merged and (8, 0, 10, 0) in sheet.merged
    assert sheet.rows[9][0] == "" and sheet.rows[8][0] == "主办单位\n联系人"
    assert any("2021年" in p for p in sheet.before)  # the title paragraph, for year detection
    assert parse_activity_form(read(path)).year_hint == 2021


def test_word_tick_symbols_and_check_boxes(tmp_path: Path) -> None:
    """A Wingdings ☑ inserted as a symbol and a content-control check box both count."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = tmp_path / "plan.docx"
    write_docx(path, [plan_grid(dict(PLAN, modules=[]), PLAN_CONTACT)])
    doc = Document(str(path))
    cells = doc.tables[0].rows[2].cells
    sym = parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="Wingdings 2" w:char="F052"/></w:r>')
    cells[1].paragraphs[0]._p.append(sym)  # 团结引领（）☑
    cells[1].paragraphs[0].runs[0].text = "团结引领"
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>")
    cells[3].paragraphs[0]._p.insert(0, sdt)  # ☒为民服务 in a check-box control
    cells[3].paragraphs[0].runs[0].text = "为民服务"
    doc.save(str(path))
    (p,) = plans(parse_activity_form(read(path)))
    assert p.modules == ["团结引领", "为民服务"]


def test_has_activity_form_beside_a_summary(tmp_path: Path) -> None:
    both = tmp_path / "both.xlsx"
    write_xlsx(both, [summary_grid(), recommendation_grid("四川省农技协", CONTACT, ACTS[:1])])
    only = tmp_path / "only.xlsx"
    write_xlsx(only, [summary_grid()])
    assert has_activity_form(read(both)) and not has_activity_form(read(only))


@pytest.mark.parametrize("order", ["summary_first", "recommendation_first"])
def test_extract_reads_figures_and_activities_of_one_file(tmp_path: Path, order: str) -> None:
    """One workbook with the summary form and 附件2 on two sheets: both land, contacts once each."""
    from etl.pipeline.extract import extract_file

    grids = [summary_grid(), recommendation_grid("四川省农技协", CONTACT, ACTS[:2])]
    path = tmp_path / "四川省农技协.xlsx"
    write_xlsx(path, grids if order == "summary_first" else grids[::-1])
    ex = extract_file(path)
    assert ex.error is None and ex.form == "summary"
    assert {v["metric"] for v in ex.values if v["role"] == "value"} >= {"units_mobilized", "events"}
    assert ex.activity_form is not None
    assert [a.name for a in ex.activity_form.activities] == [a["name"] for a in ACTS[:2]]
    keys = [(c["sheet"], c["cell"], c["field"]) for c in ex.contacts]
    assert len(keys) == len(set(keys))
