"""The activity forms' labels (data/reference/activity_forms.yaml) and the values written beside them.

A label's value is written after it in the same cell (推荐单位：四川省农技协), else in the cell to its right,
else in the cell below; template text (（盖章）, a parenthesised instruction) is no value. Labels compare
without whitespace (etl/forms/grid.py `norm`); a cell is a label when its text starts with a known one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from etl.forms.grid import Grid, Hit, norm
from etl.forms.records import ActivityForm
from etl.reference import load_yaml

SUMMARY_STARTS = ["组织单位", "填报单位"]  # the summary form's organization label ends a block
LEAD_PUNCT = "：:、，,;； "
PAREN_OPEN = "（("
PAREN_RE = re.compile(r"^\s*[（(]([^）)]*)[）)]")


@cache
def config() -> dict[str, Any]:
    return load_yaml("activity_forms.yaml")


@cache
def known_labels() -> tuple[str, ...]:
    """Every label a block may hold (normalized, longest first): what ends a field or a choice region."""
    cfg = config()
    rec, plan = cfg["recommendation"], cfg["plan"]
    labels = rec["org"] + rec["list_end"] + [x for v in rec["list_header"].values() for x in v]
    labels += [x for v in rec["contacts"].values() for x in v] + ["推荐名单"]
    labels += plan["org"] + [x for v in plan["fields"].values() for x in v]
    labels += [x for v in plan["contacts"].values() for x in v] + plan["other_labels"]
    labels += plan["modules"]["anchor"] + plan["target_groups"]["anchor"] + SUMMARY_STARTS
    return tuple(sorted({norm(k) for k in labels}, key=len, reverse=True))


def known_label(text: str) -> str | None:
    """The known label a cell's text starts with, or None: the activity forms' matcher for `Grid`."""
    n = norm(text)
    return next((k for k in known_labels() if n.startswith(k)), None) if n else None


def which_label(text: str, labels: list[str]) -> str:
    """The one of `labels` that `text` starts with (the caller found `text` by these labels)."""
    return next(x for x in labels if norm(text).startswith(norm(x)))


def strip_placeholders(text: str) -> str:
    for p in config()["placeholders"]:
        text = text.replace(p, "")
    return text.strip()


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
    return strip_placeholders(rest.strip(LEAD_PUNCT + "\u3000\n"))


def value_of(grid: Grid[str], hit: Hit, label: str) -> tuple[str, int, int]:
    """The value of a label: written after it in the same cell, else to its right, else below.

    Returns (text, row, col) of where it was found; an empty field gives ('', row, col) of the
    cell to the right, so the address still says where it should have been written.
    """
    rest = after_label(hit.text, label)
    if rest:
        return rest, hit.row, hit.col
    right, below = grid.beside(hit.row, hit.col)
    for r, c in (right, below):
        t = strip_placeholders(grid.text(r, c))
        if t and not grid.is_label(r, c):
            return t, r, c
    return "", right[0], right[1]


def labelled(grid: Grid[str], block: range, labels: list[str]) -> tuple[str | None, str | None]:
    """(value, cell) of the first of `labels` in the block; (None, None) when no such label."""
    hit = grid.first(labels, block)
    if hit is None:
        return None, None
    value, r, c = value_of(grid, hit, which_label(hit.text, labels))
    return (value or None), grid.addr(r, c)


def read_contacts(grid: Grid[str], block: range, spec: dict[str, list[str]], out: ActivityForm) -> None:
    """Contact fields of a block (personal: the loader keeps them apart) appended to `out.contacts`."""
    for fld, labels in spec.items():
        for hit in grid.find(labels, block):
            label = which_label(hit.text, labels)
            if fld == "contact_name" and norm(hit.text) != norm(label):
                continue  # 联系人 is a label on its own; 主办单位联系人 is a heading
            value, r, c = value_of(grid, hit, label)
            if value:
                out.contacts.append(
                    {"sheet": grid.name, "cell": grid.addr(r, c), "field": fld, "value": value}
                )
