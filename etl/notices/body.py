"""The body of a notice: theme, period, and the activities it asks for, each with a category.

Activities are the （一）（二）… items under a heading named in notice_labels.yaml `sections.activities`
(主要活动, 基本架构, 阶段性安排 …); when a section has no （一） items, 1. 2. items are used. An item's
heading is its text up to the first 。 (or the whole line when it has none); its body is the rest,
up to the next item or heading. Categories come from data/reference/activity_categories.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.notices.dates import normalize_digits
from etl.notices.vocabulary import TOP_HEADING, heading_value, labels
from etl.numerals import cn_number
from etl.reference import load_yaml

_CN_ITEM = re.compile(r"^\s*[（(]\s*(?P<n>[一二三四五六七八九十]+)\s*[）)]\s*(?P<rest>.*)$")
_ARABIC_ITEM = re.compile(r"^\s*(?P<n>\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>.*)$")
_SENTENCE_END = tuple("。；！？：”」）)")


@dataclass(frozen=True)
class Activity:
    section: str
    item_no: int
    heading: str
    body: str
    category: str
    category_zh: str


def labelled_value(lines: list[str], names: list[str]) -> str | None:
    """The value of the first heading among `names`: after its colon, else its next non-empty line."""
    for i, line in enumerate(lines):
        found, value = heading_value(line, names)
        if not found:
            continue
        if value:
            return value
        for nxt in lines[i + 1 : i + 4]:
            if nxt.strip():
                return None if TOP_HEADING.match(nxt) else nxt.strip()
    return None


_QUOTES = {"“": "”", '"': '"', "「": "」", "《": "》"}


def _unquote(text: str) -> str:
    """“弘扬科学家精神” -> 弘扬科学家精神, but 奋进“两个先行” keeps its closing quote."""
    close = _QUOTES.get(text[:1])
    if close and len(text) > 2 and text.endswith(close) and text[0] not in text[1:-1]:
        return text[1:-1].strip()
    return text


def find_theme(lines: list[str]) -> str | None:
    """The year's theme: under a theme heading (活动主题：… or on the line after it), else written inside a
    sentence (以“…”为主题, 围绕“…”主题, 主题为“…”: notice_labels.yaml `theme_inline`). A sentence under the
    heading (今年活动以“…”为主题。) gives the quoted theme, not the sentence."""
    theme = labelled_value(lines, labels()["sections"]["theme"])
    if theme:
        return _inline_theme(theme) or _unquote(theme.strip().rstrip("。；;"))
    return _inline_theme("\n".join(lines))


def _inline_theme(text: str) -> str | None:
    found = [m for m in (re.search(p, text) for p in labels()["theme_inline"]) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start("theme"))  # the notice states its theme before other uses
    return re.sub(r"\s*\n\s*", "", first["theme"]).strip()  # a PDF line end inside the theme


def find_period_text(lines: list[str]) -> str | None:
    spec = labels()
    period = labelled_value(lines, spec["sections"]["period"])
    if period:
        return period.rstrip("。；;，, ")  # the sentence's full stop is not part of the period
    text = normalize_digits("\n".join(lines))
    for pattern in spec["period_inline"]:
        m = re.search(pattern, text)
        if m:
            return m["period"].strip()
    return None


def find_activities(lines: list[str]) -> list[Activity]:
    """Every item under every activities heading, in order."""
    names = labels()["sections"]["activities"]
    out: list[Activity] = []
    i = 0
    while i < len(lines):
        found, _ = heading_value(lines[i], names)
        if not found or not TOP_HEADING.match(lines[i]) and not _bare_heading(lines[i], names):
            i += 1
            continue
        section = TOP_HEADING.match(lines[i])["title"] if TOP_HEADING.match(lines[i]) else lines[i].strip()
        end = next((j for j in range(i + 1, len(lines)) if TOP_HEADING.match(lines[j])), len(lines))
        out.extend(_items(section.rstrip("：: "), lines[i + 1 : end]))
        i = end
    return out


def _bare_heading(line: str, names: list[str]) -> bool:
    return line.strip().rstrip("：:") in names


def _items(section: str, lines: list[str]) -> list[Activity]:
    pattern = _CN_ITEM if any(_CN_ITEM.match(x) for x in lines) else _ARABIC_ITEM
    closing = [re.compile(p) for p in labels()["activity_closing"]]
    items: list[tuple[int, str, list[str]]] = []
    for line in lines:
        m = pattern.match(line)
        if m:
            items.append((_item_number(m["n"]), m["rest"].strip(), []))
        elif any(c.match(line.strip()) for c in closing):
            items.append((0, "", []))  # a closing call to everyone: it ends the last item
        elif items and line.strip():
            items[-1][2].append(line.strip())
    out = []
    for number, first, rest in items:
        if not number:
            continue
        heading, body_start = _split_heading(first)
        body = _join([body_start, *rest] if body_start else rest)
        code, zh = classify(heading, body)
        out.append(Activity(section, number, heading, body, code, zh))
    return out


def _item_number(text: str) -> int:
    return cn_number(text) or 0


def _split_heading(text: str) -> tuple[str, str]:
    """'科技志愿服务活动。组织…' -> ('科技志愿服务活动', '组织…'); a short line alone is all heading."""
    m = re.match(r"^(?P<head>[^。]{1,60}?)[。](?P<body>.*)$", text)
    if m:
        return m["head"].strip(), m["body"].strip()
    m = re.match(r"^(?P<head>[^：:。]{2,30})[：:](?P<body>.+)$", text)
    if m:
        return m["head"].strip(), m["body"].strip()
    return text.strip(), ""


def _join(parts: list[str]) -> str:
    """Lines of one item: a line broken mid-sentence joins without a break (seed 002's 吉化 / 科技)."""
    out = ""
    for part in parts:
        if out and not out.endswith(_SENTENCE_END):
            out += part
        else:
            out += ("\n" if out else "") + part
    return out


@cache
def _categories() -> dict:
    return load_yaml("activity_categories.yaml")


def classify(heading: str, body: str) -> tuple[str, str]:
    """(code, 中文名) of the best-scoring category: keyword weight x occurrences, heading counted x3."""
    spec = _categories()
    weight = spec.get("heading_weight", 3)
    best, best_score = None, 0.0
    for category in spec["categories"]:
        keywords = category.get("keywords") or {}
        score = sum(w * (weight * heading.count(k) + body.count(k)) for k, w in keywords.items())
        if score > best_score:
            best, best_score = category, score
    if best is None:
        best = next(c for c in spec["categories"] if c["code"] == "other")
    return best["code"], best["zh"]
