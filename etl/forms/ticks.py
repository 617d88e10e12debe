"""Tick marks and choice cells of the activity forms: which of 主题活动模块 / 面向群体 is ticked.

People tick in many ways: √ ✓ ☑ v 是 inside parentheses after an option, a mark after it, a box before it,
a tick cell beside it, or only the chosen names written. The marks come from activity_forms.yaml
(`ticks`, `not_ticked`).
"""

from __future__ import annotations

from etl.forms.activity_labels import LEAD_PUNCT, PAREN_OPEN, PAREN_RE, after_label, config, which_label
from etl.forms.grid import Grid


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


def ticked_options(grid: Grid[str], block: range, spec: dict) -> list[str]:
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
        for c, text in enumerate(grid.text_rows[r]):
            if (r, c) == (anchor.row, anchor.col):  # choices written inline after the label
                text = after_label(text, which_label(text, spec["anchor"]))
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
        if sum(o in grid.text_rows[r][c] for o in options) == 1:  # a name on its own: a tick cell beside it
            states[opt] = tick_beside(grid, r, c, range(anchor.row, stop), options)
    return [o for o in options if states.get(o)]


def tick_beside(grid: Grid[str], r: int, c: int, region: range, options: list[str]) -> bool | None:
    """The mark in the cell right of (or below) an option named on its own, within the choice region."""
    for rr, cc in grid.beside(r, c):
        if rr not in region:
            continue
        t = grid.text(rr, cc)
        if not t or any(o in t for o in options) or grid.is_label(rr, cc):
            continue
        return mark_state(t)
    return None
