"""Form labels -> what they mean, driven by data/reference/metrics.yaml.

A label is normalized (NFKC, no whitespace or line breaks, （）->(), no leading numbering or trailing colon,
（盖章） dropped), a trailing bracketed unit is split off (动员科技志愿者数量（人） -> 人), and the rest is matched:
exact first, then the longest synonym it contains (metrics) or starts with (organization/contact fields).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from etl.reference import load_yaml

MAX_LABEL_CHARS = 40  # longer text is a sentence (instructions), not a label

_SPACE_RE = re.compile(r"\s+")
_BRACKETS = str.maketrans(
    {"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")", "<": "(", ">": ")"}
)
_LEAD_RE = re.compile(r"^(?:[*★※]+|\d{1,2}[、.)]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}[、.])+")
_TAIL = ":;,。.*"  # a label's trailing punctuation
_UNIT_RE = re.compile(r"\((?:单位[:：]?)?([^()]{1,6})\)$")
_NUMERIC_RE = re.compile(r"^[+-]?[\d,.]+$")
_NEVER_RE = re.compile(r"(?!)")
_PLAIN_NUMBER = frozenset("0123456789,.")  # a phone number, 4,772: normalizes to a number (or nothing)


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """The words as one pattern, in their order: at any one position the engine tries them first to last,
    so `.match` gives the first word (in list order) the text starts with. No words: a pattern that never matches."""
    words = list(words)
    return re.compile("|".join(map(re.escape, words))) if words else _NEVER_RE


@dataclass(frozen=True)
class LabelMatch:
    kind: str  # metric | total | field | ignore
    target: str | None = None  # metric code, or field name (org, contact_name, phone, address, email)
    channel: str | None = None  # 农技协 | 科技小院 | 科普教育基地
    unit: str | None = None  # unit written in the label's brackets, without 万/亿
    multiplier: float = 1.0  # (万人次) -> 10000
    exact: bool = True
    inline_value: str | None = None  # 填报单位：广东省科协 -> 广东省科协


class _Memo(dict):
    """key -> compute(key), remembered while fewer than `limit` keys are (a bound on a long build's memory)."""

    def __init__(self, compute: Callable[[str], Any], limit: int) -> None:
        super().__init__()
        self.compute, self.limit = compute, limit

    def __missing__(self, key: str) -> Any:
        value = self.compute(key)
        if len(self) < self.limit:
            self[key] = value
        return value


@dataclass(frozen=True)
class MetricSpec:
    code: str
    name_zh: str
    unit_zh: str
    units: frozenset[str]
    max_value: float
    inherit_channel: bool


class Catalogue:
    """Everything metrics.yaml says, precomputed into dicts for one-pass scanning."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.metrics: dict[str, MetricSpec] = {}
        self.exact: dict[str, LabelMatch] = {}
        subs: list[tuple[str, LabelMatch]] = []
        for code, m in spec["metrics"].items():
            self.metrics[code] = MetricSpec(code, m["name_zh"], m["unit_zh"], frozenset(m.get("units", [])),
                                            float(m["max_value"]), bool(m.get("inherit_channel")))  # fmt: skip
            for label in m.get("labels", []):
                match = LabelMatch("metric", code)
                self.exact.setdefault(normalize_label(label), match)
                subs.append((normalize_label(label), replace(match, exact=False)))
        self.channel_keywords: dict[str, str] = {}
        for channel, c in spec.get("channels", {}).items():
            self.channel_keywords[c.get("keyword", channel)] = channel
            for label in c.get("labels", []):
                match = LabelMatch("metric", c["metric"], channel=channel)
                self.exact[normalize_label(label)] = match
                subs.append((normalize_label(label), replace(match, exact=False)))
        self.metric_subs = sorted(subs, key=lambda s: -len(s[0]))  # longest synonym wins
        self.fields: list[tuple[str, LabelMatch]] = []
        for name, labels in spec.get("fields", {}).items():
            for label in labels:
                match = LabelMatch("field", name)
                self.exact.setdefault(normalize_label(label), match)
                self.fields.append((normalize_label(label), replace(match, exact=False)))
        self.fields.sort(key=lambda s: -len(s[0]))
        self.totals = sorted((normalize_label(t) for t in spec.get("totals", [])), key=len, reverse=True)
        for t in self.totals:
            self.exact[t] = LabelMatch("total")
        for word in spec.get("ignore_labels", []):
            self.exact.setdefault(normalize_label(word), LabelMatch("ignore"))
        self.not_metric_words = tuple(spec.get("not_metric_words", []))
        self.seal_re = re.compile(
            r"[(]?(?:"
            + "|".join(sorted(map(re.escape, spec.get("seal_marks", [])), key=len, reverse=True))
            + r")[)]?"
        )
        # no seal mark is made of digits, commas and dots alone, so none is removed from a plain number
        self._plain_numbers_unsealed = not any(
            m and _PLAIN_NUMBER.issuperset(m) for m in spec.get("seal_marks", [])
        )
        self.forms = {
            kind: [normalize_label(s) for s in sigs] for kind, sigs in spec.get("forms", {}).items()
        }
        self.title_words = tuple(normalize_label(w) for w in spec.get("title_words", []))
        self.title_re = _alternation(self.title_words)  # any title word in a text: one search
        self.units: frozenset[str] = frozenset().union(*(m.units for m in self.metrics.values()))
        self._no_ascii_unit = not any(u.isascii() for u in self.units)  # every unit is written in CJK
        # _contained's scans as single regex passes (a label miss used to cost ~200 `in`/startswith calls);
        # first synonym wins, as in the lists: a text -> its first entry's match / list index
        self._field_re = _alternation(s for s, _ in self.fields)
        self._field_of: dict[str, LabelMatch] = {}
        for syn, match in self.fields:
            self._field_of.setdefault(syn, match)
        self._not_metric_re = _alternation((*self.not_metric_words, *self.title_words))
        self._sub_re = _alternation(s for s, _ in self.metric_subs)
        # every synonym starting at each position (a lookahead matches empty, so finditer tries all positions)
        self._sub_at_re = re.compile(f"(?=({self._sub_re.pattern}))") if self.metric_subs else _NEVER_RE
        self._sub_index: dict[str, int] = {}
        for i, (syn, _) in enumerate(self.metric_subs):
            self._sub_index.setdefault(syn, i)
        self._cache = _Memo(self._match, 50_000)
        # What a text cell means as a label, or None. Forms repeat the same labels, and Grid asks for every
        # text cell: a remembered label costs one C-level dict lookup, no Python call.
        self.match: Callable[[str], LabelMatch | None] = self._cache.__getitem__

    # -- units ---------------------------------------------------------------------------------------------
    def split_unit(self, text: str) -> tuple[str | None, float] | None:
        """'人次' -> ('人次', 1); '万人次' -> ('人次', 10000); anything else -> None."""
        text = text.strip("()")
        if text in self.units:
            return text, 1.0
        if len(text) > 1 and text[0] in "万亿" and text[1:] in self.units:
            return text[1:], 1e4 if text[0] == "万" else 1e8
        return None

    def unit_cell(self, raw: object) -> tuple[str | None, float] | None:
        """A cell holding only a unit (a 单位 column in a list-style table)."""
        if not isinstance(raw, str) or len(raw) > 12 or (raw.isascii() and self._no_ascii_unit):
            return None  # ASCII stays ASCII through normalize_label: 4,772 or a phone number is no unit
        return self.split_unit(normalize_label(raw))

    # -- labels --------------------------------------------------------------------------------------------
    def _match(self, raw: str) -> LabelMatch | None:
        if self._plain_numbers_unsealed and raw.isascii() and _PLAIN_NUMBER.issuperset(raw):
            return None  # what normalize_label would leave is '' or all digits, commas and dots: no label
        text = normalize_label(raw, self.seal_re)
        if not text or len(text) > MAX_LABEL_CHARS or _NUMERIC_RE.match(text):
            return None
        if ":" in text:  # 填报单位：广东省科协 / 动员科技志愿者数量：3500人
            head, _, tail = text.partition(":")
            found = self._match_core(head) if head else None
            if found is not None and tail:
                after = re.split(r"[:：]", raw, maxsplit=1)
                return replace(found, inline_value=after[1].strip() if len(after) > 1 else tail)
            if found is not None:
                return found
        return self._match_core(text)

    def _match_core(self, text: str) -> LabelMatch | None:
        unit, mult = None, 1.0
        core = text
        m = _UNIT_RE.search(text)
        if m and m.start() > 0:
            core = text[: m.start()]
            split = self.split_unit(m.group(1))
            if split:
                unit, mult = split
        found = self.exact.get(core) or self.exact.get(text)
        if found is None:
            found = self._total_of(core) or self._contained(core)
        if found is None:
            return None
        if found.kind == "metric" and found.channel is None and self.metrics[found.target].inherit_channel:
            for keyword, channel in self.channel_keywords.items():
                if keyword in core:
                    found = replace(found, channel=channel)
                    break
        if unit is not None and found.kind in ("metric", "total"):
            found = replace(found, unit=unit, multiplier=mult)
        return found

    def _total_of(self, core: str) -> LabelMatch | None:
        """开展活动数量合计 / 合计开展活动 / 志愿者总数: a total of one metric."""
        for word in self.totals:
            if core.startswith(word) or core.endswith(word):
                rest = core[len(word) :] if core.startswith(word) else core[: -len(word)]
                rest = rest.strip("()")
                inner = self.exact.get(rest) or self._contained(rest) if rest else None
                if inner is not None and inner.kind == "metric":
                    return LabelMatch("total", inner.target, channel=inner.channel, exact=inner.exact)
        return None

    def _contained(self, core: str) -> LabelMatch | None:
        """The first field synonym `core` starts with; else, unless a not-metric or title word is in it, the
        first metric synonym (in metric_subs' order, longest first) anywhere in it."""
        found = self._field_re.match(core)  # 联系人姓名, 填报单位名称及盖章: fields start with their label
        if found is not None:
            return self._field_of[found.group()]
        if self._not_metric_re.search(core) is not None:
            return None  # 志愿者服务时长 is hours; 科技志愿者活动汇总表 is a title
        found = self._sub_re.search(core)  # most texts hold no synonym: one pass says so
        if found is None:
            return None
        # the leftmost synonym need not be the first in list order: look at every position from there on
        first = min(self._sub_index[m.group(1)] for m in self._sub_at_re.finditer(core, found.start()))
        return self.metric_subs[first][1]

    def strip_seal(self, text: str) -> str:
        """Organization name without （盖章） and surrounding punctuation."""
        text = unicodedata.normalize("NFKC", text)
        text = self.seal_re.sub("", _SPACE_RE.sub("", text))
        return text.strip(" :()")

    def form_kind(self, normalized: str) -> str | None:
        for kind, sigs in self.forms.items():
            if any(sig in normalized for sig in sigs):
                return kind
        return None


@lru_cache(maxsize=1 << 16)  # forms repeat the same labels and units: each is normalized once per process
def normalize_label(raw: str, seal_re: re.Pattern[str] | None = None) -> str:
    """NFKC, no whitespace (line breaks, full-width spaces), unified brackets, no numbering or trailing colon."""
    # split() and \s are the same whitespace; the numbering is anchored at the start and the punctuation at
    # the end, so a slice and rstrip do what re.sub did without scanning every position (each label miss)
    text = "".join(unicodedata.normalize("NFKC", raw).translate(_BRACKETS).split()).lower()
    if seal_re is not None:
        text = seal_re.sub("", text)
    lead = _LEAD_RE.match(text)
    if lead is not None:
        text = text[lead.end() :]
    return text.rstrip(_TAIL)


@cache
def catalogue() -> Catalogue:
    return Catalogue(load_yaml("metrics.yaml"))
