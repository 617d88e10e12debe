"""Text people type into a form cell -> a number, per the data contract's value rules.

`3,500` `３５００` `3500.0` -> 3500; `1.2万` -> 12000; `约1.2万` `3000余` `3000多` -> approximate;
`210场` -> 210 with unit 场; `无` `—` `/` empty -> no value (None, not 0, and no error).
Whether a unit fits a metric, or a value is too large, is decided by etl/forms/summary.py, which knows the metric.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from etl.numerals import cn_number

# Written where a figure would be when there is none: the contract says NULL, not 0.
_NULL_TOKENS = frozenset(
    {
        "", "无", "暂无", "没有", "空", "未开展", "未统计", "不详", "—", "——", "–", "-", "--", "―", "─",
        "/", "\\", "n/a", "na", "none", "null", "nil", "×", "...", "。", ".",
    }
)  # fmt: skip

_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1_000), "百": Decimal(100)}

# Prefixes and suffixes that make a figure an estimate (约1.2万, 近3000, 3000余, 3000多, 3000+, 3000人以上).
_APPROX_PREFIX = "约|大约|大概|近|将近|接近|超过|超|逾|多于|不少于|至少|达|约计"
_APPROX_SUFFIX = "余|多|\\+|以上|左右|有余|上下"

# One pattern, compiled once: prefix, number (optional thousands groups), multiplier, suffix, unit, suffix.
_NUMBER_RE = re.compile(
    rf"^(?P<pre>{_APPROX_PREFIX})?"
    r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)"
    r"(?P<mult>[万亿千百])?"
    rf"(?P<suf1>{_APPROX_SUFFIX})?"
    r"(?P<unit>[^\d\s.,+\-]{1,4}?)?"
    rf"(?P<suf2>{_APPROX_SUFFIX})?$"
)
# The same shape written in Chinese numerals (两千, 三十场, 2万3千, 近万, 百余): read by etl/numerals.py.
_CN_NUMBER_RE = re.compile(
    rf"^(?P<pre>{_APPROX_PREFIX})?"
    r"(?P<num>[0-9.零〇一二两三四五六七八九十百千万亿]*[零〇一二两三四五六七八九十百千万亿][0-9.零〇一二两三四五六七八九十百千万亿]*)"
    rf"(?P<suf1>{_APPROX_SUFFIX})?"
    r"(?P<unit>[^\d\s.,+\-]{1,4}?)?"
    rf"(?P<suf2>{_APPROX_SUFFIX})?$"
)
_SPACE_RE = re.compile(r"\s+")
_DASHES = str.maketrans({"－": "-", "−": "-", "﹣": "-", "‐": "-", "‑": "-", "，": ",", "﹐": ","})


class ParsedNumber(NamedTuple):  # a tuple: built for every value cell, ~3x cheaper than a frozen dataclass
    value: float | None  # None: no value written (无, —, empty) or not readable (then `error` says why)
    approximate: bool = False
    unit: str | None = None  # unit written with the number (210场 -> 场), multiplier already applied
    error: str | None = None  # not_a_number | boolean | date | not_finite


def normalize_text(raw: str) -> str:
    """NFKC (full-width digits and punctuation -> ASCII), unify dashes, drop all whitespace."""
    text = unicodedata.normalize("NFKC", raw).translate(_DASHES)
    return _SPACE_RE.sub("", text)


def parse_number(raw: object) -> ParsedNumber:
    """Read one cell value (as calamine returns it: str, int, float, bool, date...) as a number."""
    if raw.__class__ is float and math.isfinite(raw):  # most value cells: one test, not five
        return ParsedNumber(raw)
    if raw.__class__ is str:  # the other common case: straight to the (cached) text reader
        return _parse_text(raw)
    if raw is None:
        return ParsedNumber(None)
    if isinstance(raw, bool):  # bool is an int subclass: check it first
        return ParsedNumber(None, error="boolean")
    if isinstance(raw, int):
        return ParsedNumber(float(raw))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return ParsedNumber(None, error="not_finite")
        return ParsedNumber(raw)
    if isinstance(raw, _dt.date | _dt.time | _dt.timedelta):  # datetime is a date subclass
        return ParsedNumber(None, error="date")
    if not isinstance(raw, str):
        return ParsedNumber(None, error="not_a_number")
    return _parse_text(raw)


@lru_cache(maxsize=1 << 16)  # the same few texts (无, 3,500, 约1.2万) recur across a build's forms
def _parse_text(raw: str) -> ParsedNumber:
    text = normalize_text(raw)
    if text.lower() in _NULL_TOKENS:
        return ParsedNumber(None)
    m = _NUMBER_RE.match(text)
    if m is None:
        return _parse_chinese(text)
    try:
        number = Decimal(m["num"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits valid decimals
        return ParsedNumber(None, error="not_a_number")
    unit = m["unit"]
    # A multiplier may also lead the unit (1.2万人次): 万 then unit 人次.
    mult = m["mult"]
    if mult is None and unit and unit[0] in _MULTIPLIERS and len(unit) > 1:
        mult, unit = unit[0], unit[1:]
    if mult:
        number *= _MULTIPLIERS[mult]
    approximate = bool(m["pre"] or m["suf1"] or m["suf2"])
    if unit:
        # 3000人次以上 leaves 以 in the lazy unit group only when the suffix is split oddly; trim known tails.
        for tail in ("以上", "左右", "余", "多"):
            if unit.endswith(tail) and len(unit) > len(tail):
                unit, approximate = unit[: -len(tail)], True
    return ParsedNumber(float(number), approximate=approximate, unit=unit or None)


def _parse_chinese(text: str) -> ParsedNumber:
    """两千 -> 2000, 三十场 -> 30 场, 2万3千 -> 23000, 近万 -> ~10000, 百余 -> ~100 (etl/numerals.py reads the numeral)."""
    m = _CN_NUMBER_RE.match(text)
    if m is None:
        return ParsedNumber(None, error="not_a_number")
    value = cn_number(m["num"])
    if value is None:
        return ParsedNumber(None, error="not_a_number")
    unit = m["unit"]
    approximate = bool(m["pre"] or m["suf1"] or m["suf2"])
    return ParsedNumber(float(value), approximate=approximate, unit=unit or None)
