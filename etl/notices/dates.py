"""Date phrases in notices -> dates: periods, deadlines and the date under the signature.

Mapping of the parts of a month (the table lives in data/reference/notice_labels.yaml, `date_parts`):

    上旬 / 初        days 1-10          中旬 / 中      days 11-20
    下旬            day 21 - last day   底 / 末        the last day only (6月底 = June 30)
    上半月          days 1-15           下半月         day 16 - last day
    中上旬 / 上中旬  days 1-20           中下旬         day 11 - last day
    a month alone   day 1 - last day    ...前后        the date ± `around_days` (7) days

A phrase without a year takes the notice's year. A range end may leave out the year and month it
shares with its start (5月10日-25日), and then the start may leave out its 日 (5月24—31日). A year in
Chinese numerals may write its 〇 as ○, Ｏ or O (二○二二年), as typed or as a PDF gives it. Chinese numerals (二〇二四年五月九日) and full-width digits
are read like Arabic ones.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from etl.notices.vocabulary import labels
from etl.numerals import cn_number

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


# 〇 as typed or taken out of a PDF: ○ (a circle), Ｏ / O (letters), 0 (a digit): 二○二二年
_ZERO_LOOKALIKES = str.maketrans("○ＯO0０", "〇〇〇〇〇")


def _cn_year(m: re.Match) -> str:
    return str(cn_number(m.group(1).translate(_ZERO_LOOKALIKES)))


def normalize_digits(text: str) -> str:
    """Full-width digits and Chinese-numeral years, months and days -> Arabic digits."""
    text = text.translate(_FULLWIDTH)
    text = re.sub(
        r"(?=[〇零○ＯO0０]*[一二三四五六七八九])([〇零○ＯO0０一二三四五六七八九]{4})(?=\s*年)", _cn_year, text
    )
    return re.sub(
        r"(?<![第个])([一二三四五六七八九十]{1,3})(?=\s*[月日号])", lambda m: str(cn_number(m.group(1))), text
    )


def _parts_pattern() -> str:
    names = sorted(labels()["date_parts"], key=len, reverse=True)  # longest first: 中上旬 before 中
    return "|".join(map(re.escape, names))


_SEP = r"\s*(?:-|－|—+|–|~|～|至|到)\s*"


def _date_re() -> str:
    part = _parts_pattern()
    # 5月24—31日: the start's day may leave out its 日 when a range to another day follows
    return (
        rf"(?:(?P<y>\d{{4}})\s*年\s*)?(?P<m>\d{{1,2}})\s*月\s*"
        rf"(?:(?P<d>\d{{1,2}})\s*(?:[日号]|(?={_SEP}(?:\d{{1,2}}\s*月\s*)?\d{{1,2}}\s*[日号]))|(?P<part>{part}))?"
    )


def _end_re() -> str:
    part = _parts_pattern()
    # the lookahead keeps an end from being empty: it holds a month, a day or a part of a month
    return (
        rf"(?:(?P<y2>\d{{4}})\s*年\s*)?(?=\d{{1,2}}\s*[月日号]|{part})(?:(?P<m2>\d{{1,2}})\s*月\s*)?"
        rf"(?:(?P<d2>\d{{1,2}})\s*[日号]|(?P<part2>{part}))?"
    )


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    single = re.compile(_date_re())
    ranged = re.compile(_date_re() + rf"(?:{_SEP}{_end_re()})?")
    return single, ranged


@dataclass(frozen=True)
class DatePhrase:
    text: str
    start: date | None  # None when the year is unknown
    end: date | None
    pos: int  # where it starts and ends in the searched text
    stop: int


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _bounds(year: int | None, month: int, day: str | None, part: str | None) -> tuple[date, date] | None:
    if year is None or not 1 <= month <= 12:
        return None
    last = _last_day(year, month)
    if day:
        d = int(day)
        return (date(year, month, d), date(year, month, d)) if 1 <= d <= last else None
    if part:
        first, final = labels()["date_parts"][part]
        first = last if first == "end" else first
        final = last if final == "end" else final
        return date(year, month, first), date(year, month, final)
    return date(year, month, 1), date(year, month, last)


def find_dates(text: str, year: int | None) -> list[DatePhrase]:
    """Every date or date range in `text` (already digit-normalized), in order."""
    _, ranged = _patterns()
    found: list[DatePhrase] = []
    for m in ranged.finditer(text):
        y = int(m["y"]) if m["y"] else year
        start = _bounds(y, int(m["m"]), m["d"], m["part"])
        end = start
        if m["m2"] or m["d2"] or m["part2"]:
            y2 = int(m["y2"]) if m["y2"] else y
            m2 = int(m["m2"]) if m["m2"] else int(m["m"])
            end = _bounds(y2, m2, m["d2"], m["part2"])
        found.append(
            DatePhrase(m.group(0), start[0] if start else None, end[1] if end else None, m.start(), m.end())
        )
    return found


def parse_period(text: str, year: int | None) -> tuple[date | None, date | None]:
    """The first date or range in a period phrase; '…前后' widens a single date by around_days."""
    text = normalize_digits(text)
    phrases = find_dates(text, year)
    if not phrases:
        return None, None
    first = phrases[0]
    if first.start and re.match(r"\S{0,30}?前后", text[first.stop :]) and first.start == first.end:
        around = timedelta(days=int(labels()["around_days"]))
        return first.start - around, first.end + around
    return first.start, first.end


@dataclass(frozen=True)
class Deadline:
    due_date: date | None
    due_text: str  # as written, e.g. 6月底前
    what: str | None


def find_deadlines(text: str, year: int | None) -> list[Deadline]:
    """'于6月底前报送…' / '请于2023年6月12日前报送' / '截止时间：6月12日' -> deadlines with what is due."""
    text = normalize_digits(text)
    before_words = "|".join(map(re.escape, labels()["deadline"]["before"]))
    lead_words = "|".join(map(re.escape, labels()["deadline"]["lead"]))
    out: list[Deadline] = []
    for phrase in find_dates(text, year):
        after = text[phrase.stop :]
        led = re.search(rf"(?:{lead_words})\s*[：:]?\s*$", text[max(0, phrase.pos - 12) : phrase.pos])
        # 6月12日（星期一）前: a weekday in brackets may sit between the date and 前
        tail = re.match(rf"\s*(?:[（(][^）)]{{1,6}}[）)])?\s*(?:{before_words})(?!后)", after)
        if not tail and not led:
            continue
        due_text = phrase.text + (tail.group(0).strip() if tail else "")
        what = _clause_after(after[tail.end() :] if tail else after) or _clause_before(text[: phrase.pos])
        out.append(Deadline(phrase.end, due_text, what))
    return out


def _clause_after(text: str) -> str | None:
    # a clause ends at a full stop, or where the sentence goes on to the next thing due (，并于…)
    clause = re.split(r"[。；;！!\n]|[，,]\s*(?:并|同时|另|再|以及)", text, maxsplit=1)[0].strip(" ，,：:")
    return clause[:160] or None


def _clause_before(text: str) -> str | None:
    clause = re.split(r"[。；;！!\n，,]", text)[-1]
    clause = re.sub(r"(?:请|务必|须|应)?(?:于|在)?\s*$", "", clause).strip(" ，,：:")
    return clause[:160] or None


def full_date(line: str) -> date | None:
    """A line that is only a date, as under a signature ('2024年5月9日', '二〇二四年五月九日')."""
    m = re.fullmatch(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*", normalize_digits(line))
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
