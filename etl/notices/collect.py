"""Notice files -> rows for the notice tables, and load_issues rows for what a notice lacks."""

from __future__ import annotations

from pathlib import Path

from etl.issues import InputError, issue_row, unreadable
from etl.notices.parse import NoticeRecord, parse_notice
from etl.pipeline import cache
from etl.pipeline.extract import sha256_of

KIND = "notice"  # load_issues.kind of every row made here


def load_notices(paths: list[Path], cache_dir: Path | None = None) -> tuple[dict[str, list[dict]], list[dict]]:
    """Parse every notice; an unreadable one is a single error row and the rest still load. With `cache_dir`,
    a notice whose bytes and name are unchanged is not read again (a .doc costs LibreOffice 1-2 s)."""
    tables: dict[str, list[dict]] = {}
    issues: list[dict] = []
    read: dict[str, str] = {}  # notice_id (the file name without its suffix) -> the file read under it
    cached = cache.load(cache_dir, cache.NOTICE_CACHE_FILE) if cache_dir else {}
    kept: dict[str, NoticeRecord | InputError] = {}
    for path in paths:
        if path.stem in read:  # 通知.pdf beside 通知.docx: one notice, and its id must stay unique
            issues.append(issue_row(path.name, unreadable("notice_unreadable", _same_name(read[path.stem])),
                                    None, KIND))
            continue
        key = _cache_key(path)
        parsed = cached.get(key) if key else None
        if parsed is None:
            try:
                parsed = parse_notice(path)
            except InputError as exc:
                parsed = InputError(exc.reason_zh, exc.reason_en)  # not the caught one: it holds a traceback
            except Exception as exc:  # a reader bug (PDF, converter) must not stop the build: report it here
                failed = InputError(f"读取时出错：{type(exc).__name__}",
                                    f"reading failed: {type(exc).__name__}: {exc}")
                issues.append(issue_row(path.name, unreadable("notice_unreadable", failed), None, KIND))
                continue  # not remembered: the next build tries again
        if key:
            kept[key] = parsed
        if isinstance(parsed, InputError):
            issues.append(issue_row(path.name, unreadable("notice_unreadable", parsed), None, KIND))
            continue
        record = parsed
        read[path.stem] = path.name
        for table, rows in record.table_rows().items():
            tables.setdefault(table, []).extend(rows)
        issues.extend(issue_row(path.name, it, record.year, KIND) for it in record.issues)
    if cache_dir and kept.keys() != cached.keys():
        cache.save(cache_dir, kept, cache.NOTICE_CACHE_FILE)
    return tables, issues


def _cache_key(path: Path) -> str | None:
    """A notice's bytes and its name (its id and source_file come from the name); None when unreadable."""
    try:
        return f"{sha256_of(path.read_bytes())}\0{path.name}"
    except OSError:
        return None


def _same_name(first: str) -> InputError:
    return InputError(f"与 {first} 同名（一个名称只读一份通知），此文件未读取，请只保留一个版本",
                      f"same name as {first} (one notice per name); this one was not read: keep one version")
