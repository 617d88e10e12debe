"""The head and foot of a notice: title, issuing bodies, 文号, edition, the signature and its date.

Layout of a Chinese official notice (GB/T 9704): an optional red head (发文机关 … 文件), the 文号
on a line of its own, the title (发文机关 + 关于 … 的通知, sometimes over two lines), the body, then
the signature (落款: one or more bodies on a line) with the date under it (成文日期). The 印发 line at
the very end (… 2022年4月29日印发) is when the office printed it, not the issue date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from etl.notices.dates import full_date
from etl.notices.vocabulary import labels, org_line, squeeze
from etl.numerals import cn_number

_OPEN, _CLOSE = "（(《〈「", "）)》〉」"


@dataclass
class Header:
    title: str | None = None
    title_line: int | None = None  # index of the title's first line
    header_issuers: list[str] = field(default_factory=list)
    title_issuers: list[str] = field(default_factory=list)
    signature_issuers: list[str] = field(default_factory=list)
    issued_on: date | None = None
    doc_number: str | None = None
    edition: int | None = None

    @property
    def issuers(self) -> list[str]:
        """One source, in order of authority: the red head, the title's prefix, the signature."""
        for source in (self.header_issuers, self.title_issuers, self.signature_issuers):
            if source:
                return list(dict.fromkeys(source))
        return []


def read_header(lines: list[str]) -> Header:
    """Everything above the body and under it; `lines` is the main text (attachments cut off)."""
    head = Header()
    _title(lines, head)
    if head.title_line is not None:
        for line in lines[: head.title_line]:
            if squeeze(line) not in labels()["header_noise"]:
                head.header_issuers.extend(org_line(line))
    _signature(lines, head)
    head.doc_number = find_doc_number(lines, head.title_line or 0)
    m = re.search(labels()["edition_pattern"], "\n".join(lines))
    head.edition = (1 if m["first"] else cn_number(m["n"])) if m else None
    return head


def clean_title(text: str) -> str:
    """Spaces inside a title: none beside Chinese punctuation or inside its last word (通  知)."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s*([“”《》（）「」、，])\s*", r"\1", text)
    for ending in sorted(labels()["title_endings"], key=len, reverse=True):
        spaced = r"\s*".join(map(re.escape, ending))
        if re.search(spaced + r"$", text):
            return re.sub(spaced + r"$", ending, text)
    return text


def _title(lines: list[str], head: Header) -> None:
    spec = labels()
    endings = tuple(spec["title_endings"])
    nonblank = [i for i, line in enumerate(lines) if line.strip()][: spec["title_search_lines"]]
    for i in nonblank:
        text = squeeze(lines[i])
        if not any(marker in text for marker in spec["title_markers"]) or re.search(
            spec["doc_number_pattern"], text
        ):
            continue
        parts = [lines[i].strip()]
        j = i + 1
        # a title runs on over lines (seed 003/004) until one ends it
        while (
            not squeeze("".join(parts)).endswith(endings)
            and j < len(lines)
            and lines[j].strip()
            and len(parts) < 3
        ):
            parts.append(lines[j].strip())
            j += 1
        if not squeeze("".join(parts)).endswith(endings):
            parts = parts[:1]
        head.title = clean_title("".join(parts))  # a title broken over lines joins without a space
        head.title_line = i
        prefix = head.title.split("关于", 1)[0] if "关于" in head.title else ""
        head.title_issuers = org_line(prefix) if prefix else []
        return


def _signature(lines: list[str], head: Header) -> None:
    """The first date line with issuing bodies right above it; else an issuer line that ends the text."""
    for k, line in enumerate(lines):
        when = full_date(line)
        if when is None:
            continue
        above = [j for j in range(max(0, k - 4), k) if lines[j].strip()]
        signers = [org for j in above[-2:] for org in org_line(lines[j])]
        if signers:
            head.signature_issuers, head.issued_on = signers, when
            return
    dated = [full_date(line) for line in lines if full_date(line)]
    if dated:  # a date line alone near the end still dates the notice
        head.issued_on = dated[0]
    last = next((line for line in reversed(lines) if line.strip()), "")
    head.signature_issuers = org_line(last)


def find_doc_number(lines: list[str], title_line: int) -> str | None:
    """The notice's own 文号: on a line of its own (or after 文号：); else one that no bracket or
    citing word ties to another document. Numbers cited in （…）/《…》 are never the notice's own."""
    spec = labels()
    pattern = re.compile(spec["doc_number_pattern"])
    label_re = "|".join(map(re.escape, spec["doc_number_labels"]))
    for line in lines:
        bare = re.sub(rf"^\s*(?:{label_re})\s*[：:]\s*", "", line).strip()
        m = pattern.fullmatch(bare)
        if m:
            return squeeze(m.group(0))
    cite = "|".join(map(re.escape, spec["doc_number_cite_words"]))
    for line in lines[title_line:]:
        for m in pattern.finditer(line):
            before = line[: m.start()]
            # the pattern's leading characters may have swallowed a citing word (按照科协发…)
            sentence = re.split(r"[。；;]", before)[-1] + re.split(r"[〔\[［【(（]", m.group(0))[0]
            if _bracket_depth(before) == 0 and not re.search(cite, sentence):
                return squeeze(m.group(0))
    return None


def _bracket_depth(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    return depth
