"""Label-anchored reading of one sheet (or Word table) for the activity forms, and tick marks.

A `Grid` wraps a `Sheet` (rows + merged ranges) so the form readers ask in the form's own words:
"the value beside 主办单位名称", "the cells between 主题活动模块 and the next label", "is 团结引领 ticked".
Labels and tick marks come from data/reference/activity_forms.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from etl.readers.cells import a1
from etl.reference import load_yaml

SPACE_RE = re.compile(r"\s+")
LEAD_PUNCT = "：:、，,;； "
PAREN_OPEN = "（("
PAREN_RE = re.compile(r"^\s*[（(]([^）)]*)[）)]")


@cache
def config() -> dict[str, Any]:
    return load_yaml("activity_forms.yaml")


def norm(text: str) -> str:
    """Labels compare without any whitespace: 联 系 人 == 联系人, 主办单位\\n联系人 == 主办单位联系人."""
    return SPACE_RE.sub("", text)


def cell_text(value: Any) -> str:
    """A cell as the person wrote it: 3.0 -> '3', a date -> '2021-05-30', None -> ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def mark_state(segment: str) -> bool | None:
    """True: ticked; False: explicitly not ticked; None: nothing written.

    Any tick mark wins; then a 'no' mark; anything else written counts as a filled box (ticked).
    """
    text = segment.strip(LEAD_PUNCT + "\u3000\t\n")
    if not text:
        return None
    cfg = config()
    if any(t in text for t in cfg["ticks"]):
        return True
    no_marks = "".join(cfg["not_ticked"]) + " \u3000"
    return not (text in cfg["not_ticked"] or all(ch in no_marks for ch in text))


@dataclass(frozen=True)
class Hit:
    row: int
    col: int
    text: str  # the cell text as written


class Grid:
    """One sheet/table: text by position, merged spans, and label lookup."""

    def __init__(self, sheet: Any, known_labels: list[str]) -> None:
        self.name: str = sheet.name
        self.rows: list[list[str]] = [[cell_text(v) for v in row] for row in sheet.rows]
        self.norms: list[list[str]] = [[norm(t) for t in row] for row in self.rows]
        self.span: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in getattr(sheet, "merged", []) or []:
            self.span[(r0, c0)] = (r1, c1)
            for r in range(r0, r1 + 1):  # covered cells: readers must never take them as values
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        self.span.setdefault((r, c), (-1, -1))
        self.known = sorted({norm(k) for k in known_labels}, key=len, reverse=True)

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def text(self, r: int, c: int) -> str:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return ""

    def addr(self, r: int, c: int) -> str:
        return a1(r, c)

    def is_label(self, r: int, c: int) -> bool:
        n = self.norms[r][c] if 0 <= r < len(self.norms) and 0 <= c < len(self.norms[r]) else ""
        return bool(n) and any(n.startswith(k) for k in self.known)

    def find(self, labels: list[str], rows: range | None = None) -> list[Hit]:
        """Cells whose text starts with one of the labels, in reading order."""
        wanted = [norm(x) for x in labels]
        hits = []
        for r in rows if rows is not None else range(self.n_rows):
            for c, n in enumerate(self.norms[r] if r < self.n_rows else []):
                if n and any(n.startswith(w) for w in wanted):
                    hits.append(Hit(r, c, self.rows[r][c]))
        return hits

    def first(self, labels: list[str], rows: range | None = None) -> Hit | None:
        hits = self.find(labels, rows)
        return hits[0] if hits else None

    def end_of(self, r: int, c: int) -> tuple[int, int]:
        """Last (row, col) covered by the merged range starting at (r, c)."""
        end = self.span.get((r, c))
        return end if end and end[0] >= 0 else (r, c)

    def value_of(self, hit: Hit, label: str) -> tuple[str, int, int]:
        """The value of a label: written after it in the same cell, else to its right, else below.

        Returns (text, row, col) of where it was found; an empty field gives ('', row, col) of the
        cell to the right, so the address still says where it should have been written.
        """
        rest = after_label(hit.text, label)
        if rest:
            return rest, hit.row, hit.col
        r1, c1 = self.end_of(hit.row, hit.col)
        right = (hit.row, c1 + 1)
        below = (r1 + 1, hit.col)
        for r, c in (right, below):
            t = _strip_placeholders(self.text(r, c))
            if t and not self.is_label(r, c):
                return t, r, c
            if self.is_label(r, c):
                continue
        return "", right[0], right[1]

    def next_label_row(self, after_row: int, limit: int) -> int:
        """First row below `after_row` that holds a known label (the end of a block)."""
        for r in range(after_row + 1, min(limit, self.n_rows)):
            if any(self.is_label(r, c) for c in range(len(self.rows[r]))):
                return r
        return min(limit, self.n_rows)


def after_label(text: str, label: str) -> str:
    """'推荐单位：四川省农技协（盖章）' -> '四川省农技协'; an instruction in parentheses is skipped."""
    compact = text.strip()
    n = norm(compact)
    lab = norm(label)
    if not n.startswith(lab):
        return ""
    # walk the original text past the label's characters (whitespace inside labels is allowed)
    i = k = 0
    while i < len(compact) and k < len(lab):
        if not compact[i].isspace():
            k += 1
        i += 1
    rest = compact[i:]
    while True:  # 主题活动模块（请在相应模块划√，可多选）: the instruction is template text
        m = PAREN_RE.match(rest)
        if not m:
            break
        rest = rest[m.end() :]
    return _strip_placeholders(rest.strip(LEAD_PUNCT + "\u3000\n"))


def _strip_placeholders(text: str) -> str:
    for p in config()["placeholders"]:
        text = text.replace(p, "")
    return text.strip()


def is_mark(ch: str) -> bool:
    cfg = config()
    return bool(ch) and (ch in cfg["ticks"] or ch in cfg["not_ticked"])


def parse_choices(text: str, options: list[str]) -> tuple[dict[str, bool | None], set[str]]:
    """Ticks for the options written in one cell, e.g. '科协系统干部（√）科技工作者（）海外同行（✔）'.

    Three ways people mark a choice: inside parentheses after the name, a mark after the name,
    a box/mark before it (☑科技工作者 □海外同行). Returns (state per option found, options that
    have an empty parenthesised slot). State None means nothing was written for that option.
    """
    spots = sorted((text.find(o), o) for o in options if o in text)
    if not spots:
        return {}, set()
    parens = any(text[p + len(o) :].lstrip().startswith(tuple(PAREN_OPEN)) for p, o in spots)
    prefix = not parens and is_mark(text.lstrip()[:1])
    out: dict[str, bool | None] = {}
    slotted: set[str] = set()
    for i, (pos, opt) in enumerate(spots):
        end = pos + len(opt)
        nxt = spots[i + 1][0] if i + 1 < len(spots) else len(text)
        prev = spots[i - 1][0] + len(spots[i - 1][1]) if i else 0
        if parens:
            m = PAREN_RE.match(text[end:nxt])
            out[opt] = mark_state(m.group(1)) if m else None
            if m and out[opt] is None:
                slotted.add(opt)
        elif prefix:
            out[opt] = mark_state(text[prev:pos])
        else:
            out[opt] = mark_state(text[end:nxt])
    return out, slotted


def ticked_options(grid: Grid, block: range, spec: dict) -> list[str]:
    """Options ticked under an anchor label (主题活动模块 / 面向群体), in the form's own order."""
    options: list[str] = spec["options"]
    anchor = grid.first(spec["anchor"], block)
    if anchor is None:
        return []
    r_end, _ = grid.end_of(anchor.row, anchor.col)
    stop = max(grid.next_label_row(anchor.row, block.stop), r_end + 1)
    states: dict[str, bool | None] = {}
    where: dict[str, tuple[int, int]] = {}
    slotted: set[str] = set()
    for r in range(anchor.row, stop):
        for c, text in enumerate(grid.rows[r]):
            if (r, c) == (anchor.row, anchor.col):
                label = next(x for x in spec["anchor"] if norm(text).startswith(norm(x)))
                text = after_label(text, label)  # choices written inline after the label
            found, empty_slots = parse_choices(text, options)
            for opt, state in found.items():
                if opt not in states or states[opt] is None:
                    states[opt], where[opt] = state, (r, c)
            slotted |= empty_slots
    written_in = set(states) != set(options) and not slotted
    for opt, state in list(states.items()):
        if state is not None:
            continue
        if written_in:  # 主题活动模块 | 团结引领、为民服务: the names written are the choice
            states[opt] = True
            continue
        r, c = where[opt]
        if sum(o in grid.rows[r][c] for o in options) == 1:  # a name on its own: a tick cell beside it
            states[opt] = tick_beside(grid, r, c, range(anchor.row, stop), options)
    return [o for o in options if states.get(o)]


def tick_beside(grid: Grid, r: int, c: int, region: range, options: list[str]) -> bool | None:
    r1, c1 = grid.end_of(r, c)
    for rr, cc in ((r, c1 + 1), (r1 + 1, c)):
        if rr not in region:
            continue
        t = grid.text(rr, cc)
        if not t or any(o in t for o in options) or grid.is_label(rr, cc):
            continue
        return mark_state(t)
    return None
