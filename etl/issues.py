"""Problems found while reading inputs, with bilingual messages from data/reference/issue_codes.yaml.

Every module reports through `issue(code, ...)`, so a message exists once, in both languages,
and `load_issues.code` is always a known code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from etl.reference import load_yaml


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
