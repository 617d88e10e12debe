"""Notices in the shapes real offices publish them, written here as small .txt files: a university 科协, a
prefecture in its short form, a society, an enterprise, a 科技局, bodies whose place is only in the
letterhead (市科协, 区科学技术协会, 某县科学技术协会), the theme inside a sentence, and text taken out of a PDF
(stray spaces, look-alike characters). Each fact a careful reader takes is checked: year, issuer, level,
region, own 文号 or none, theme, report deadline, issue date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from etl.notices.parse import NoticeRecord, parse_notice
from etl.notices.spacing import tidy_line


def parse(tmp_path: Path, text: str, name: str = "n.txt") -> NoticeRecord:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_notice(path)


def facts(r: NoticeRecord) -> tuple:
    return (r.year, r.issuer, r.level, r.region, r.doc_number, r.theme, r.report_deadline, r.issued_on)


def codes(r: NoticeRecord) -> list[str]:
    return [i.code for i in r.issues if i.code != "notice_field_missing"]


UNIVERSITY = """陕科大科协发〔2025〕5号
关于开展2025年“全国科技工作者日”系列活动的通知
各学院科协分会：
今年5月30日是第九个“全国科技工作者日”。学校科协以“点亮精神火炬”为主题组织开展“最美科技工作者”学习宣传等活动，现将有关事项通知如下。
一、主要活动
（一）科学家精神报告会。邀请院士作报告。
（二）科技志愿服务。组织师生走进中小学。
二、工作要求
请各分会于6月15日前报送活动总结。
陕西科技大学科学技术协会
2025年5月20日
"""


def test_a_university_notice_is_a_unit_of_its_province(tmp_path: Path) -> None:
    r = parse(tmp_path, UNIVERSITY)
    assert facts(r) == (
        2025,
        "陕西科技大学科学技术协会",
        "unit",
        "陕西省",
        "陕科大科协发〔2025〕5号",
        "点亮精神火炬",  # not the other slogan quoted in the same sentence
        date(2025, 6, 15),
        date(2025, 5, 20),
    )
    assert (r.region_code, r.edition) == ("610000", 9)
    assert codes(r) == []


PREFECTURE = """关于开展2024年全国科技工作者日活动的通知
各县（市）科协：
为做好今年的活动，全州各级科协要紧紧围绕“弘扬科学家精神，勇当高水平科技自立自强排头兵”主题，结合实际开展活动。
一、活动时间
5月24—31日
二、主要活动
1. 科技工作者座谈会。
2. 科普进乡村。
三、有关要求
各县（市）科协于6月底前将活动总结报州科协。
延边州科协
2024年5月10日
"""


def test_a_prefecture_in_its_short_form_is_a_city_of_its_province(tmp_path: Path) -> None:
    r = parse(tmp_path, PREFECTURE)
    assert facts(r) == (
        2024,
        "延边州科协",
        "city",
        "延边朝鲜族自治州",
        None,
        "弘扬科学家精神，勇当高水平科技自立自强排头兵",
        date(2024, 6, 30),
        date(2024, 5, 10),
    )
    assert r.region_code == "222400"
    assert (r.period_start, r.period_end) == (date(2024, 5, 24), date(2024, 5, 31))
    assert codes(r) == []


def placeless(issuer: str, theme_sentence: str) -> str:
    return f"""{issuer}关于开展2023年“全国科技工作者日”活动的通知
各有关单位：
{theme_sentence}
一、活动内容
（一）走访慰问科技工作者。
二、总结报送
请于2023年6月12日前报送活动总结。
{issuer}
2023年5月6日
"""


@pytest.mark.parametrize(
    "issuer, level, sentence, theme",
    [
        ("市科协", "city", "今年活动的主题为“创新争先 奋进新征程”。", "创新争先 奋进新征程"),
        ("区科学技术协会", "county", "围绕“科技报国”这一主题，开展系列活动。", "科技报国"),
        ("某县科学技术协会", "county", "活动以“科技报国 创新争先”为主题。", "科技报国 创新争先"),
        ("XX市农村专业技术协会", "city", "主题：“科技兴农”。", "科技兴农"),
    ],
)
def test_an_issuer_whose_place_is_not_written_keeps_its_level_without_a_region(
    tmp_path: Path, issuer: str, level: str, sentence: str, theme: str
) -> None:
    r = parse(tmp_path, placeless(issuer, sentence))
    assert facts(r) == (2023, issuer, level, None, None, theme, date(2023, 6, 12), date(2023, 5, 6))
    assert r.region_code is None
    (warning,) = [i for i in r.issues if i.code == "org_place_unknown"]
    assert warning.severity == "warning" and issuer in warning.message


@pytest.mark.parametrize(
    "issuer, level, region, system",
    [
        ("陕西省农学会", "unit", "陕西省", "科协"),
        ("国网山东省电力公司科学技术协会", "unit", "山东省", "科协"),
        ("河南省人民医院", "unit", "河南省", "科协"),
        ("中国农学会", "national_association", None, "科协"),
        ("中国农村专业技术协会", "national_association", None, "农技协"),
        ("中国科协", "national", None, "科协"),
        ("重庆市科学技术局", "province", "重庆市", "科协"),  # a department speaks for its region
        ("长阳县科协", "county", "长阳土家族自治县", "科协"),
        ("锡林郭勒盟农技协", "city", "锡林郭勒盟", "农技协"),
    ],
)
def test_issuers_are_placed_like_submissions(
    tmp_path: Path, issuer: str, level: str, region: str | None, system: str
) -> None:
    r = parse(tmp_path, placeless(issuer, "活动以“科技报国”为主题。"))
    assert (r.issuers, r.level, r.region, r.reporting_system) == ([issuer], level, region, system)
    assert codes(r) == []


def test_an_ambiguous_issuer_is_not_guessed(tmp_path: Path) -> None:
    r = parse(tmp_path, placeless("朝阳区科协", "活动以“科技报国”为主题。"))
    assert (r.level, r.region, r.region_code) == ("unit", None, None)
    (warning,) = [i for i in r.issues if i.code == "org_ambiguous"]
    assert "北京市朝阳区" in warning.message and "吉林省长春市朝阳区" in warning.message


PDF_TEXT = """中 国 科 协 科 技 部 文 件
科协发宣字〔2022〕 8 号
关于开展2022 年“全国科技 工作者日”活动的通 知
各省、自治区、直辖市科协、科技厅（委、局）：
2022 年 5 月30 日是第 六 个“全国科技工作者日”。今年活动以“创新争先、 自立自强”为主题，在全国范围内组织开展活动。
一、主要活动
（一）科技⼯作者宣传活动。宣传优秀科技⼯作者。
二、工作要求
请于 6 月 底前报送活动总结。
中国科协      科技部
2022 年 4 月 28 日
"""


def test_text_taken_out_of_a_pdf_reads_as_the_word_original(tmp_path: Path) -> None:
    r = parse(tmp_path, PDF_TEXT)
    assert r.title == "关于开展2022年“全国科技工作者日”活动的通知"
    assert facts(r) == (
        2022,
        "中国科协、科技部",
        "national",
        None,
        "科协发宣字〔2022〕8号",
        "创新争先、自立自强",
        date(2022, 6, 30),
        date(2022, 4, 28),
    )
    assert r.edition == 6
    assert r.activities[0].heading == "科技工作者宣传活动"  # ⼯ (a Kangxi radical) read as 工


@pytest.mark.parametrize(
    "written, read",
    [
        ("创新争先、 自立自强", "创新争先、自立自强"),
        ("2022 年 5 月30 日", "2022年5月30日"),
        ("全国科技 工作者日", "全国科技工作者日"),
        ("通 知", "通知"),
        ("第 八 个", "第八个"),
        ("⽇期", "日期"),
        ("创新引领 科技报国", "创新引领 科技报国"),  # two phrases of a theme
        ("Science and Technology Workers' Day", "Science and Technology Workers' Day"),
        ("中国科协      科技部", "中国科协      科技部"),  # a signature's issuers stay apart
        ("\t联 系 人", "\t联系人"),
    ],
)
def test_stray_spaces_go_deliberate_ones_stay(written: str, read: str) -> None:
    assert tidy_line(written) == read


@pytest.mark.parametrize(
    "sentence, theme",
    [
        ("以“点亮精神火炬”为主题组织开展“最美科技工作者”学习宣传活动。", "点亮精神火炬"),
        ("围绕“两个先行”目标，以“点亮精神火炬”为主题开展活动。", "点亮精神火炬"),
        ("紧扣“弘扬科学家精神”主题，开展“科技志愿服务”活动。", "弘扬科学家精神"),
        ("今年活动主题为“科技报国”，口号是“创新争先”。", "科技报国"),
        ("本次活动以“点亮精神\n火炬”为主题。", "点亮精神火炬"),  # a PDF line end inside the theme
    ],
)
def test_a_theme_inside_a_sentence(tmp_path: Path, sentence: str, theme: str) -> None:
    text = f"关于开展2025年全国科技工作者日活动的通知\n{sentence}\n请于6月15日前报送总结。\n"
    assert parse(tmp_path, text).theme == theme


def test_a_sentence_under_the_theme_heading_gives_the_quoted_theme(tmp_path: Path) -> None:
    text = "关于开展2025年全国科技工作者日活动的通知\n一、活动主题\n今年活动以“点亮精神火炬”为主题。\n"
    assert parse(tmp_path, text).theme == "点亮精神火炬"


@pytest.mark.parametrize(
    "line, deadline",
    [
        ("请于6月15日前报送活动总结。", date(2024, 6, 15)),
        ("请于6月底前报送活动总结。", date(2024, 6, 30)),
        ("请于2024 年 6 月 3 日前报送活动总结。", date(2024, 6, 3)),
        ("活动总结报送截止时间：6 月 20 日", date(2024, 6, 20)),
    ],
)
def test_deadlines_with_and_without_a_year(tmp_path: Path, line: str, deadline: date) -> None:
    text = f"关于开展2024年全国科技工作者日活动的通知\n{line}\n"
    assert parse(tmp_path, text).report_deadline == deadline


@pytest.mark.parametrize(
    "period, start, end",
    [
        ("5月24—31日", date(2024, 5, 24), date(2024, 5, 31)),
        ("5月24-6月3日", date(2024, 5, 24), date(2024, 6, 3)),
        ("2024 年 5 月中旬 — 6 月上旬", date(2024, 5, 11), date(2024, 6, 10)),
        ("5月30日前后", date(2024, 5, 23), date(2024, 6, 6)),
    ],
)
def test_periods_without_a_year_or_with_spaces(tmp_path: Path, period: str, start: date, end: date) -> None:
    text = f"关于开展2024年全国科技工作者日活动的通知\n活动时间：{period}\n"
    r = parse(tmp_path, text)
    assert (r.period_start, r.period_end) == (start, end)


FIRST_YEAR = """中国科学技术协会文件
科协发宣字〔2017〕 12 号
中国科协关于开展首个“全国科技工作者日”活动的通知
经党中央、国务院批准，自2017年起，将每年5月30日设立为“全国科技工作者日”。
一、活动主题
创新争先 科技报国
二、有关要求
请于2017年6月30日前将活动总结报送中国科协宣传文化部。
中国科协
2017年5月2日
"""


def test_the_first_campaign_day_without_a_year_in_its_title(tmp_path: Path) -> None:
    r = parse(tmp_path, FIRST_YEAR)
    assert facts(r) == (
        2017,
        "中国科协",
        "national",
        None,
        "科协发宣字〔2017〕12号",
        "创新争先 科技报国",
        date(2017, 6, 30),
        date(2017, 5, 2),
    )
    assert r.edition == 1  # 首个


UNIVERSITY_WEB_PAGE = """西北农林科技大学科学技术协会
关于组织开展2023年全国科技工作者日系列活动的通知
各学院（系、所）、各有关单位：
今年5月30日是第七个全国科技工作者日，学校科协将围绕“创新争先 奋进新征程”这一主题开展系列活动。
一、活动时间
2023年5月20日—6月10日
二、其他
各单位请于6月5日前将活动开展情况报送校科协办公室。
校科协
2023年5月18日
"""


def test_a_letterhead_names_the_issuer_the_signature_only_abbreviates(tmp_path: Path) -> None:
    r = parse(tmp_path, UNIVERSITY_WEB_PAGE)
    assert facts(r) == (
        2023,
        "西北农林科技大学科学技术协会",
        "unit",
        "陕西省",
        None,
        "创新争先 奋进新征程",
        date(2023, 6, 5),
        date(2023, 5, 18),
    )
    assert codes(r) == []


@pytest.mark.parametrize(
    "written",
    ["二〇二二年四月二十八日", "二○二二年四月二十八日", "二Ｏ二二年四月二十八日", "2022 年 4 月 28 日"],
)
def test_signature_dates_as_typed_or_as_a_pdf_gives_them(tmp_path: Path, written: str) -> None:
    text = f"关于开展2022年全国科技工作者日活动的通知\n请于6月底前报送总结。\n吉林省科学技术协会\n{written}\n"
    r = parse(tmp_path, text)
    assert (r.issued_on, r.level, r.region) == (date(2022, 4, 28), "province", "吉林省")


def test_a_deadline_broken_over_two_lines_by_the_page_width(tmp_path: Path) -> None:
    text = (
        "关于开展2022年全国科技工作者日活动的通知\n"
        "四、工作要求\n"
        "各省级科协要认真总结活动经验，做好宣传报道，请于2022年6月\n"
        "15日前将活动总结报送中国科协宣传文化部。\n"
        "中国科协\n"
        "2022年4月28日\n"
    )
    r = parse(tmp_path, text)
    assert (r.report_deadline, r.issued_on) == (date(2022, 6, 15), date(2022, 4, 28))
    assert r.deadlines[0][0].what == "将活动总结报送中国科协宣传文化部"
