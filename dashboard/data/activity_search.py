"""The activities page's search box: free text -> years, provinces and words. Pure, no Streamlit.

People type the question as they think it: “2024 四川 科技小院”, “四川科技小院”, “科技小院 四川省”.
A 4-digit year (2021–2099) becomes a year filter, a province name (full or short) a province filter,
and every other word must appear (ILIKE, case-insensitive) in the activity's name, reason,
organizer, unit or modules. Patterns are bound as parameters; % and _ typed by people are escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YEAR_RE = re.compile(r"(?<!\d)(20[2-9]\d)(?:年)?(?!\d)")
SPLIT_RE = re.compile(r"[\s,，、;；/|]+")
MAX_WORDS = 8


@dataclass(frozen=True)
class Search:
    years: tuple[int, ...] = ()
    provinces: tuple[str, ...] = ()  # full names
    patterns: tuple[str, ...] = ()  # ILIKE patterns with ESCAPE '\'

    @property
    def empty(self) -> bool:
        return not (self.years or self.provinces or self.patterns)


def escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def parse_search(text: str, provinces: list[tuple[str, str]]) -> Search:
    """text and (full name, short name) of every province -> a Search."""
    text = (text or "").strip()[:200]
    years = tuple(sorted({int(y) for y in YEAR_RE.findall(text)}))
    text = YEAR_RE.sub(" ", text)
    found: list[str] = []
    # longest names first, so 内蒙古自治区 is taken before 内蒙古
    forms = sorted(
        ((form, full) for full, short in provinces for form in (full, short) if form),
        key=lambda x: len(x[0]),
        reverse=True,
    )
    for form, full in forms:
        if form in text:
            found.append(full)
            text = text.replace(form, " ")
    words = [w for w in SPLIT_RE.split(text) if w][:MAX_WORDS]
    return Search(years, tuple(dict.fromkeys(found)), tuple(f"%{escape_like(w)}%" for w in words))
