"""The notice vocabulary (data/reference/notice_labels.yaml) and small text helpers shared by the
notice modules: headings, numbering and organization-looking lines."""

from __future__ import annotations

import re
from functools import cache

from etl.reference import load_yaml

# 一、 / 二. / （一） / (1) / 1. / 1、 at the start of a line
NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.．、](?!\d))\s*"
)
TOP_HEADING = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]+)\s*[、.．]\s*(?P<title>.+?)\s*$")


@cache
def labels() -> dict:
    """The notice vocabulary: headings, field labels, date parts. Data, not if-branches."""
    return load_yaml("notice_labels.yaml")


def squeeze(text: str) -> str:
    """Remove all whitespace: 联 系 人 -> 联系人 (labels are compared this way)."""
    return re.sub(r"\s+", "", text)


def strip_numbering(text: str) -> str:
    return NUMBERING.sub("", text, count=1)


def heading_value(line: str, names: list[str]) -> tuple[bool, str | None]:
    """Is `line` one of the headings `names` (numbered or not)? And the value after its colon, if any.

    '一、活动主题' -> (True, None); '活动主题：科技创新' -> (True, '科技创新'); other lines -> (False, None).
    """
    body = strip_numbering(line).strip()
    for name in sorted(names, key=len, reverse=True):
        pattern = r"\s*".join(map(re.escape, name))
        m = re.match(rf"^{pattern}\s*(?:[：:]\s*(?P<value>.*))?$", body)
        if m:
            value = (m["value"] or "").strip()
            return True, value or None
    return False, None


def is_org(text: str) -> bool:
    """Does `text` end like an organization (科协, 科技局, 协会 …) and look like a name, not a sentence?"""
    text = text.strip()
    if not 2 <= len(text) <= 30 or re.search(r"[\s，。：:；;、“”《》!！?？]|关于", text):
        return False
    return any(text.endswith(suffix) for suffix in labels()["org_suffixes"])


def org_line(line: str) -> list[str]:
    """The organizations on an issuer line ('中国科协      科技部' -> both); [] when it is not one."""
    parts = [p for p in re.split(r"\s{2,}|\t|、", line.strip()) if p.strip()]
    if parts and all(is_org(p) for p in parts):
        return [p.strip() for p in parts]
    parts = line.split()  # 中国科协 科技部 with one space
    if len(parts) > 1 and all(is_org(p) for p in parts):
        return parts
    return []
