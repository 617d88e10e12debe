"""Received files (workbooks, Word/WPS tables) -> checked, then (on confirmation) stored and loaded. No Streamlit here.

The upload page (dashboard/app_pages/upload.py) calls three functions:
- `check_upload(name, data)`: the checks of `python -m etl validate` on the bytes, in a private temp
  folder; nothing is stored. Returns a `Checked` with the rows a build would make and a review table.
- `store(checked, submissions_dir, year)`: writes the file under `<submissions>/<year>/`, never
  overwriting (a second file with the same name gets `-2`, `-3` ... and the duplicate rule decides).
- `accept(checked_files, ...)`: stores every confirmed file, then rebuilds the database under its lock.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import duckdb

from etl.intake.validate import check_file
from etl.issues import InputError, issue_row, unreadable
from etl.pipeline.build import BuildSummary, build
from etl.pipeline.canary import read_in_child
from etl.pipeline.resolve import Rows
from etl.readers.formats import SUBMISSION_SUFFIXES, listed
from etl.readers.safety import MAX_FILE_BYTES, has_macros, too_large

MAX_UPLOAD_BYTES = MAX_FILE_BYTES  # 20 MB, as .streamlit/config.toml server.maxUploadSize
MAX_NAME_CHARS = 120
YEAR_RE = re.compile(r"^20[0-9]{2}$")
# Decision: uploads with a VBA project are refused, not stripped. Stripping would store bytes the unit
# never sent (and a changed hash); the form needs no macros, so the sender re-saves it as .xlsx.
MACRO_REFUSAL = InputError(
    "含宏（VBA 工程）：上传不接收带宏的文件，请在 Excel 中另存为不含宏的 .xlsx 后重新上传",
    "holds macros (a VBA project): uploads never keep macros; save it from Excel as a macro-free "
    ".xlsx and upload again",
)
# The formats a build reads (etl/readers/formats.py): the upload accepts the same, no more, no fewer.
NOT_A_WORKBOOK = InputError(
    f"只接收 {listed(SUBMISSION_SUFFIXES)} 文件", f"only {', '.join(SUBMISSION_SUFFIXES)} files are accepted"
)
UPLOAD_TYPES = [s.lstrip(".") for s in SUBMISSION_SUFFIXES]  # the upload page's file chooser
UNSAFE_NAME_RE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


@dataclass
class Checked:
    """One received file after the checks: what a build would make of it."""

    name: str  # safe file name (no folders), as it will be stored
    data: bytes
    sha256: str
    rows: Rows
    problems: list[InputError] = field(default_factory=list)  # refusals before parsing (size, type), macros

    @property
    def submission(self) -> dict:
        return self.rows.submissions[0]

    @property
    def year(self) -> int | None:
        return self.submission["year"]

    @property
    def accepted(self) -> bool:
        """Loadable: not rejected by the checks (warnings are allowed)."""
        return not self.problems and self.submission["status"] == "loaded"

    @property
    def errors(self) -> list[dict]:
        return [i for i in self.rows.issues if i["severity"] == "error"]

    @property
    def warnings(self) -> list[dict]:
        return [i for i in self.rows.issues if i["severity"] == "warning"]


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder, hide itself or break a shell: folders dropped,
    control and reserved characters replaced, leading dots removed (hidden files are not read)."""
    base = PurePath(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    base = UNSAFE_NAME_RE.sub("_", base).strip().lstrip(".~$ ")
    stem, suffix = os.path.splitext(base)
    stem = stem[: MAX_NAME_CHARS - len(suffix)] or "upload"
    return stem + suffix.lower()


def _refusal(name: str, data: bytes) -> list[InputError]:
    """Reasons to refuse before any parsing (the parser repeats its own content checks)."""
    problems = []
    if len(data) > MAX_UPLOAD_BYTES:
        problems.append(too_large(len(data), MAX_UPLOAD_BYTES))
    if Path(name).suffix.lower() not in SUBMISSION_SUFFIXES:
        problems.append(NOT_A_WORKBOOK)
    return problems


def _refused_rows(name: str, data: bytes, sha: str, problems: list[InputError]) -> Rows:
    sub = {
        "source_file": name,
        "sha256": sha,
        "file_size": len(data),
        "status": "rejected",
        "year": None,
        "org_name": None,
        "org_key": None,
        "org_level": None,
        "reporting_system": None,
        "form": None,
    }
    issues = [issue_row(name, unreadable("file_unreadable", p), None, "submission") for p in problems]
    return Rows([sub], [], [], issues, {})


def check_upload(name: str, data: bytes, year: int | None = None) -> Checked:
    """Run the build's checks on received bytes. `year` places it as a year folder would."""
    safe = safe_name(name)
    sha = hashlib.sha256(data).hexdigest()
    problems = _refusal(safe, data)
    if problems:
        return Checked(safe, data, sha, _refused_rows(safe, data, sha, problems), problems)
    with tempfile.TemporaryDirectory(prefix="campaign-upload-") as tmp:
        folder = Path(tmp) / str(year) if year else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / safe
        path.write_bytes(data)
        try:
            read_in_child(path)  # a reader that would abort ends a child process, not the server
        except InputError as exc:
            return Checked(safe, data, sha, _refused_rows(safe, data, sha, [exc]), [exc])
        rows = check_file(path, safe)
    if has_macros(data):
        problems.append(MACRO_REFUSAL)
    return Checked(safe, data, sha, rows, problems)


def review_table(checked: Checked) -> list[dict]:
    """Each parsed value with the problems of its cell beside it; problems without a value cell last."""
    by_cell: dict[tuple, list[dict]] = {}
    for it in checked.rows.issues:
        by_cell.setdefault((it.get("sheet"), it.get("cell")), []).append(it)
    rows, used = [], set()
    for v in checked.rows.cell_values:
        key = (v["sheet"], v["cell"])
        found = by_cell.get(key, [])
        used.add(key)
        rows.append(
            {
                "sheet": v["sheet"],
                "cell": v["cell"],
                "label": v.get("label"),
                "raw_text": v.get("raw_text"),
                "metric": v.get("metric"),
                "channel": v.get("channel"),
                "value": v.get("value"),
                "approximate": v.get("approximate"),
                "role": v.get("role"),
                "severity": _worst(found),
                "problem": "；".join(i["message"] for i in found) or None,
                "problem_en": "; ".join(i["message_en"] for i in found) or None,
            }
        )
    for key, found in by_cell.items():
        if key in used:
            continue
        for it in found:
            rows.append(
                {
                    "sheet": key[0],
                    "cell": key[1],
                    "label": None,
                    "raw_text": None,
                    "metric": None,
                    "channel": None,
                    "value": None,
                    "approximate": None,
                    "role": None,
                    "severity": it["severity"],
                    "problem": it["message"],
                    "problem_en": it["message_en"],
                }
            )
    return rows


def _worst(found: list[dict]) -> str | None:
    levels = {i["severity"] for i in found}
    return "error" if "error" in levels else ("warning" if levels else None)


def existing_submissions(db_path: Path, checked: Checked) -> list[dict]:
    """Files already in the database for the same unit, year and form (the duplicate rule's group),
    and files with the very same bytes. Empty when there is no database yet."""
    sub = checked.submission
    if not db_path.exists():
        return []
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            cur = con.execute(
                """SELECT source_file, status, sha256 = ? AS same_bytes FROM submissions
                   WHERE sha256 = ? OR (year = ? AND org_key = ? AND form IS NOT DISTINCT FROM ?)
                   ORDER BY source_file""",
                [checked.sha256, checked.sha256, sub.get("year"), sub.get("org_key"), sub.get("form")],
            )
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        finally:
            con.close()
    except duckdb.Error:
        return []


def store(checked: Checked, submissions_dir: Path, year: int) -> Path:
    """Write the file under `<submissions>/<year>/`, never replacing one that is there.

    Written to a hidden temp file first (the build skips dot-files), then hard-linked to the first
    free name: `link` fails instead of overwriting, so two uploads at once cannot clobber each other.
    """
    if not YEAR_RE.match(str(year)):
        raise ValueError(f"not a year: {year!r}")
    folder = submissions_dir / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(checked.data)
            fh.flush()
            os.fsync(fh.fileno())
        stem, suffix = os.path.splitext(checked.name)
        for n in range(1, 1000):
            target = folder / (checked.name if n == 1 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, target)
                return target
            except FileExistsError:
                continue
        raise FileExistsError(f"no free name for {checked.name} in {folder}")
    finally:
        Path(tmp).unlink(missing_ok=True)


def accept(
    files: list[Checked],
    submissions_dir: Path,
    notices_dir: Path,
    db_path: Path,
    cache_dir: Path | None = None,
) -> tuple[list[Path], BuildSummary]:
    """Store each confirmed file that passed the checks (under the year it was checked with), then
    rebuild the database once, under the build lock. Files that were refused are never stored."""
    refused = [c.name for c in files if not c.accepted or c.year is None]
    if refused:
        raise ValueError(f"not accepted by the checks: {refused}")
    stored = [store(c, submissions_dir, c.year) for c in files]
    summary = build(submissions_dir, notices_dir, db_path, cache_dir=cache_dir, isolate=True)  # in the server
    return stored, summary
