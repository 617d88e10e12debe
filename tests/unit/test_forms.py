"""The label-anchored form parser on real workbooks in every layout people send."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.forms.records import ParsedForm
from etl.forms.summary import parse_form
from etl.forms.vocabulary import catalogue, normalize_label
from etl.readers.workbook import read_workbook
from tests.builders import SEED000_FILLED, SheetSpec, seed000_sheet, write

FORMATS = [".xlsx", ".xls"]


def parse(tmp_path: Path, sheets: list[SheetSpec], suffix: str = ".xlsx") -> ParsedForm:
    return parse_form(read_workbook(write(tmp_path / f"form{suffix}", sheets)))


def used(form: ParsedForm) -> dict[tuple[str, str | None], float | None]:
    return {(v.metric, v.channel): v.value for v in form.values if v.role == "value"}


def codes(form: ParsedForm) -> list[tuple[str, str | None]]:
    return [(i.code, i.cell) for i in form.issues]


@pytest.mark.parametrize("suffix", FORMATS)
def test_seed000_form_as_in_the_notice(tmp_path: Path, suffix: str) -> None:
    form = parse(tmp_path, [seed000_sheet(SEED000_FILLED)], suffix)
    assert form.form == "summary"
    assert used(form) == {
        ("units_mobilized", "农技协"): 12, ("events", "农技协"): 30,
        ("units_mobilized", "科技小院"): 5, ("events", "科技小院"): 8,
        ("units_mobilized", "科普教育基地"): 3, ("events", "科普教育基地"): 6,
        ("volunteers", None): 3500, ("volunteer_teams", None): 42,
        ("media_reports", None): 57, ("beneficiaries", None): 120000,
    }  # fmt: skip
    events_km = next(v for v in form.values if v.metric == "events" and v.channel == "科技小院")
    assert (events_km.cell, events_km.label_cell, events_km.label) == ("D8", "C8", "开展活动数量（场）")
    assert (form.org_name, form.org_cell) == ("广西壮族自治区农村专业技术协会", "B3")
    assert {c.field: c.value for c in form.contacts} == {
        "contact_name": "张 三", "phone": "13800000000", "address": "南宁市青秀区民族大道 100 号"}  # fmt: skip
    assert form.title == "活动信息汇总表"
    assert form.issues == []


def test_blank_seed000_form_has_labels_but_no_values(tmp_path: Path) -> None:
    form = parse(tmp_path, [seed000_sheet(org="中国农技协科技小院分会（盖章）")])
    assert form.form == "summary"
    assert form.org_name == "中国农技协科技小院分会"
    assert len(form.values) == 10
    assert all(v.value is None for v in form.values)
    assert form.issues == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_title_rows_offset_columns_and_instructions_sheet(tmp_path: Path, suffix: str) -> None:
    instructions = SheetSpec("填表说明", {
        "A1": "填表说明",
        "A2": "1. 动员科技志愿者数量：指参与本次活动的科技志愿者人数，请填写整数。",
        "A3": "受益人次", "B3": "指活动直接受益的群众人次",
    })  # fmt: skip
    sheet = SheetSpec("汇总表", {
        "B2": "2024年全国科技工作者日活动信息汇总表",
        "C4": "填报单位", "D4": "广东省科学技术协会（盖章）",
        "C6": "动员科技志愿者数量（人）", "E6": 35000,
        "C7": "开展活动数量（场）", "E7": "210场",
        "C8": "受益人次", "E8": "约1.2万",
        "C9": "媒体报道（篇）", "E9": "３２",
    }, merged=["B2:F2", "C6:D6", "C7:D7", "C8:D8", "C9:D9"])  # fmt: skip
    form = parse(tmp_path, [instructions, sheet], suffix)
    assert used(form) == {("volunteers", None): 35000, ("events", None): 210, ("beneficiaries", None): 12000,
                          ("media_reports", None): 32}  # fmt: skip
    assert {v.cell for v in form.values} == {"E6", "E7", "E8", "E9"}
    assert all(v.sheet == "汇总表" for v in form.values)
    assert form.org_name == "广东省科学技术协会"
    assert form.title == "2024年全国科技工作者日活动信息汇总表"
    assert form.year_hint == 2024
    assert codes(form) == [("value_approximate", "E8")]
    assert next(v for v in form.values if v.cell == "E8").approximate


def test_list_style_table_with_unit_column(tmp_path: Path) -> None:
    sheet = SheetSpec("Sheet1", {
        "A1": "填报单位：四川省科协（盖章）",
        "A3": "序号", "B3": "指标", "C3": "数值", "D3": "单位",
        "A4": 1, "B4": "科技志愿者人数", "C4": "3,500", "D4": "人",
        "A5": 2, "B5": "活动场次", "C5": 120, "D5": "场",
        "A6": 3, "B6": "覆盖群众", "C6": 12.5, "D6": "万人次",
        "A7": 4, "B7": "宣传报道", "C7": 40, "D7": "人",
        "A8": 5, "B8": "志愿服务队", "C8": "无", "D8": "支",
        "A9": 6, "B9": "动员科协组织", "D9": "个",  # blank value: nothing is taken from the row below
        "A10": 7, "B10": "备注", "C10": 99,
    })  # fmt: skip
    form = parse(tmp_path, [sheet])
    assert used(form) == {("volunteers", None): 3500, ("events", None): 120, ("beneficiaries", None): 125000,
                          ("volunteer_teams", None): None, ("units_mobilized", None): None}  # fmt: skip
    assert (form.org_name, form.org_cell) == ("四川省科协", "A1")
    assert codes(form) == [("value_wrong_unit", "C7")]  # 40 人 of media reports
    rejected = next(v for v in form.values if v.cell == "C7")
    assert (rejected.role, rejected.value, rejected.metric) == ("rejected", None, "media_reports")


@pytest.mark.parametrize("suffix", FORMATS)
def test_header_row_table(tmp_path: Path, suffix: str) -> None:
    sheet = SheetSpec("Sheet1", {
        "A1": "2023年全国科技工作者日活动情况统计表",
        "A3": "单位名称", "B3": "参与志愿者（人）", "C3": "举办活动\n（场）", "D3": "媒体报道(篇)",
        "E3": "受益群众（人次）", "F3": "联系人", "G3": "联系电话",
        "A4": "吉林市科协", "B4": 800, "C4": 25, "D4": 9, "E4": "3000余", "F4": "李四", "G4": 13912345678,
    })  # fmt: skip
    form = parse(tmp_path, [sheet], suffix)
    assert used(form) == {("volunteers", None): 800, ("events", None): 25, ("media_reports", None): 9,
                          ("beneficiaries", None): 3000}  # fmt: skip
    assert form.org_name == "吉林市科协"
    assert {c.field: c.value for c in form.contacts} == {"contact_name": "李四", "phone": "13912345678"}
    assert form.year_hint == 2023
    assert codes(form) == [("value_approximate", "E4")]  # 吉林市科协 beside 800 is no unmapped label


@pytest.mark.parametrize("suffix", FORMATS)
def test_header_row_table_with_a_blank_figure(tmp_path: Path, suffix: str) -> None:
    """A blank under 志愿服务队 is a blank figure, not the next header (once read as "举办活动")."""
    sheet = SheetSpec("Sheet1", {
        "A2": "填报单位（盖章）", "B2": "西藏自治区科协",
        "A4": "参与志愿者", "B4": " 志愿服务队 ", "C4": "举办活动", "D4": "媒体报道数量（次）",
        "A5": "１７９５", "C5": 220, "D5": "170余",
    })  # fmt: skip
    form = parse(tmp_path, [sheet], suffix)
    assert used(form) == {("volunteers", None): 1795, ("volunteer_teams", None): None,
                          ("events", None): 220, ("media_reports", None): 170}  # fmt: skip
    blank = next(v for v in form.values if v.metric == "volunteer_teams")
    assert (blank.cell, blank.raw_text) == ("B5", "")
    assert "value_not_a_number" not in [c for c, _ in codes(form)]


def _total_sheet(total: object) -> SheetSpec:
    return SheetSpec("S", {
        "A1": "动员农技协数量（个）", "B1": 12, "C1": "开展活动数量（场）", "D1": 30,
        "A2": "动员科技小院数量（个）", "B2": 5, "C2": "开展活动数量（场）", "D2": 8,
        "A3": "合计", "B3": total, "C3": "开展活动数量合计（场）", "D3": 38,
    })  # fmt: skip


def test_total_row_matching_is_a_check_not_a_value(tmp_path: Path) -> None:
    form = parse(tmp_path, [_total_sheet(17)])
    assert used(form)[("units_mobilized", "农技协")] == 12
    totals = {(v.metric, v.cell): v.value for v in form.values if v.role == "total"}
    assert totals == {("units_mobilized", "B3"): 17, ("events", "D3"): 38}
    assert form.issues == []


def test_total_row_mismatch_warns(tmp_path: Path) -> None:
    form = parse(tmp_path, [_total_sheet(20)])
    assert codes(form) == [("total_mismatch", "B3")]
    assert form.issues[0].severity == "warning"


def test_total_row_formula_without_cached_value_warns(tmp_path: Path) -> None:
    form = parse(tmp_path, [_total_sheet("=SUM(B1:B2)")])
    assert codes(form) == [("formula_no_value", "B3")]
    total = next(v for v in form.values if v.cell == "B3")
    assert (total.role, total.value, total.metric) == ("total", None, "units_mobilized")


def test_a_lone_total_is_the_value(tmp_path: Path) -> None:
    form = parse(tmp_path, [SheetSpec("S", {"A1": "志愿者总数", "B1": 900})])
    assert used(form) == {("volunteers", None): 900}


@pytest.mark.parametrize(
    ("label", "raw", "code"),
    [
        ("开展活动数量（场）", "210人", "value_wrong_unit"),
        ("动员科技志愿者数量（人）", -5, "value_negative"),
        ("受益人次", "2亿", "value_too_large"),
        ("动员科技志愿者数量（人）", 20_000_000, "value_too_large"),
        ("媒体报道数量（次）", "很多", "value_not_a_number"),
    ],
)
@pytest.mark.parametrize("suffix", FORMATS)
def test_impossible_values_rejected_with_the_cell(tmp_path: Path, suffix: str, label: str, raw: object,
                                                  code: str) -> None:  # fmt: skip
    form = parse(
        tmp_path,
        [SheetSpec("S", {"B2": label, "C2": raw, "B3": "动员科技志愿服务队数量（支）", "C3": 4})],
        suffix,
    )
    assert codes(form) == [(code, "C2")]
    assert form.issues[0].severity == "error"
    bad = next(v for v in form.values if v.cell == "C2")
    assert (bad.role, bad.value) == ("rejected", None)
    assert used(form) == {("volunteer_teams", None): 4}


def test_no_value_words_are_null_not_zero(tmp_path: Path) -> None:
    form = parse(tmp_path, [SheetSpec("S", {"A1": "媒体报道", "B1": "无", "A2": "受益人次", "B2": "—",
                                            "A3": "开展活动", "B3": 0})])  # fmt: skip
    assert used(form) == {("media_reports", None): None, ("beneficiaries", None): None, ("events", None): 0}
    assert form.issues == []


def test_unmapped_label_kept_and_reported(tmp_path: Path) -> None:
    form = parse(
        tmp_path, [SheetSpec("S", {"A1": "受益人次", "B1": 500, "A2": "培训基层科技人员（人）", "B2": 300})]
    )
    unmapped = [v for v in form.values if v.role == "unmapped"]
    assert [(v.label, v.value, v.metric, v.cell) for v in unmapped] == [
        ("培训基层科技人员（人）", 300, None, "B2")
    ]
    assert codes(form) == [("label_unmapped", "B2")]


@pytest.mark.parametrize(
    ("label", "metric"),
    [
        ("动员科技\n志愿者数量(人)", "volunteers"),
        ("动员科技志愿者数量（人）：", "volunteers"),
        ("媒体报道（篇）", "media_reports"),
        ("受益群众 ( 人次 )", "beneficiaries"),
        ("覆盖群众（人次）", "beneficiaries"),
        ("动员科协组织", "units_mobilized"),
        ("动员 农技协 数量（个）", "units_mobilized"),
        ("志愿者数量", "volunteers"),
        ("二、开展活动场次", "events"),
        ("*动员科技志愿服务队数量【支】", "volunteer_teams"),
    ],
)
def test_label_variants(tmp_path: Path, label: str, metric: str) -> None:
    form = parse(tmp_path, [SheetSpec("S", {"A1": label, "B1": 7})])
    assert [(v.metric, v.value, v.role) for v in form.values] == [(metric, 7, "value")]


def test_label_normalization() -> None:
    assert normalize_label("联 系 人：") == "联系人"
    assert normalize_label("受益人次\n（人次）") == "受益人次(人次)"
    assert normalize_label("\u3000组织单位") == "组织单位"
    assert catalogue().match("志愿者服务时长（小时）") is None


def test_metric_twice_first_wins(tmp_path: Path) -> None:
    form = parse(tmp_path, [SheetSpec("S", {"A1": "受益人次", "B1": 500, "A5": "受益群众", "B5": 700})])
    assert used(form) == {("beneficiaries", None): 500}
    assert codes(form) == [("metric_repeated", "B5")]


def test_inline_value_in_the_label_cell(tmp_path: Path) -> None:
    form = parse(tmp_path, [SheetSpec("S", {"A1": "动员科技志愿者数量：3500人", "A2": "联系人：王五"})])
    assert used(form) == {("volunteers", None): 3500}
    assert form.values[0].cell == "A1"
    assert [(c.field, c.value) for c in form.contacts] == [("contact_name", "王五")]


def test_non_form_workbook(tmp_path: Path) -> None:
    sheet = SheetSpec("名单", {"A1": "姓名", "B1": "年龄", "A2": "张三", "B2": 30, "A3": "李四", "B3": 41})
    form = parse(tmp_path, [sheet])
    assert form.form is None
    assert form.values == []


def test_recommendation_form_is_detected(tmp_path: Path) -> None:
    sheet = SheetSpec("附件2", {"A1": "优秀活动推荐表", "A2": "推荐单位", "B2": "湖南省农技协（盖章）",
                                "A4": "推荐名单", "A5": "序号", "B5": "活动名称", "C5": "举办单位"})  # fmt: skip
    form = parse(tmp_path, [sheet])
    assert form.form == "recommendation"
    assert form.values == []
    assert form.org_name == "湖南省农技协"


def test_summary_wins_over_a_recommendation_sheet(tmp_path: Path) -> None:
    rec = SheetSpec("附件2", {"A1": "优秀活动推荐表", "A2": "推荐单位", "B2": "湖南省农技协"})
    form = parse(tmp_path, [rec, seed000_sheet(SEED000_FILLED, org="湖南省农技协")])
    assert form.form == "summary"
    assert used(form)[("volunteers", None)] == 3500


def _county_table(with_total: bool) -> SheetSpec:
    cells = {
        "A1": "吉林市2024年全国科技工作者日活动情况统计表", "A2": "填报单位：吉林市科协（盖章）",
        "A3": "单位", "B3": "科技志愿者（人）", "C3": "开展活动（场）", "D3": "受益人次",
        "A4": "永吉县科协", "B4": 120, "C4": 5, "D4": "约1.2万",
        "A5": "蛟河市科协", "B5": 80, "C5": 4, "D5": "8000",
    }  # fmt: skip
    if with_total:
        cells |= {"A6": "合计", "B6": 200, "C6": 9, "D6": "2万"}
    return SheetSpec("汇总", cells)


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_table_of_units_counts_its_total_row(tmp_path: Path, suffix: str) -> None:
    """A city's sheet of its counties: the first county is not the city; the 合计 row is."""
    form = parse(tmp_path, [_county_table(with_total=True)], suffix)
    assert used(form) == {("volunteers", None): 200, ("events", None): 9, ("beneficiaries", None): 20000}
    assert {v.cell: v.role for v in form.values if v.cell in ("B4", "C4", "D4")} == dict.fromkeys(
        ("B4", "C4", "D4"), "unmapped"
    )
    assert codes(form) == [("multi_unit_total", "A4")]  # no approximate/total/unmapped noise about B4..D5
    assert "永吉县科协、蛟河市科协" in form.issues[0].message and "第6行" in form.issues[0].message


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_table_of_units_without_total_counts_nothing(tmp_path: Path, suffix: str) -> None:
    form = parse(tmp_path, [_county_table(with_total=False)], suffix)
    assert not [v for v in form.values if v.role == "value" and v.value is not None]
    assert codes(form) == [("multi_unit_no_total", "A4")]
    assert form.issues[0].severity == "error" and form.org_name == "吉林市科协"
