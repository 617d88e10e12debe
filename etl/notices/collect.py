"""Notice files -> rows for the notice tables, and load_issues rows for what a notice lacks."""

from __future__ import annotations

from pathlib import Path

from etl.issues import issue


def load_notices(paths: list[Path]) -> tuple[dict[str, list[dict]], list[dict]]:
    """Parse every notice; an unreadable one is a single error row and the rest still load."""
    from etl.notices.parse import NoticeError, parse_notice

    tables: dict[str, list[dict]] = {}
    issues: list[dict] = []
    for path in paths:
        try:
            record = parse_notice(path)
        except NoticeError as exc:
            it = issue("notice_unreadable", reason=exc.reason_zh, reason_en=exc.reason_en)
            issues.append(_row(path, it, None))
            continue
        for table, rows in record.table_rows().items():
            tables.setdefault(table, []).extend(rows)
        issues.extend(_row(path, it, record.year) for it in record.issues)
    return tables, issues


def _row(path: Path, it, year: int | None) -> dict:
    return {
        "source_file": path.name, "sheet": it.sheet, "cell": it.cell, "severity": it.severity,
        "code": it.code, "message": it.message, "message_en": it.message_en, "year": year,
        "kind": "notice",
    }
