"""Attachments of a notice (附件1, 附件2 …) and, for an attached form, the fields it asks for.

The list after 附件： gives numbers and titles; a line 附件1 / 附件 later starts the attachment itself.
Form rows are tab-prefixed cells (see etl/notices/files.py). A cell is a field label when the cell after
it is empty, a template mark such as （盖章）, or a choice such as 团结引领（）; a row of labels
followed by a row numbered 1 is a list's column header. Fields are mapped to metric codes with the
label synonyms of data/reference/metrics.yaml; a 开展活动数量 on a row of its own channel
(动员科技小院数量 … 开展活动数量) takes that row's channel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.forms.vocabulary import catalogue
from etl.notices.vocabulary import labels, squeeze
from etl.numerals import cn_number

_LIST_HEAD = re.compile(r"^\s*附\s*件\s*[：:]\s*(?P<rest>.*)$")
_LIST_ITEM = re.compile(r"^\s*(?P<n>\d{1,2})\s*[.．、]\s*(?P<title>.+?)\s*$")
_BODY_HEAD = re.compile(
    r"^\s*附\s*件\s*(?P<n>[0-9一二三四五六七八九十]{0,2})\s*[：:]?\s*(?P<title>[^。，；]{0,40})$"
)


@dataclass
class FormField:
    label: str
    metric: str | None
    channel: str | None


@dataclass
class Attachment:
    seq: int
    title: str
    is_form: bool = False
    fields: list[FormField] = field(default_factory=list)


def split_attachments(lines: list[str]) -> tuple[list[str], list[Attachment]]:
    """(main text lines, attachments with their fields). The main text stops where the first
    attachment itself begins; the 附件： list stays in the main text."""
    listed: dict[int, str] = {}
    in_list: set[int] = set()
    for i, line in enumerate(lines):
        m = _LIST_HEAD.match(line)
        if not m:
            continue
        items = [(i, m["rest"])] if m["rest"].strip() else []
        j = i + 1
        while j < len(lines) and (_LIST_ITEM.match(lines[j]) or not lines[j].strip() and not items):
            if lines[j].strip():
                items.append((j, lines[j]))
            j += 1
        for k, (idx, text) in enumerate(items):
            im = _LIST_ITEM.match(text)
            listed[int(im["n"]) if im else k + 1] = (im["title"] if im else text).strip().rstrip("；;。")
            in_list.add(idx)
        in_list.add(i)
    starts = [i for i, line in enumerate(lines) if i not in in_list and _BODY_HEAD.match(line)]
    main = lines[: starts[0]] if starts else lines
    bodies: dict[int, Attachment] = {}
    for pos, start in enumerate(starts):
        end = starts[pos + 1] if pos + 1 < len(starts) else len(lines)
        m = _BODY_HEAD.match(lines[start])
        seq = cn_number(m["n"]) if m["n"] else pos + 1
        attachment = _read_body(seq or pos + 1, m["title"].strip(), lines[start + 1 : end])
        bodies.setdefault(attachment.seq, attachment)
    out = []
    for seq in sorted(set(listed) | set(bodies)):
        att = bodies.get(seq) or Attachment(seq, listed[seq])
        if seq in listed:
            att.title = listed[seq]
        att.is_form = att.is_form or any(w in att.title for w in labels()["attachment_form_words"])
        out.append(att)
    return main, out


def _read_body(seq: int, title: str, lines: list[str]) -> Attachment:
    rows, texts, title_lines = _rows(lines)
    title = title or "".join(t.strip() for t in title_lines)
    att = Attachment(seq, title, is_form=bool(rows))
    inline = re.compile(labels()["form_inline_field"])
    found: list[tuple[str, int | None]] = [
        (m["label"], None) for line in texts for m in inline.finditer(line)
    ]
    for r, row in enumerate(rows):
        found.extend((label, r) for label in _row_fields(row, rows[r + 1] if r + 1 < len(rows) else None))
    att.fields = _map_fields(found, rows)
    return att


def _rows(lines: list[str]) -> tuple[list[list[str]], list[str], list[str]]:
    """Tab-prefixed cells grouped into rows (a blank line ends a row); other lines are text.
    The short text lines before anything else are the attachment's title."""
    rows: list[list[str]] = []
    texts: list[str] = []
    title: list[str] = []
    row: list[str] | None = None
    for line in lines:
        if line.startswith("\t"):
            if row is None:
                row = []
                rows.append(row)
            row.append(line.strip())
        elif not line.strip():
            row = None
        elif row is not None:
            row[-1] = (row[-1] + line.strip()).strip()  # a cell's text runs on without a tab
        elif not rows and not texts and len(line.strip()) <= 40 and not re.search(r"[：:]", line):
            title.append(line)
        else:
            texts.append(line)
    return rows, texts, title


def _is_blank(cell: str) -> bool:
    return not cell or any(re.match(p, cell) for p in labels()["form_placeholders"])


def _is_option(cell: str) -> bool:
    return bool(re.search(labels()["form_option_pattern"], cell))


def _clean_label(cell: str) -> str:
    return squeeze(re.sub(labels()["form_label_instruction"], "", cell))


def _row_fields(row: list[str], next_row: list[str] | None) -> list[str]:
    cells = [c.strip() for c in row]
    labelled = [c for c in cells if not _is_blank(c) and not _is_option(c)]
    if len(labelled) >= 2 and len(labelled) == len(cells) and next_row and next_row[0].strip() == "1":
        return [_clean_label(c) for c in labelled]  # column headers of a numbered list
    out = []
    for i, cell in enumerate(cells[:-1]):
        if _is_blank(cell) or _is_option(cell):
            continue
        after = cells[i + 1]
        if _is_blank(after) or _is_option(after):
            out.append(_clean_label(cell))
    return [label for label in out if label]


def _metric_of(label: str) -> tuple[str | None, str | None]:
    """('动员科技小院数量（个）') -> ('units_mobilized', '科技小院'), with the submission forms' matcher;
    a field that is not a metric -> (None, None)."""
    found = catalogue().match(label)
    if found is None or found.kind != "metric":
        return None, None
    return found.target, found.channel


def _map_fields(found: list[tuple[str, int | None]], rows: list[list[str]]) -> list[FormField]:
    """Metric and channel per field; a field with a metric but no channel takes its row's channel."""
    row_channel: list[str | None] = []
    for row in rows:
        channels = (_metric_of(_clean_label(c))[1] for c in row if c.strip())
        row_channel.append(next((ch for ch in channels if ch), None))
    out: list[FormField] = []
    for label, r in found:
        metric, channel = _metric_of(label)
        if metric and not channel and r is not None:
            channel = row_channel[r]
        out.append(FormField(label, metric, channel))
    return out
