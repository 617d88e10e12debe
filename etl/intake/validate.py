"""`python -m etl validate FILE...`: the checks of a build, for received files, loading nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from etl.issues import issue_place
from etl.pipeline.extract import extract_file
from etl.pipeline.resolve import FileInput, Rows, resolve


def check_file(path: Path, display_name: str | None = None) -> Rows:
    """Every row a build would make of this one file (its year from its folder, as in a build)."""
    name = display_name or path.name
    parent = path.parent.name
    source = f"{parent}/{name}" if parent.isdigit() and len(parent) == 4 else name
    ex = extract_file(path)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return resolve([FileInput(source, ex, mtime)])


def format_issue(row: dict, file_label: str, lang: str) -> str:
    where = issue_place(row)
    level = {"error": "错误 error", "warning": "警告 warning"}[row["severity"]]
    text = {"zh": row["message"], "en": row["message_en"]}.get(
        lang, f"{row['message']} / {row['message_en']}"
    )
    return f"{file_label}{' ' + where if where else ''}: {level} ({row['code']}): {text}"


def validate_files(paths: list[Path], lang: str = "both") -> int:
    """Print each problem with file, sheet, cell and message; 1 when any file has an error."""
    any_error = False
    for path in paths:
        if not path.is_file():
            print(f"{path}: 错误 error (missing): 文件不存在 / no such file")
            any_error = True
            continue
        rows = check_file(path)
        sub = rows.submissions[0]
        for row in rows.issues:
            print(format_issue(row, str(path), lang))
            any_error |= row["severity"] == "error"
        used = sum(1 for v in rows.cell_values if v["role"] == "value" and v["value"] is not None)
        verdict = "可导入 / accepted" if sub["status"] == "loaded" else "拒收 / rejected"
        print(
            f"{path}: {verdict} — {sub['org_name'] or '?'} {sub['year'] or '?'} "
            f"({sub['org_level'] or '-'}, {sub['reporting_system'] or '-'}), {used} 个数值 values"
        )
    return 1 if any_error else 0
