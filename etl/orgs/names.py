"""The everyday written forms of a division's name, beside its official name and short name (regions.csv).

People write an autonomous prefecture as its short name + 州 (延边朝鲜族自治州 -> 延边州), an autonomous
county as its short name + 县 (长阳土家族自治县 -> 长阳县, 长阳自治县), an autonomous banner + 旗
(鄂温克族自治旗 -> 鄂温克旗). The rules (official name's ending -> endings put after the short name) and the
few everyday names no rule derives (博州, 巴州, 喀左县) are data: data/reference/org_rules.yaml
`name_forms`. These forms are as good as the full name: usable anywhere, not only after a parent.
"""

from __future__ import annotations

from functools import cache

from etl.reference import load_yaml


@cache
def _spec() -> dict:
    return load_yaml("org_rules.yaml")["name_forms"]


def level_word_forms(name: str, short_name: str) -> list[str]:
    """延边朝鲜族自治州, 延边 -> [延边州]; 长阳土家族自治县, 长阳 -> [长阳县, 长阳自治县]; plus any
    everyday names listed for the official name. The official name itself is not repeated."""
    spec = _spec()
    out: list[str] = []
    for ending, written in spec["endings"].items():
        if name.endswith(ending) and short_name != name:
            out.extend(short_name + w for w in written)
            break
    out.extend(spec["everyday"].get(name, []))
    return [f for f in dict.fromkeys(out) if f != name and len(f) >= 2]
