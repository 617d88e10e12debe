"""One submitted file -> a plain, picklable extraction result.

Runs in worker processes and its result is cached by content hash, so it depends only on the
file's bytes (never on its path or time): year, organization and duplicates are resolved later.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from etl.forms.activities import ActivityForm, has_activity_form, parse_activity_form
from etl.forms.summary import parse_form
from etl.issues import InputError, Issue
from etl.pipeline.canary import read_in_child
from etl.readers.convert import converted
from etl.readers.docx import read_docx_workbook
from etl.readers.formats import CONVERTED_SUFFIXES, DOCUMENT_SUFFIXES, SUBMISSION_SUFFIXES, listed
from etl.readers.safety import has_macros
from etl.readers.workbook import Workbook, read_workbook


@dataclass
class Extracted:
    """What one file holds, before it is placed in a year, an organization and a channel."""

    sha256: str
    file_size: int
    file_format: str
    error: InputError | None = None  # the file could not be read: why, in both languages
    form: str | None = None  # summary | recommendation | plan | None (not a form)
    modified_at: datetime | None = None  # the workbook's own modified time
    is_demo: bool = False
    has_macros: bool = False
    org_name: str | None = None
    org_sheet: str | None = None
    org_cell: str | None = None
    title: str | None = None
    year_hint: int | None = None
    has_channels: bool = False  # values split by 农技协 / 科技小院 / 科普教育基地 (seed 000's form)
    values: list[dict] = field(default_factory=list)  # cell_values rows without submission columns
    contacts: list[dict] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    activity_form: ActivityForm | None = None  # 附件2 / 2021 plans


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _demo_marked(properties: dict[str, str]) -> bool:
    """The demo generator signs its workbooks in their own properties (see etl/demo/generate.py)."""
    text = " ".join(str(properties.get(k) or "") for k in ("creator", "keywords", "description"))
    return "demo-data" in text or "演示数据" in text


def _unparsed(data: bytes, suffix: str) -> Extracted:
    """What a file is before anything is read from it: its hash, size and format."""
    return Extracted(sha256=sha256_of(data), file_size=len(data), file_format=suffix.lstrip("."))


def extract_file(path: Path) -> Extracted:
    """Read and parse one file; never raises for bad input (the problem goes into `error`)."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    result = _unparsed(data, suffix)
    if suffix not in SUBMISSION_SUFFIXES:
        result.error = InputError(
            f"不是受支持的文件格式（{suffix or '无扩展名'}），请提交 {listed(SUBMISSION_SUFFIXES)} 文件",
            f"not a supported file format ({suffix or 'no extension'}); send {', '.join(SUBMISSION_SUFFIXES)}",
        )
        return result
    try:
        wb = _read(path, data)
    except InputError as exc:
        # a fresh error: the caught one holds its traceback and, through it, the file's bytes
        result.error = InputError(exc.reason_zh, exc.reason_en)
        return result
    except Exception as exc:  # a reader bug must not stop the build: report it on this file
        result.error = InputError(
            f"读取时出错：{type(exc).__name__}", f"reading failed: {type(exc).__name__}: {exc}"
        )
        return result

    result.modified_at = wb.modified_at
    result.is_demo = _demo_marked(wb.properties)
    # a converted file has lost its VBA project: the original's bytes say whether it had one
    result.has_macros = wb.has_macros or (suffix in CONVERTED_SUFFIXES and has_macros(data))
    try:
        parsed = parse_form(wb)
    except Exception as exc:
        result.error = InputError(
            f"解析时出错：{type(exc).__name__}", f"parsing failed: {type(exc).__name__}: {exc}"
        )
        return result
    result.form = parsed.form
    result.org_name = parsed.org_name
    result.org_sheet = parsed.org_sheet
    result.org_cell = parsed.org_cell
    result.title = parsed.title
    result.year_hint = parsed.year_hint
    result.values = [dict(vars(v)) for v in parsed.values]  # flat dataclasses: asdict's deep copy is slow
    result.has_channels = any(v.channel for v in parsed.values)
    result.contacts = [dict(vars(c)) for c in parsed.contacts]
    result.issues = list(parsed.issues)
    if parsed.form in ("recommendation", "plan") or (parsed.form == "summary" and _activity_form_beside(wb)):
        _extract_activities(wb, result)
    return result


def extract_isolated(path: Path) -> Extracted:
    """`extract_file`, after the file has been read to the end in a child process (etl/pipeline/canary.py):
    a file that ends or stalls the child is rejected with the reason and never read here."""
    try:
        read_in_child(path)
    except InputError as exc:
        result = _unparsed(path.read_bytes(), path.suffix.lower())
        result.error = exc
        return result
    return extract_file(path)


def _read(path: Path, data: bytes | None = None) -> Workbook:
    """The file's cells; a .doc/.wps/.et is converted by LibreOffice first, and what it writes is read by
    the same checked readers as a received .docx/.xlsx (etl/readers/convert.py). `data`: a workbook's bytes,
    read already for its hash (not read twice)."""
    suffix = path.suffix.lower()
    if suffix in CONVERTED_SUFFIXES:
        with converted(path) as copy:
            return _read(copy)
    return read_docx_workbook(path) if suffix in DOCUMENT_SUFFIXES else read_workbook(path, data=data)


def _activity_form_beside(wb: Workbook) -> bool:
    """附件2 or a plan on a sheet of its own beside the summary form (one-sheet files skip the scan)."""
    if sum(1 for s in wb.sheets if not s.skipped) < 2:
        return False
    return has_activity_form(wb)


def _extract_activities(wb: Workbook, result: Extracted) -> None:
    """Recommended activities (附件2) and 2021 plans: see etl/forms/activities.py."""
    form = parse_activity_form(wb)
    result.org_name = result.org_name or form.org_name
    result.year_hint = result.year_hint or form.year_hint
    result.issues.extend(form.issues)
    seen = {(c.get("sheet"), c.get("cell"), c.get("field")) for c in result.contacts}
    for c in form.contacts:
        row = c if isinstance(c, dict) else asdict(c)
        key = (row.get("sheet"), row.get("cell"), row.get("field"))
        if key not in seen:  # the summary parser may have read the same contact cell already
            seen.add(key)
            result.contacts.append(row)
    result.activity_form = form  # its rows need submission columns: built by the loader


def extract_many(paths: list[Path] | list[str]) -> list[Extracted]:
    """Worker entry point: a chunk of files per task keeps process overhead low."""
    return [extract_file(Path(p)) for p in paths]
