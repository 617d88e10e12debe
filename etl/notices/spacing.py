"""Text as a reader writes it: the stray spaces and substituted characters of text taken out of a PDF.

A PDF's text layer puts spaces where the page had none (`创新争先、 自立自强`, `2022 年 5 月30 日`,
`全国科技 工作者日`, `通 知`) and writes some characters as look-alikes: Kangxi radicals (⽇ ⼯, U+2F00…)
and CJK compatibility ideographs for the ordinary ones, zero-width marks. `tidy_line` undoes that before any
matching, so dates, themes, titles and issuers read as in the Word original. Deliberate spaces stay: between
Latin words, between the phrases of a theme (`创新引领 科技报国`: each side a phrase of two or more
characters), and a run of spaces (a signature line `中国科协      科技部`, a tab before a form cell).
Which spaced words are always one (全国科技工作者日 …) is data: notice_labels.yaml `joined_terms`.
`paragraphs` joins the lines a PDF breaks a sentence over (请于2022年6月 / 15日前报送…), so a date split
by a line end still reads.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from etl.notices.vocabulary import NUMBERING, labels

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# full-width punctuation a reader never writes a space beside
_PUNCT = "，、。：；！？“”‘’（）《》【】「」〔〕…—·"
_LOOKALIKES = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")  # radicals and compatibility ideographs
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_ONE = r"(?<![ ])[ ](?![ ])"  # exactly one space (a run of them is deliberate layout)

_NEAR_PUNCT = re.compile(rf"{_ONE}(?=[{_PUNCT}])|(?<=[{_PUNCT}]){_ONE}")
_DIGIT_CJK = re.compile(rf"(?<=\d){_ONE}(?=[{_CJK}])|(?<=[{_CJK}]){_ONE}(?=\d)")
# a space with a single CJK character on one side: 通 知, 联 系 人, 第 八 个 (no phrase is one character)
_LONE_CHAR = re.compile(
    rf"(?<=(?<![{_CJK}])[{_CJK}]){_ONE}(?=[{_CJK}])|(?<=[{_CJK}]){_ONE}(?=[{_CJK}](?![{_CJK}]))"
)


@cache
def _joined_terms() -> tuple[re.Pattern, ...]:
    return tuple(
        re.compile(r"[ ]?".join(map(re.escape, term))) for term in sorted(labels()["joined_terms"], key=len)
    )


def _lookalike(match: re.Match) -> str:
    folded = unicodedata.normalize("NFKC", match.group(0))
    return folded if len(folded) == 1 else match.group(0)


def tidy_line(line: str) -> str:
    """One line as a reader writes it (see the module doc); a leading tab (a form cell) is kept."""
    text = _INVISIBLE.sub("", _LOOKALIKES.sub(_lookalike, line))
    for pattern in (_NEAR_PUNCT, _DIGIT_CJK, _LONE_CHAR):
        text = pattern.sub("", text)
    for term in _joined_terms():
        text = term.sub(lambda m: m.group(0).replace(" ", ""), text)
    return text


_ENDS_SENTENCE = tuple("。；！？：:;!?")
FULL_LINE = 20  # a line this long that stops mid-sentence was broken by the page's width, not by its writer


def paragraphs(lines: list[str]) -> list[str]:
    """Lines with each long line that stops mid-sentence joined to the next one (not to a numbered item,
    a form cell or a blank line); short lines (a title, a signature) stay as they are."""
    out: list[str] = []
    joinable = False
    for line in lines:
        starts_anew = not line.strip() or line.startswith("\t") or NUMBERING.match(line)
        if out and joinable and not starts_anew:
            out[-1] += line.strip()
        else:
            out.append(line)
        last = out[-1].rstrip()
        joinable = (
            len(line.strip()) >= FULL_LINE and not last.endswith(_ENDS_SENTENCE) and not line.startswith("\t")
        )
    return out
