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
    read: dict[str, str] = {}  # notice_id (the file name without its suffix) -> the file read under it
    for path in paths:
        if path.stem in read:  # 通知.pdf beside 通知.docx: one notice, and its id must stay unique
            issues.append(issue_row(path.name, unreadable("notice_unreadable", _same_name(read[path.stem])),
                                    None, KIND))
            continue
        try:
            record = parse_notice(path)
        except InputError as exc:
            issues.append(issue_row(path.name, unreadable("notice_unreadable", exc), None, KIND))
            continue
        except Exception as exc:  # a reader bug (PDF, converter) must not stop the build: report it here
            failed = InputError(f"读取时出错：{type(exc).__name__}", f"reading failed: {type(exc).__name__}: {exc}")
            issues.append(issue_row(path.name, unreadable("notice_unreadable", failed), None, KIND))
            continue
        read[path.stem] = path.name
        for table, rows in record.table_rows().items():
            tables.setdefault(table, []).extend(rows)
        issues.extend(issue_row(path.name, it, record.year, KIND) for it in record.issues)
    return tables, issues


def _same_name(first: str) -> InputError:
    return InputError(f"与 {first} 同名（一个名称只读一份通知），此文件未读取，请只保留一个版本",
                      f"same name as {first} (one notice per name); this one was not read: keep one version")
