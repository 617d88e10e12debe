"""Every prefecture- and county-level division of regions.csv, by its full name and its everyday short forms.

The cases are generated here from the CSV rows, with the naming rules written out independently of the
code: an autonomous prefecture is also written short name + 州 (延边朝鲜族自治州 -> 延边州), an autonomous
county short name + 县 / 自治县, an autonomous banner short name + 旗 / 自治旗. A form that names one
division only must land on it (level, province, city); a form shared by several must not be guessed: it is
unmatched, lists the divisions it may mean, and the warning says so; the parent written before it decides.
"""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from etl.orgs.match import match_org, org_issue
from etl.paths import REFERENCE_DIR

with open(REFERENCE_DIR / "regions.csv", encoding="utf-8", newline="") as _fh:
    ROWS = list(csv.DictReader(line for line in _fh if not line.startswith("#")))
BY_CODE = {r["code"]: r for r in ROWS}
DIVISIONS = [r for r in ROWS if r["level"] in ("city", "county")]
ENDINGS = {"自治州": ["州"], "自治县": ["县", "自治县"], "自治旗": ["旗", "自治旗"]}


def level_word_forms(row: dict[str, str]) -> list[str]:
    for ending, words in ENDINGS.items():
        if row["name"].endswith(ending) and row["short_name"] != row["name"]:
            return [row["short_name"] + w for w in words]
    return []


def chain(row: dict[str, str]) -> list[dict[str, str]]:
    out = [row]
    while out[-1]["parent_code"]:
        out.append(BY_CODE[out[-1]["parent_code"]])
    return out[::-1]


def full_chain(row: dict[str, str]) -> str:
    return "".join(r["name"] for r in chain(row))


# written form -> codes of every division (any level) that may be written so, short forms included
NAMED: dict[str, set[str]] = defaultdict(set)
for _r in ROWS:
    for _form in [_r["name"], _r["short_name"], *_r["aliases"].split("|"), *level_word_forms(_r)]:
        if len(_form) >= 2:
            NAMED[_form].add(_r["code"])


def placed(row: dict[str, str], name: str) -> tuple:
    m = match_org(name)
    code = m.county_code if row["level"] == "county" else m.city_code
    return m.org_level, code, m.province_code, m.city_code if row["level"] == "county" else None


def expected(row: dict[str, str]) -> tuple:
    city = next((r["code"] for r in chain(row) if r["level"] == "city"), None)
    return row["level"], row["code"], row["province_code"], city if row["level"] == "county" else None


def check_alone(row: dict[str, str], form: str, wrong: list[str]) -> None:
    """`form` + 科协: exactly this division when the form names only it; else not guessed."""
    name = form + "科协"
    sharers = NAMED[form] - {row["code"]}
    if not sharers:
        if placed(row, name) != expected(row):
            wrong.append(f"{name}: {placed(row, name)} != {expected(row)}")
        return
    m = match_org(name)
    provinces = [c for c in sharers if BY_CODE[c]["level"] == "province"]
    if provinces:  # 吉林 / 海南: a province's short form means the province
        ok = (m.org_level, m.province_code) == ("province", provinces[0])
    elif all(row["code"] in {a["code"] for a in chain(BY_CODE[c])} for c in sharers):
        ok = placed(row, name) == expected(row)  # 长沙 -> 长沙市, not 长沙县 inside it
    else:
        ok = not m.matched and m.province is None and full_chain(row) in m.candidates
        it = org_issue(m)
        ok = ok and it is not None and it.code == "org_ambiguous" and full_chain(row) in it.message
    if not ok:
        wrong.append(f"{name} (shared with {sorted(sharers)}): {m}")


@pytest.mark.parametrize("level", ["city", "county"])
def test_every_division_by_full_name_and_level_word_form(level: str) -> None:
    wrong: list[str] = []
    rows = [r for r in DIVISIONS if r["level"] == level]
    for row in rows:
        for form in [row["name"], *level_word_forms(row)]:
            check_alone(row, form, wrong)
    assert wrong == [], f"{len(wrong)} of {len(rows)}: {wrong[:20]}"


def test_every_prefecture_by_its_short_name() -> None:
    wrong: list[str] = []
    for row in (r for r in DIVISIONS if r["level"] == "city" and r["short_name"] != r["name"]):
        check_alone(row, row["short_name"], wrong)
    assert wrong == [], wrong[:20]


def test_every_division_after_its_parent() -> None:
    """The parent written before a name decides what the name alone cannot (长春市朝阳区, 新疆巴州)."""
    wrong: list[str] = []
    for row in DIVISIONS:
        parent = BY_CODE[row["parent_code"]]
        for form in [row["name"], *level_word_forms(row)]:
            for before in (parent["name"], full_chain(parent)):
                if placed(row, before + form + "科学技术协会") != expected(row):
                    wrong.append(before + form)
    assert wrong == [], f"{len(wrong)}: {wrong[:20]}"


def test_every_county_by_short_name_after_its_parent() -> None:
    """重庆渝中, 吉林永吉: a county's bare short name counts right after its parent (short or full)."""
    wrong: list[str] = []
    for row in (r for r in DIVISIONS if r["level"] == "county" and r["short_name"] != r["name"]):
        parent = BY_CODE[row["parent_code"]]
        siblings = [
            r
            for r in ROWS
            if r["parent_code"] == parent["code"] and row["short_name"] in (r["short_name"], r["name"])
        ]
        if len(siblings) > 1:
            continue  # two children of one parent share the short name: the full name is needed
        if placed(row, parent["name"] + row["short_name"] + "科协") != expected(row):
            wrong.append(parent["name"] + row["short_name"])
    assert wrong == [], f"{len(wrong)}: {wrong[:20]}"


@pytest.mark.parametrize(
    "name, level, province, city",
    [
        ("延边州科协", "city", "吉林省", "延边朝鲜族自治州"),
        ("延边朝鲜族自治州科学技术协会", "city", "吉林省", "延边朝鲜族自治州"),
        ("恩施州科协", "city", "湖北省", "恩施土家族苗族自治州"),
        ("黔东南州农技协", "city", "贵州省", "黔东南苗族侗族自治州"),
        ("海南州科协", "city", "青海省", "海南藏族自治州"),
        ("大兴安岭地区科协", "city", "黑龙江省", "大兴安岭地区"),
        ("阿克苏地区科学技术协会", "city", "新疆维吾尔自治区", "阿克苏地区"),
        ("锡林郭勒盟科协", "city", "内蒙古自治区", "锡林郭勒盟"),
        ("博州科协", "city", "新疆维吾尔自治区", "博尔塔拉蒙古自治州"),
        ("长阳县科协", "county", "湖北省", "宜昌市"),
        ("长阳自治县科协", "county", "湖北省", "宜昌市"),
        ("喀左县科协", "county", "辽宁省", "朝阳市"),
        ("鄂温克旗科协", "county", "内蒙古自治区", "呼伦贝尔市"),
        ("莫旗科协", "county", "内蒙古自治区", "呼伦贝尔市"),
    ],
)
def test_everyday_names(name: str, level: str, province: str, city: str) -> None:
    m = match_org(name)
    assert (m.org_level, m.province, m.city, m.matched) == (level, province, city, True)
    assert org_issue(m) is None


def test_the_same_prefecture_has_one_key_in_every_form() -> None:
    keys = {
        match_org(n).org_key for n in ("延边州科协", "延边朝鲜族自治州科协", "延边科协", "吉林省延边州科协")
    }
    assert keys == {"科协|city|222400"}


@pytest.mark.parametrize(
    "name, candidates",
    [
        ("朝阳区科协", {"北京市朝阳区", "吉林省长春市朝阳区"}),
        ("巴州科协", {"四川省巴中市巴州区", "新疆维吾尔自治区巴音郭楞蒙古自治州"}),
        (
            "鼓楼区科协",
            {"江苏省南京市鼓楼区", "福建省福州市鼓楼区", "河南省开封市鼓楼区", "江苏省徐州市鼓楼区"},
        ),
    ],
)
def test_an_ambiguous_name_is_a_warning_not_a_guess(name: str, candidates: set[str]) -> None:
    m = match_org(name)
    assert (m.matched, m.org_level, m.province, m.city, m.county) == (False, "unit", None, None, None)
    assert set(m.candidates) == candidates
    it = org_issue(m, "Sheet1", "B3")
    assert (it.code, it.severity, it.sheet, it.cell) == ("org_ambiguous", "warning", "Sheet1", "B3")
    assert all(c in it.message and c in it.message_en for c in candidates)


@pytest.mark.parametrize(
    "name, province",
    [
        ("陕西科技大学科学技术协会", "陕西省"),
        ("陕西师范大学科协", "陕西省"),
        ("西安交通大学科学技术协会", "陕西省"),
        ("吉林农业大学科协", "吉林省"),
        ("延边大学科协", "吉林省"),
        ("长春理工大学科协", "吉林省"),
        ("山东省农业科学院", "山东省"),
        ("四川省农业科学院科协", "四川省"),
        ("广东省科学院", "广东省"),
        ("河南省人民医院", "河南省"),
        ("湖南省肿瘤医院科协", "湖南省"),
        ("陕西煤业化工集团有限责任公司科协", "陕西省"),
        ("国网山东省电力公司科协", "山东省"),
        ("云南白药集团股份有限公司科协", "云南省"),
        ("浙江省农学会", "浙江省"),
        ("延边州农业科学院", "吉林省"),
        ("中国科学院成都生物研究所", "四川省"),
    ],
)
def test_units_named_after_a_place_are_units_of_its_province(name: str, province: str) -> None:
    m = match_org(name)
    assert (m.org_level, m.province, m.matched) == ("unit", province, True), m
    assert org_issue(m) is None


@pytest.mark.parametrize(
    "name",
    [
        "中国科协",
        "中国科学技术协会",
        "中国农技协",
        "中国农村专业技术协会",
        "中国农学会",
        "中华医学会",
        "科技部",
    ],
)
def test_national_bodies_are_national(name: str) -> None:
    m = match_org(name)
    assert (m.org_level, m.province, m.matched) == ("national", None, True)
    assert org_issue(m) is None


@pytest.mark.parametrize(
    "name, level, level_zh",
    [
        ("市科协", "city", "市级"),
        ("市科学技术协会", "city", "市级"),
        ("区科学技术协会", "county", "县级"),
        ("某县科学技术协会", "county", "县级"),
        ("XX市农技协", "city", "市级"),
        ("本市科协", "city", "市级"),
        ("州科协", "city", "市级"),
        ("旗科协", "county", "县级"),
        ("自治县科学技术协会", "county", "县级"),
        ("自治州科协", "city", "市级"),
        ("省科协", "province", "省级"),
    ],
)
def test_a_body_named_by_its_level_word_alone(name: str, level: str, level_zh: str) -> None:
    m = match_org(name)
    assert (m.org_level, m.province, m.city, m.county, m.matched, m.placeless) == (
        level, None, None, None, False, True,
    )  # fmt: skip
    it = org_issue(m)
    assert (it.code, it.severity) == ("org_place_unknown", "warning")
    assert name in it.message and level_zh in it.message


@pytest.mark.parametrize("name", ["市", "县", "市场监督管理局", "区块链协会", "州立大学"])
def test_level_words_inside_other_names_are_not_placeless_bodies(name: str) -> None:
    assert match_org(name).placeless is False
