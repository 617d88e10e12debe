"""China's administrative divisions (data/reference/regions.csv) and a name scanner over them.

`etl/orgs/match.py` is the public face; this module holds the data, the lookups and the scanner that finds
region names in a text (full names, province short forms and aliases, city short forms, everyday forms
such as 延边州 / 长阳县 from etl/orgs/names.py; county short forms only right after their parent, e.g. 重庆渝中).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from etl.orgs.names import level_word_forms
from etl.reference import read_csv

LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Region:
    code: str  # 6-digit code, always a string
    name: str  # full name: 广东省, 吉林市, 渝中区
    short_name: str  # 广东, 吉林, 渝中 (the full name when no safe short form exists)
    aliases: tuple[str, ...]
    level: str  # province | city | county
    parent_code: str | None
    province_code: str
    macro_region: str | None  # 华北 东北 华东 中南 西南 西北 (provinces only)


@cache
def _regions() -> tuple[Region, ...]:
    return tuple(
        Region(
            code=r["code"],
            name=r["name"],
            short_name=r["short_name"],
            aliases=tuple(a for a in r["aliases"].split("|") if a),
            level=r["level"],
            parent_code=r["parent_code"] or None,
            province_code=r["province_code"],
            macro_region=r["macro_region"] or None,
        )
        for r in read_csv("regions.csv")
    )


def load_regions() -> list[Region]:
    """Every province-, city- and county-level region, in code order (read once; a fresh list each call)."""
    return list(_regions())


@cache
def _by_code() -> dict[str, Region]:
    return {r.code: r for r in _regions()}


def region_by_code(code: str) -> Region | None:
    return _by_code().get(str(code))


def parent_of(region: Region) -> Region | None:
    return _by_code().get(region.parent_code) if region.parent_code else None


def province_of(region: Region) -> Region:
    return _by_code()[region.province_code]


@lru_cache(maxsize=4096)
def ancestors(code: str) -> tuple[Region, ...]:
    """The region and its parents, province first: (吉林省, 吉林市, 永吉县)."""
    chain: list[Region] = []
    region = _by_code().get(code)
    while region is not None:
        chain.append(region)
        region = parent_of(region)
    return tuple(reversed(chain))


def is_descendant(region: Region, of: Region) -> bool:
    return region.code != of.code and any(a.code == of.code for a in ancestors(region.code))


def provinces() -> list[Region]:
    return [r for r in _regions() if r.level == "province"]


def province_names() -> list[str]:
    """Full names of the 35 province-level units (31 + 兵团 + 港澳台), in code order."""
    return [r.name for r in provinces()]


def macro_regions() -> dict[str, list[str]]:
    """{'华北': ['北京市', ...], ...} for dashboard filters, in the usual order."""
    out: dict[str, list[str]] = {m: [] for m in ("华北", "东北", "华东", "中南", "西南", "西北")}
    for r in provinces():
        if r.macro_region:
            out.setdefault(r.macro_region, []).append(r.name)
    return out


# --- the scanner -------------------------------------------------------------------------------------

GLOBAL, CONTEXT = "global", "context"  # a form usable anywhere / only right after its parent


@cache
def _forms() -> tuple[dict[str, tuple[tuple[Region, str], ...]], int]:
    """Written form -> ((region, usage), ...), and the longest form's length."""
    raw: dict[str, dict[str, tuple[Region, str]]] = {}

    def put(form: str, region: Region, usage: str) -> None:
        if len(form) < 2:
            return
        seen = raw.setdefault(form, {})
        if region.code not in seen or usage == GLOBAL:
            seen[region.code] = (region, usage)

    for r in _regions():
        put(r.name, r, GLOBAL)
        for alias in r.aliases:
            put(alias, r, GLOBAL)
        if r.short_name != r.name:
            put(r.short_name, r, GLOBAL if r.level != "county" else CONTEXT)
        for form in level_word_forms(r.name, r.short_name):  # 延边州, 长阳县: as good as the full name
            put(form, r, GLOBAL)
    forms = {k: tuple(v.values()) for k, v in raw.items()}
    return forms, max(map(len, forms))


def match_at(text: str, pos: int, context: Region | None) -> tuple[Region | None, int, tuple[Region, ...]]:
    """The region whose name starts at `pos` (longest form first): (region, length, candidates), the
    candidates being the regions an ambiguous form may name (empty when it is not ambiguous).

    With a context (the region named just before), only its descendants count and the highest level wins
    (辽宁朝阳 -> 朝阳市, not 朝阳县). Without one, a province's short form wins (吉林 -> 吉林省, not 吉林市);
    a city's short form wins over the short forms of its own counties (长沙 -> 长沙市, not 长沙县); otherwise
    a form naming more than one region is ambiguous (朝阳区: 北京 or 长春) and nothing is guessed.
    """
    forms, longest = _forms()
    for length in range(min(longest, len(text) - pos), 1, -1):
        hits = forms.get(text[pos : pos + length])
        if not hits:
            continue
        if context is not None:
            inside = [r for r, _u in hits if is_descendant(r, context)]
            if not inside:
                continue
            top = min(LEVELS.index(r.level) for r in inside)
            inside = [r for r in inside if LEVELS.index(r.level) == top]
            return (inside[0], length, ()) if len(inside) == 1 else (None, length, tuple(inside))
        provs = [r for r, _u in hits if r.level == "province"]
        if len(provs) == 1:
            return provs[0], length, ()
        named = [r for r, u in hits if u == GLOBAL]
        if len(named) == 1 and all(u == GLOBAL or is_descendant(r, named[0]) for r, u in hits):
            return named[0], length, ()  # 长沙 -> 长沙市 (长沙县 lies inside it)
        if len(hits) > 1:
            return None, length, tuple(r for r, _u in hits)
        # else: only a county's short form with nothing before it; a shorter form may still match
    return None, 0, ()


def leading_regions(text: str) -> tuple[list[Region], int, tuple[Region, ...]]:
    """Regions named one after another from the start: (chain, chars consumed, the candidates of an
    ambiguous first name — empty when the first name is not ambiguous)."""
    chain: list[Region] = []
    pos = 0
    while pos < len(text):
        region, length, candidates = match_at(text, pos, chain[-1] if chain else None)
        if region is None:
            return chain, pos, () if chain else candidates
        chain.append(region)
        pos += length
    return chain, pos, ()


@lru_cache(maxsize=65536)
def find_region(text: str) -> Region | None:
    """The most specific region named in a text: the first region found, deepened by the names that
    follow it (重庆市科学技术协会 -> 重庆市; 吉林市科学技术协会 -> 吉林市; 吉林省吉林市永吉县 -> 永吉县).
    Ambiguous names with no context before them are skipped."""
    found: Region | None = None
    pos = 0
    while pos < len(text):
        region, length, _amb = match_at(text, pos, found)
        if region is not None:
            found = region
            pos += length
        else:
            pos += max(length, 1)
    return found
