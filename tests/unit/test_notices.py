"""The notice parser on the five seed notices (facts written from their texts) and on notices in
other hands: a .docx with a Word table form, other headings, cited 文号 before the own one, nothing at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.issues import InputError
from etl.notices.parse import NoticeRecord, parse_notice
from etl.paths import ROOT, SCHEMA_FILE

SEEDS = ROOT / "data" / "notices"
SCHEMA = (SCHEMA_FILE).read_text(encoding="utf-8")


def seed(prefix: str) -> NoticeRecord:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_notice(path)


def missing(rec: NoticeRecord) -> set[str]:
    return {i.message_en.split('"')[1] for i in rec.issues if i.code == "notice_field_missing"}


def deadlines(rec: NoticeRecord) -> list[tuple[date | None, str, bool]]:
    return [(d.due_date, d.due_text, is_report) for d, is_report in rec.deadlines]


def fields(rec: NoticeRecord, seq: int) -> list[tuple[str, str | None, str | None]]:
    att = next(a for a in rec.attachments if a.seq == seq)
    return [(f.label, f.metric, f.channel) for f in att.fields]


def test_seed_000_nongjixie_joint_action() -> None:
    r = seed("000")
    assert r.title == "关于开展2024年“全国科技工作者日”农技协联合行动的通知"
    assert (r.year, r.edition) == (2024, 8)
    assert r.issuers == ["中国农村专业技术协会"]
    assert (r.level, r.region, r.region_code, r.reporting_system) == (
        "national_association",
        None,
        None,
        "农技协",
    )
    assert r.doc_number is None
    assert r.theme == "弘扬科学家精神，勇当高水平科技自立自强排头兵"
    assert r.period_text == "2024年5月上旬—6月上旬"
    assert (r.period_start, r.period_end) == (date(2024, 5, 1), date(2024, 6, 10))
    assert deadlines(r) == [(date(2024, 6, 15), "6月15日前", True)]
    assert r.report_deadline == date(2024, 6, 15)
    assert r.issued_on == date(2024, 5, 9)
    assert [a.heading for a in r.activities] == [
        "科技工作者宣传活动",
        "科技志愿服务活动",
        "开展“科技·文化 走进科技小院在行动”活动",
    ]
    assert [a.category for a in r.activities[:2]] == ["publicize_workers", "volunteer_service"]
    assert [(a.seq, a.title, a.is_form) for a in r.attachments] == [
        (1, "活动信息汇总表", True),
        (2, "优秀活动推荐表", True),
    ]
    metrics = [(label, m, ch) for label, m, ch in fields(r, 1) if m]
    assert metrics == [
        ("动员农技协数量（个）", "units_mobilized", "农技协"),
        ("开展活动数量（场）", "events", "农技协"),
        ("动员科技小院数量（个）", "units_mobilized", "科技小院"),
        ("开展活动数量（场）", "events", "科技小院"),
        ("动员科普教育基地（个）", "units_mobilized", "科普教育基地"),
        ("开展活动数量（场）", "events", "科普教育基地"),
        ("动员科技志愿者数量（人）", "volunteers", None),
        ("动员科技志愿服务队数量（支）", "volunteer_teams", None),
        ("媒体报道数量（次）", "media_reports", None),
        ("受益人次", "beneficiaries", None),
    ]
    assert {"组织单位", "联系人", "手机", "通讯地址"} <= {label for label, _, _ in fields(r, 1)}
    assert {"推荐单位", "活动名称", "举办单位"} <= {label for label, _, _ in fields(r, 2)}
    (c,) = [c.row() for c in r.contacts]
    assert (c["name"], c["phone"], c["email"]) == ("武文慧", "010-65001928", "zgnjx@cast.org.cn")
    assert c["address"] == "北京市朝阳区白家庄东里13号楼6层"
    for secret in ("武文慧", "65001928", "zgnjx@cast.org.cn", "白家庄"):
        assert secret not in r.full_text
    assert "活动信息汇总表" in r.full_text and "勇当高水平科技自立自强排头兵" in r.full_text
    assert missing(r) == {"document number"}


def test_seed_001_chongqing_own_number_not_the_cited_one() -> None:
    r = seed("001")
    assert r.title == "关于开展2024年“全国科技工作者日”活动的通知"
    assert (r.year, r.edition) == (2024, 8)
    assert r.issuers == ["重庆市科学技术协会", "重庆市科学技术局"]
    assert (r.level, r.region, r.region_code, r.reporting_system) == ("province", "重庆市", "500000", "科协")
    assert r.doc_number == "渝科协发〔2024〕23号"
    assert r.theme == "弘扬科学家精神，勇当高水平科技自立自强排头兵"
    assert (r.period_start, r.period_end) == (date(2024, 5, 1), date(2024, 6, 10))
    assert deadlines(r) == [(date(2024, 6, 20), "6月20日前", True)]
    assert r.issued_on is None  # the signature has no date
    assert [a.heading for a in r.activities] == [
        "学习宣传贯彻习近平新时代中国特色社会主义思想",
        "科技工作者宣传活动",
        "“弘扬科学家精神”系列展览",
        "“唱响科学家精神”主题活动",
        "科技志愿服务活动",
        "为科技工作者办实事活动",
    ]
    assert [a.category for a in r.activities] == [
        "ideological_guidance",
        "publicize_workers",
        "scientist_spirit",
        "scientist_spirit",
        "volunteer_service",
        "care_and_service",
    ]
    assert "要围绕主题" not in r.activities[-1].body  # the closing call is nobody's item
    assert r.attachments == []
    assert [(c.row()["org"], c.row()["phone"]) for c in r.contacts] == [
        ("市科协", "63658923"),
        ("市科技局", "67513757"),
    ]
    assert r.contacts[0].row()["email"] == "skxzrb@foxmail.com"
    for secret in ("谢老师", "63658923", "67513757", "skxzrb@foxmail.com"):
        assert secret not in r.full_text
    assert missing(r) == {"issue date"}


def test_seed_002_jilin_city_not_province() -> None:
    r = seed("002")
    assert r.title == "关于印发《2024年吉林市“全国科技工作者日”活动方案》的通知"
    assert r.issuers == ["吉林市科学技术协会", "吉林市科学技术局"]
    assert (r.level, r.region, r.region_code) == ("city", "吉林市", "220200")
    assert r.doc_number == "吉市科协联发〔2024〕3号"
    assert (r.year, r.edition, r.theme) == (2024, 8, "弘扬科学家精神，勇当高水平科技自立自强排头兵")
    assert (r.period_start, r.period_end) == (date(2024, 5, 1), date(2024, 6, 10))
    assert deadlines(r) == [(date(2024, 6, 10), "6月10日前", True)]
    assert r.issued_on is None
    assert [a.heading for a in r.activities] == [
        "“全国科技工作者日”主场活动",
        "科学家精神展览展示活动",
        "科技工作者学习宣传活动",
        "科技志愿服务活动",
        "其他主题活动",
    ]
    assert "吉化科技创新故事" in r.activities[0].body  # a line broken over a blank line joins up
    assert [a.category for a in r.activities[1:4]] == [
        "scientist_spirit",
        "publicize_workers",
        "volunteer_service",
    ]
    assert [(c.row()["org"], c.row()["name"]) for c in r.contacts] == [
        ("市科协组宣部", "初诗兵"),
        ("市科技局人才处", "刘春龙"),
    ]
    for secret in ("初诗兵", "刘春龙", "0432-66550808", "424229119@qq.com", "skx303@126.com"):
        assert secret not in r.full_text


def test_seed_003_national_2022() -> None:
    r = seed("003")
    assert r.title == "中国科协 科技部关于开展2022年“全国科技工作者日”活动的通知"
    assert (r.year, r.edition) == (2022, 6)
    assert r.issuers == ["中国科协", "科技部"]
    assert (r.level, r.region, r.reporting_system) == ("national", None, "科协")
    assert r.doc_number is None
    assert r.theme == "创新争先、自立自强"
    assert (r.period_text, r.period_start, r.period_end) == (
        "2022年5月中旬-6月上旬",
        date(2022, 5, 11),
        date(2022, 6, 10),
    )
    assert deadlines(r) == [(date(2022, 6, 30), "6月底前", True)]
    assert r.issued_on == date(2022, 4, 28)  # not the 4月29日印发 line
    assert len(r.activities) == 7
    assert r.activities[3].heading == "弘扬科学家精神系列活动"
    assert r.activities[3].category == "scientist_spirit"
    assert r.activities[4].category == "volunteer_service"
    rows = [c.row() for c in r.contacts]
    assert [(c["org"], c["name"]) for c in rows] == [
        ("中国科协宣传文化部", "孟令耘"),
        ("科技部人才与科普司", "杨启明"),
    ]
    assert rows[0]["fax"] == "（010）68572088" and rows[1]["email"] == "yangqm@most.cn"
    for secret in ("孟令耘", "杨启明", "68574158", "yangqm@most.cn", "复兴路3号"):
        assert secret not in r.full_text
    assert missing(r) == {"document number"}


def test_seed_004_modules_phases_two_deadlines() -> None:
    r = seed("004")
    assert r.title == "中国科协办公厅关于印发《2021年“全国科技工作者日”活动实施方案》的通知"
    assert (r.year, r.edition) == (2021, 5)
    assert r.issuers == ["中国科协办公厅"]
    assert (r.level, r.doc_number) == ("national", None)
    assert r.theme == "众心向党，自立自强"
    assert (r.period_start, r.period_end) == (date(2021, 5, 10), date(2021, 6, 30))
    assert r.issued_on == date(2021, 4, 23)
    assert deadlines(r) == [(date(2021, 5, 10), "5月10日前", False), (date(2021, 6, 30), "6月底前", True)]
    assert "筹备方案" in r.deadlines[0][0].what and "总结报告" in r.deadlines[1][0].what
    assert r.report_deadline == date(2021, 6, 30)
    modules = [a for a in r.activities if a.section == "基本架构"]
    assert [(a.heading, a.category) for a in modules] == [
        ("团结引领", "ideological_guidance"),
        ("建家办事", "care_and_service"),
        ("为民服务", "volunteer_service"),
        ("开放合作", "open_cooperation"),
        ("表彰发布", "awards"),
    ]
    phases = [a for a in r.activities if a.section == "阶段性安排"]
    assert [a.heading for a in phases] == [
        "第一阶段（5月10日-25日）",
        "第二阶段（5月26日-6月5日）",
        "第三阶段（6月6日-6月30日）",
    ]
    (att,) = r.attachments
    assert (att.seq, att.title, att.is_form) == (
        1,
        "2021年“全国科技工作者日”特色亮点活动筹备方案（样表）",
        True,
    )
    labels = [label for label, _, _ in fields(r, 1)]
    assert {"主办单位名称", "主题活动模块", "拟举办时间", "预计活动规模", "报送时间"} <= set(labels)
    assert not any("（）" in label for label in labels)  # choices are not fields
    rows = [c.row() for c in r.contacts]
    assert [(c["org"], c["name"]) for c in rows] == [
        ("中国科协培训和人才服务中心", "田鹏、郑叶霞"),
        ("中国科协组织人事部", "付震宇、宋维嘉"),
    ]
    assert "田鹏" not in r.full_text and "68586651" not in r.full_text


def test_table_rows_have_exactly_the_schema_columns() -> None:
    import re

    for path in sorted(SEEDS.glob("*.txt")):
        for table, rows in parse_notice(path).table_rows().items():
            block = re.search(rf"CREATE TABLE {table} \((.*?)\n\);", SCHEMA, re.S).group(1)
            columns = {
                line.split()[0]
                for line in block.splitlines()
                if line.strip() and not line.strip().startswith("--")
            }
            for row in rows:
                assert set(row) == columns, table


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


OTHER_HAND = """广东省科学技术协会关于举办2023年全国科技工作者日系列活动的通知

各地级以上市科协，省级学会：
今年5月30日是第七个全国科技工作者日。现就有关活动通知如下。
一、活动主题：创新引领 科技报国
二、时间安排：2023年5月20日至6月10日
三、重点活动
1. 走访慰问一线科技工作者。各地科协要看望慰问老科学家和一线科技工作者，为科技工作者办实事。
2. 科普展览进社区。依托科技馆举办科普展览。
3. 国际学术交流。举办中外青年科学家交流会，推动开放合作。
四、材料报送
请于2023年6月12日前报送活动总结及活动信息汇总表。活动报名请于5月15日前完成。
联系人：张三，联系电话：020-83561234，邮箱：zhangsan@gdast.org.cn

广东省科学技术协会
二〇二三年五月八日
"""


def test_other_hand_theme_after_colon_full_date_deadline(tmp_path: Path) -> None:
    r = parse_notice(write(tmp_path, "gd2023.txt", OTHER_HAND, "gb18030"))  # GBK-family encoding
    assert r.title == "广东省科学技术协会关于举办2023年全国科技工作者日系列活动的通知"
    assert (r.year, r.edition, r.issuers) == (2023, 7, ["广东省科学技术协会"])
    assert (r.level, r.region, r.region_code) == ("province", "广东省", "440000")
    assert r.theme == "创新引领 科技报国"
    assert (r.period_start, r.period_end) == (date(2023, 5, 20), date(2023, 6, 10))
    assert deadlines(r) == [
        (date(2023, 6, 12), "2023年6月12日前", True),
        (date(2023, 5, 15), "5月15日前", False),
    ]
    assert r.report_deadline == date(2023, 6, 12)
    assert r.issued_on == date(2023, 5, 8)
    assert [(a.heading, a.category) for a in r.activities] == [
        ("走访慰问一线科技工作者", "care_and_service"),
        ("科普展览进社区", "science_popularization"),
        ("国际学术交流", "open_cooperation"),
    ]
    (c,) = [c.row() for c in r.contacts]
    assert (c["name"], c["phone"], c["email"]) == ("张三", "020-83561234", "zhangsan@gdast.org.cn")
    assert "张三" not in r.full_text and "83561234" not in r.full_text
    assert missing(r) == {"document number"}


def test_utf8_bom_and_colon_theme_line(tmp_path: Path) -> None:
    text = "关于开展2024年科技工作者日活动的通知\n节日主题：科技强国\n请于6月底前报送总结。\n"
    r = parse_notice(write(tmp_path, "bom.txt", "\ufeff" + text))
    assert (r.title, r.theme, r.report_deadline) == (
        "关于开展2024年科技工作者日活动的通知",
        "科技强国",
        date(2024, 6, 30),
    )


def test_own_number_after_cited_ones(tmp_path: Path) -> None:
    text = """关于转发2023年“全国科技工作者日”活动通知的通知
根据《关于开展2023年“全国科技工作者日”活动的通知》（科协发宣字〔2023〕10号）和
省科协（黑科协发〔2023〕3号）要求，现将有关事项通知如下。
一、活动主题
科技报国
哈尔滨市科学技术协会
哈科协发〔2023〕12号
2023年5月8日
"""
    r = parse_notice(write(tmp_path, "hrb.txt", text))
    assert r.doc_number == "哈科协发〔2023〕12号"
    assert (r.level, r.region) == ("city", "哈尔滨市")


def test_other_headings_weekday_deadline_and_around_period(tmp_path: Path) -> None:
    text = """关于开展2023年全国科技工作者日活动的
通知
（一）活动主题
“科技报国 创新争先”
（二）活动时间：5月30日前后
二、活动内容
1．科技志愿服务进乡村。组织科技志愿者下乡。
2．最美科技工作者宣传。宣传优秀科技工作者典型事迹。
三、工作要求
请各单位于6月12日（星期一）前将活动总结报送市科协。
"""
    r = parse_notice(write(tmp_path, "other.txt", text))
    assert r.title == "关于开展2023年全国科技工作者日活动的通知"
    assert r.theme == "科技报国 创新争先"
    assert (r.period_start, r.period_end) == (date(2023, 5, 23), date(2023, 6, 6))
    assert [a.category for a in r.activities] == ["volunteer_service", "publicize_workers"]
    assert deadlines(r) == [(date(2023, 6, 12), "6月12日（星期一）前", True)]


def test_number_cited_in_running_text_is_not_the_own(tmp_path: Path) -> None:
    text = "关于开展2023年活动的通知\n按照科协发宣字〔2023〕10号文件要求，开展活动。\n"
    assert parse_notice(write(tmp_path, "cite.txt", text)).doc_number is None


def test_notice_with_none_of_the_fields(tmp_path: Path) -> None:
    r = parse_notice(write(tmp_path, "blank.txt", "这是一段与活动无关的文字。\n没有标题，没有日期。\n"))
    row = r.table_rows()["notices"][0]
    for column in (
        "year",
        "edition",
        "title",
        "issuer",
        "level",
        "region",
        "doc_number",
        "theme",
        "period_text",
        "period_start",
        "period_end",
        "report_deadline",
        "issued_on",
    ):
        assert row[column] is None, column
    assert missing(r) == {
        "title",
        "year",
        "edition",
        "issuer",
        "level",
        "document number",
        "theme",
        "period",
        "report deadline",
        "issue date",
        "activities",
    }
    assert all(i.severity == "warning" for i in r.issues)
    assert row["full_text"].startswith("这是一段")


def test_docx_notice_with_a_table_form(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("渝科协发〔2025〕7号")
    doc.add_paragraph("关于开展2025年“全国科技工作者日”活动的通知")
    doc.add_paragraph("今年5月30日是第九个“全国科技工作者日”。")
    for line in (
        "一、活动主题",
        "科技创新 人才先行",
        "二、活动时间",
        "2025年5月中旬—6月中旬",
        "三、主要活动",
        "（一）科技志愿服务活动。组织科技志愿者开展服务。",
        "（二）表彰发布。评选表彰优秀科技工作者。",
        "四、工作要求",
        "请于6月20日前报送活动总结和活动信息汇总表（附件1）。",
        "附件：1.活动信息汇总表",
        "重庆市科学技术协会",
        "2025年5月6日",
        "附件1",
        "活动信息汇总表",
    ):
        doc.add_paragraph(line)
    table = doc.add_table(rows=4, cols=4)
    cells = [
        ["填报单位", "（盖章）", "联系人", ""],
        ["动员科技志愿者数量（人）", "", "媒体报道数量（次）", ""],
        ["动员科技小院数量（个）", "", "开展活动数量（场）", ""],
        ["受益人次", "", "", ""],
    ]
    for r_i, row in enumerate(cells):
        for c_i, text in enumerate(row):
            table.cell(r_i, c_i).text = text
    path = tmp_path / "cq2025.docx"
    doc.save(str(path))

    r = parse_notice(path)
    assert (r.notice_id, r.source_file) == ("cq2025", "cq2025.docx")
    assert (r.year, r.edition, r.doc_number) == (2025, 9, "渝科协发〔2025〕7号")
    assert (r.level, r.region, r.issuers) == ("province", "重庆市", ["重庆市科学技术协会"])
    assert r.theme == "科技创新 人才先行"
    assert (r.period_start, r.period_end) == (date(2025, 5, 11), date(2025, 6, 20))
    assert (r.report_deadline, r.issued_on) == (date(2025, 6, 20), date(2025, 5, 6))
    assert [(a.heading, a.category) for a in r.activities] == [
        ("科技志愿服务活动", "volunteer_service"),
        ("表彰发布", "awards"),
    ]
    assert [(a.seq, a.title, a.is_form) for a in r.attachments] == [(1, "活动信息汇总表", True)]
    assert [(label, m, ch) for label, m, ch in fields(r, 1) if m] == [
        ("动员科技志愿者数量（人）", "volunteers", None),
        ("媒体报道数量（次）", "media_reports", None),
        ("动员科技小院数量（个）", "units_mobilized", "科技小院"),
        ("开展活动数量（场）", "events", "科技小院"),
        ("受益人次", "beneficiaries", None),
    ]
    assert {"填报单位", "联系人"} <= {label for label, _, _ in fields(r, 1)}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("garbage.docx", bytes(range(256)) * 8),
        ("fake.docx", b"PK\x03\x04" + b"\x00" * 200),
        ("binary.txt", b"\x00\x01\x02\xff" * 100),
        ("empty.txt", b""),
    ],
)
def test_unreadable_files_raise_notice_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        parse_notice(path)
    assert info.value.reason_zh and info.value.reason_en


def test_loader_turns_an_unreadable_notice_into_one_error(tmp_path: Path) -> None:
    from etl.notices.collect import load_notices

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    (good,) = SEEDS.glob("003_*.txt")
    tables, issues = load_notices([bad, good])
    assert len(tables["notices"]) == 1
    errors = [i for i in issues if i["severity"] == "error"]
    assert [(i["source_file"], i["code"]) for i in errors] == [("bad.docx", "notice_unreadable")]


@pytest.mark.parametrize(
    ("line", "theme"),
    [
        ("一、活动主题：创新争先 奋进“两个先行”", "创新争先 奋进“两个先行”"),
        ("活动主题：“弘扬科学家精神”", "弘扬科学家精神"),
        ("活动主题：“科技报国”与“创新争先”", "“科技报国”与“创新争先”"),
    ],
)
def test_theme_keeps_its_inner_quotes(tmp_path: Path, line: str, theme: str) -> None:
    text = f"关于开展2023年全国科技工作者日活动的通知\n{line}\n请于6月底前报送总结。\n"
    assert parse_notice(write(tmp_path, "q.txt", text)).theme == theme
