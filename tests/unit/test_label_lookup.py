"""The catalogue's synonym lookup (one regex pass per list) gives what the plain list scans gave, and
label normalization (split/slice/rstrip) what its regex substitutions gave.

The rule: the first field synonym (in list order) the label starts with; else nothing when a not-metric or
title word is in it; else the first metric synonym (in list order, longest first) anywhere in it, which is
not always the leftmost one in the text.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.forms.vocabulary import (
    _BRACKETS,
    _LEAD_RE,
    _NUMERIC_RE,
    Catalogue,
    LabelMatch,
    catalogue,
    normalize_label,
)

CAT = catalogue()


def reference(cat: Catalogue, core: str) -> LabelMatch | None:
    """The lookup as straightforward list scans."""
    for syn, match in cat.fields:
        if core.startswith(syn):
            return match
    if any(word in core for word in cat.not_metric_words) or any(w in core for w in cat.title_words):
        return None
    for syn, match in cat.metric_subs:
        if syn in core:
            return match
    return None


WORDS = sorted(
    {s for s, _ in CAT.fields}
    | {s for s, _ in CAT.metric_subs}
    | set(CAT.not_metric_words)
    | set(CAT.title_words)
    | set(CAT.totals)
)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
FILLER = st.text(st.one_of(CJK, ASCII), max_size=4)
# a synonym, a piece of one (志愿服务 of 志愿服务队), or filler: texts that hold several synonyms in any order
PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).flatmap(lambda w: st.integers(0, len(w)).map(lambda k: w[:k])),
    st.sampled_from(WORDS).flatmap(lambda w: st.integers(0, len(w)).map(lambda k: w[k:])),
    FILLER,
)
TEXTS = st.lists(PIECE, max_size=5).map("".join)


@settings(max_examples=3000)
@given(TEXTS)
def test_lookup_matches_the_list_scans(text: str) -> None:
    assert CAT._contained(text) == reference(CAT, text)


def test_first_in_list_wins_over_leftmost() -> None:
    """A shorter synonym early in the text loses to a longer one after it (metric_subs is longest first)."""
    subs = [s for s, _ in CAT.metric_subs]
    long_, short = subs[0], next(s for s in reversed(subs) if s not in subs[0])
    text = short + long_
    assert text.index(short) < text.index(long_)
    assert CAT._contained(text) == reference(CAT, text) == CAT.metric_subs[0][1]


def test_no_words_never_match() -> None:
    """An empty synonym list matches nothing (an empty alternation would match everywhere)."""
    cat = Catalogue({"metrics": {}, "fields": {}})
    assert cat._contained("动员科技志愿者数量") is None
    assert reference(cat, "动员科技志愿者数量") is None


def reference_normalize(raw: str, seal_re: re.Pattern[str] | None = None) -> str:
    """normalize_label as regex substitutions."""
    text = unicodedata.normalize("NFKC", raw).translate(_BRACKETS)
    text = re.sub(r"\s+", "", text).lower()
    if seal_re is not None:
        text = seal_re.sub("", text)
    text = _LEAD_RE.sub("", text)
    return re.sub(r"[:;,。.*]+$", "", text)


# numbering, brackets, seal marks, punctuation and whitespace of every kind around label words
LABEL_BITS = st.sampled_from(
    [*WORDS, "1、", "12.", "3)", "(2)", "（4）", "一、", "十二.", "*", "★※", "：", ":", "。", ".", ",", ";", "*",
     "（盖章）", "(盖章)", "盖章", "【", "】", "[", "]", "〔", "〕", "<", ">", "（", "）", "Ａ", "１", "２０",
     " ", "\u3000", "\n", "\t", "\r\n", "\x0b", "\u2028", "\xa0", "İ", "Ⅻ", "ﬁ"]
)  # fmt: skip
LABELS = st.lists(st.one_of(LABEL_BITS, FILLER, st.text(max_size=3)), max_size=6).map("".join)


@settings(max_examples=3000)
@given(LABELS)
def test_normalize_matches_the_substitutions(raw: str) -> None:
    assert normalize_label.__wrapped__(raw) == reference_normalize(raw)
    assert normalize_label.__wrapped__(raw, CAT.seal_re) == reference_normalize(raw, CAT.seal_re)


@given(st.text(st.sampled_from("0123456789,."), max_size=14))
def test_a_plain_number_is_no_label(raw: str) -> None:
    """_match skips normalizing digits, commas and dots: the full path says no label too."""
    text = normalize_label.__wrapped__(raw, CAT.seal_re)
    assert not text or _NUMERIC_RE.match(text)
    assert CAT._match(raw) is None
