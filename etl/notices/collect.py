"""Notice files -> rows for the notice tables, and load_issues rows for what a notice lacks."""

from __future__ import annotations

from pathlib import Path

from etl.issues import InputError, issue_row, unreadable
from etl.notices.parse import parse_notice

KIND = "notice"  # load_issues.kind of every row made here


def load_notices(paths: list[Path]) -> tuple[dict[str, list[dict]], list[dict]]:
    """Parse every notice; an unreadable one is a single error row and the rest still load."""
    tables: dict[str, list[dict]] = {}
    issues: list[dict] = []
    for path in paths:
        try:
            record = parse_notice(path)
        except InputError as exc:
            issues.append(issue_row(path.name, unreadable("notice_unreadable", exc), None, KIND))
            continue
        for table, rows in record.table_rows().items():
            tables.setdefault(table, []).extend(rows)
        issues.extend(issue_row(path.name, it, record.year, KIND) for it in record.issues)
    return tables, issues
