"""Problems found while reading inputs: `Issue` rows built by `issue(code, ...)` from the bilingual
messages in data/reference/issue_codes.yaml, and `InputError`, raised when an input cannot be read at all.

Every module reports through `issue(code, ...)`, so a message exists once, in both languages,
and `load_issues.code` is always a known code. Every reader refuses a file with `InputError`, whose two
reasons become the `{reason}` / `{reason_en}` of an `*_unreadable` issue or a line on the upload page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from etl.reference import load_yaml


class InputError(Exception):
    """An input that cannot be read at all: a submitted file, a notice, an upload. Both reasons are shown
    to people as they are, so they are written for the sender, not for a developer."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_zh, reason_en)  # both in args, so a pickled error (the parse cache) unpickles
        self.reason_zh = reason_zh
        self.reason_en = reason_en

    def __str__(self) -> str:
        return f"{self.reason_zh} / {self.reason_en}"  # a log line, or the upload page's text, in both

    def __eq__(self, other: object) -> bool:
        # equal by reasons: an error read back from the cache is the same error
        return isinstance(other, InputError) and self.args == other.args

    def __hash__(self) -> int:
        return hash(self.args)


@dataclass(frozen=True)
class Issue:
    severity: str  # error | warning
    code: str
    message: str  # 中文
    message_en: str
    sheet: str | None = None
    cell: str | None = None


@cache
def issue_codes() -> dict[str, dict[str, str]]:
    """code -> {severity, zh, en}; templates use str.format fields."""
    return load_yaml("issue_codes.yaml")["codes"]


QUOTE_LIMIT = 120  # characters of a cell quoted in a message; the cell itself stays in cell_values


def _short(value: Any) -> Any:
    """A 100 KB cell must not become a 100 KB message: quote its start and say how long it is."""
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return f"{value[:QUOTE_LIMIT]}…（{len(value)}字 chars）"
    return value


def issue(code: str, sheet: str | None = None, cell: str | None = None, **params: Any) -> Issue:
    """Build an Issue from its code; unknown codes are a programming error, so they raise."""
    spec = issue_codes()[code]
    params = {k: _short(v) for k, v in params.items()}
    return Issue(
        severity=spec["severity"],
        code=code,
        message=spec["zh"].format(**params),
        message_en=spec["en"].format(**params),
        sheet=sheet,
        cell=cell,
    )


def unreadable(code: str, error: InputError) -> Issue:
    """The issue for an input that could not be read at all (file_unreadable, notice_unreadable): its
    `{reason}` and `{reason_en}` are the error's two reasons."""
    return issue(code, reason=error.reason_zh, reason_en=error.reason_en)


def issue_row(source_file: str, it: Issue, year: int | None, kind: str) -> dict[str, Any]:
    """One `load_issues` row (etl/pipeline/schema.sql): the file, the issue and where it is.
    `kind` is the input the file is: submission | notice."""
    return {
        "source_file": source_file,
        "sheet": it.sheet,
        "cell": it.cell,
        "severity": it.severity,
        "code": it.code,
        "message": it.message,
        "message_en": it.message_en,
        "year": year,
        "kind": kind,
    }


def issue_place(row: dict[str, Any]) -> str:
    """"[sheet] cell" of a load_issues row, as much of it as the row has ("" for a file-level issue)."""
    return " ".join(x for x in (row.get("sheet") and f"[{row['sheet']}]", row.get("cell")) if x)
