"""Organization -> region, level and channel (data contract, "Organizations and regions").

Public API (used by the ETL loader, the notice parser and the dashboard):
- `Region`, `load_regions()`, `region_by_code(code)`, `find_region(text)`, `province_names()`,
  `macro_regions()` (re-exported from etl/orgs/regions.py);
- `match_org(name) -> OrgMatch`;
- `org_issue(match) -> Issue | None`: the warning for a name placed in no region (submissions and
  notices say the same thing about the same name).

How a name is read, in order (rules and word lists in data/reference/org_rules.yaml, units.csv):
1. A known university / institute (units.csv, longest name or alias contained) -> `unit` of its province.
2. Region names from the start (广东省 / 广东 / 吉林市 / 重庆市渝中区 / 新疆生产建设兵团): if the rest is the
   region's own 科协 / 科学技术协会 / 农技协 / 农村专业技术协会 (or nothing), the level is the region's;
   anything else (四川大学科协 is caught by 1; 广东省农学会, 广东省人民医院) is a `unit` of that province.
   An ambiguous first name (朝阳区, 鼓楼区 with no province or city before it) is unmatched, never guessed:
   `candidates` lists what it may mean. Everyday forms (延边州, 长阳县) count as names (etl/orgs/names.py).
   A body named by its level word alone (市科协, 某县科协) has that level, no region, and `placeless`.
3. A central body (units.csv kind central) or a name starting with 中国/全国/中华/国家/中央 is `national`,
   unless it has a unit word and names a region (中国科学院大连化学物理研究所 -> unit of 辽宁省).
4. Otherwise a region named anywhere (国网四川省电力公司) -> `unit` of its province; else unmatched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from etl.issues import Issue, issue
from etl.orgs.regions import (
    Region,
    ancestors,
    find_region,
    leading_regions,
    load_regions,
    macro_regions,
    province_names,
    region_by_code,
)
from etl.reference import load_yaml, read_csv

__all__ = [
    "OrgMatch",
    "Region",
    "find_region",
    "load_regions",
    "macro_regions",
    "match_org",
    "org_issue",
    "province_names",
    "region_by_code",
]

SEAL_RE = re.compile(r"[（(]\s*盖\s*章\s*[)）]|盖\s*章")
SPACE_RE = re.compile(r"[\s\u3000\xa0]+")
EDGE_PUNCT = " :：,，.。;；、-—_|/"


@dataclass(frozen=True)
class OrgMatch:
    org_name: str  # as written, cleaned of 盖章 marks and spaces
    org_key: str  # identity for the duplicate rule: <system>|<level>|<region code or normalized name>
    org_level: str  # national | province | city | county | unit
    reporting_system: str  # 科协 | 农技协
    province: str | None
    province_code: str | None
    city: str | None
    city_code: str | None
    county: str | None
    county_code: str | None
    matched: bool
    # An ambiguous region name (朝阳区科协): the full names of the divisions it may mean, nothing guessed.
    candidates: tuple[str, ...] = ()
    # A body named by its level word alone (市科协): the level is known, the place is not.
    placeless: bool = False
    # A region's government department (重庆市科学技术局): a `unit` for submissions; a notice it issues
    # speaks for its region (etl/notices/issuers.py).
    department: bool = False


@dataclass(frozen=True)
class _Unit:
    name: str
    province: str | None
    kind: str


@cache
def _rules() -> dict:
    return load_yaml("org_rules.yaml")


@cache
def _units() -> tuple[dict[str, _Unit], tuple[str, ...]]:
    """Normalized name or alias -> unit, and the forms longest first (for "longest contained" lookups)."""
    forms: dict[str, _Unit] = {}
    for row in read_csv("units.csv"):
        unit = _Unit(_fold(row["name"]), row["province"] or None, row["kind"])
        for form in [row["name"], *row["aliases"].split("|")]:
            if form:
                forms[_fold(form)] = unit
    return forms, tuple(sorted(forms, key=len, reverse=True))


@cache
def _province_by_name() -> dict[str, Region]:
    return {r.name: r for r in load_regions() if r.level == "province"}


def _fold(text: str) -> str:
    """Full-width letters, digits and brackets to half-width (NFKC), so （北京） == (北京)."""
    return unicodedata.normalize("NFKC", text)


def clean_org_name(name: str) -> str:
    """Strip （盖章）/(盖章)/盖章, whitespace (full-width too) and a leading field label."""
    text = SPACE_RE.sub("", SEAL_RE.sub("", str(name or "")))
    for label in _rules()["label_prefixes"]:
        if text.startswith(label) and text[len(label) : len(label) + 1] in (":", "："):
            text = text[len(label) + 1 :]
    return text.strip(EDGE_PUNCT)


def _system(name: str) -> str:
    return "农技协" if any(m in name for m in _rules()["nongjixie_markers"]) else "科协"


def _key_name(name: str) -> str:
    text = _fold(name)
    for written, canonical in _rules()["key_synonyms"].items():
        text = text.replace(written, canonical)
    return text


def _is_body(rest: str) -> bool:
    """True when `rest` is the region's own 科协/农技协 (or empty: the region's name alone)."""
    if not rest:
        return True
    rules = _rules()
    for suffix in (s for forms in rules["body_suffixes"].values() for s in forms):
        if rest.startswith(suffix):
            tail = rest[len(suffix) :]
            return not tail or tail in rules["body_departments"]
    return False


def _is_department(rest: str) -> bool:
    """True when `rest` (after the region's name) is one of its government departments (科学技术局 …)."""
    rules = _rules()
    for word in rules["government_departments"]:
        if rest.startswith(word):
            return rest[len(word) :] in ("", *rules["body_departments"])
    return False


def _known_unit(folded: str) -> tuple[_Unit, str] | None:
    forms, ordered = _units()
    for form in ordered:
        if form in folded:
            return forms[form], form
    return None


def _places(region: Region | None) -> dict[str, str | None]:
    out: dict[str, str | None] = dict.fromkeys(
        ("province", "province_code", "city", "city_code", "county", "county_code")
    )
    for r in ancestors(region.code) if region else ():
        out[r.level] = r.name
        out[f"{r.level}_code"] = r.code
    return out


def _result(
    name: str,
    system: str,
    level: str,
    key: str,
    region: Region | None,
    matched: bool = True,
    candidates: tuple[Region, ...] = (),
    placeless: bool = False,
    department: bool = False,
) -> OrgMatch:
    return OrgMatch(
        org_name=name,
        org_key=f"{system}|{level}|{key}",
        org_level=level,
        reporting_system=system,
        matched=matched,
        candidates=tuple(dict.fromkeys("".join(r.name for r in ancestors(c.code)) for c in candidates)),
        placeless=placeless,
        department=department,
        **_places(region),
    )


def _placeless_level(folded: str) -> str | None:
    """市科协 -> city, 某县科学技术协会 -> county, 省农技协 -> province; None for any other name."""
    spec = _rules()["placeless"]
    text = folded
    for filler in sorted(spec["fillers"], key=len, reverse=True):
        while text.startswith(filler):
            text = text[len(filler) :]
    for word in sorted(spec["levels"], key=len, reverse=True):
        if text.startswith(word) and text != word and _is_body(text[len(word) :]):
            return spec["levels"][word]
    return None


@lru_cache(maxsize=65536)  # the same units report every year; OrgMatch is frozen, so sharing is safe
def match_org(name: str) -> OrgMatch:
    """Place an organization name: level, region, channel and the key the duplicate rule uses."""
    cleaned = clean_org_name(name)
    system = _system(cleaned)
    folded = _fold(cleaned)
    known = _known_unit(folded)
    key = _key_name(cleaned)
    if known and known[0].name != known[1]:
        key = _key_name(folded.replace(known[1], known[0].name))  # 中科大科协 == 中国科学技术大学科协

    # 1. A known university or institute.
    if known and known[0].kind != "central" and known[0].province:
        return _result(cleaned, system, "unit", key, _province_by_name()[known[0].province])

    # 2. Region names from the start.
    chain, consumed, candidates = leading_regions(folded)
    if chain:
        tail = chain[-1]
        rest = folded[consumed:]
        if _is_body(rest):
            return _result(cleaned, system, tail.level, tail.code, tail)
        return _result(cleaned, system, "unit", key, tail, department=_is_department(rest))
    if candidates or not cleaned:
        return _result(cleaned, system, "unit", key, None, matched=False, candidates=candidates)

    # 2b. A body named by its level word alone (市科协): that level, no region.
    level = _placeless_level(folded)
    if level:
        return _result(cleaned, system, level, key, None, matched=False, placeless=True)

    # 3. National bodies, unless a national body's branch or institute is placed in a region.
    rules = _rules()
    prefix = next((p for p in rules["national_prefixes"] if folded.startswith(p)), None)
    if (known and known[0].kind == "central") or prefix:
        after = (
            folded[len(known[1]) :] if known and folded.startswith(known[1]) else folded[len(prefix or "") :]
        )
        region = find_region(after)
        if region is not None and any(w in after for w in rules["unit_keywords"]):
            return _result(cleaned, system, "unit", key, region)
        return _result(cleaned, system, "national", key, None)

    # 4. A region named anywhere (国网四川省电力公司科协).
    region = find_region(folded)
    if region is not None:
        return _result(cleaned, system, "unit", key, region)
    return _result(cleaned, system, "unit", key, None, matched=False)


def org_issue(match: OrgMatch, sheet: str | None = None, cell: str | None = None) -> Issue | None:
    """The warning for a name that places its body in no region: an ambiguous place (朝阳区科协), a body
    named by its level word alone (市科协), or a name that matches nothing; None when it is placed."""
    if match.matched or match.org_level == "national":
        return None
    if match.candidates:
        return issue("org_ambiguous", sheet, cell, org=match.org_name, candidates="、".join(match.candidates))
    if match.placeless:
        zh, en = _rules()["placeless"]["level_names"][match.org_level]
        return issue("org_place_unknown", sheet, cell, org=match.org_name, level=zh, level_en=en)
    return issue("org_unmatched", sheet, cell, org=match.org_name)
