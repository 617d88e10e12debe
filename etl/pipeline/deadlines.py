"""Deadlines the secretariat entered where no notice gives one: `deadlines.yaml` -> `entered_deadlines` rows.

The file lives in the data folder's `reference/` beside `submissions/` (by default
data/reference/deadlines.yaml). Each entry: year, channel (科协 | 农技协), optional province, date, and who
entered it, when, and why. The build reads it (`tables`), and the submissions page writes it (`save_entry`,
atomically) and rebuilds. A notice's own deadline always wins over an entered one (the view
`submission_deadlines` in schema.sql decides).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from etl.issues import InputError
from etl.orgs.regions import provinces
from etl.reference import parse_yaml

CHANNELS = ("科协", "农技协")
HEADER = (
    "# Reporting deadlines entered by the secretariat where no notice gives one (read by `python -m etl build`,\n"
    "# written by the submissions page). A notice's own deadline always wins. One entry per year and channel,\n"
    "# or per year, channel and province (a province's own date beats the channel's).\n"
    "# Fields: year, channel (科协 | 农技协), province (optional, full or short name), deadline (YYYY-MM-DD),\n"
    "# entered_by, entered_on, note.\n"
)


def deadlines_file(submissions_dir: Path) -> Path:
    """`<data>/reference/deadlines.yaml`: beside the submissions folder, so a test's data folder has its own."""
    return submissions_dir.parent / "reference" / "deadlines.yaml"


def _province(name: object) -> tuple[str | None, str | None]:
    """A province's (full name, code) from its full or short name; None, None for none."""
    if name is None or str(name).strip() == "":
        return None, None
    text = str(name).strip()
    for region in provinces():
        if text in (region.name, region.short_name, region.code):
            return region.name, region.code
    raise InputError(f"省份“{text}”无法识别", f"The province \"{text}\" is not recognised")


def _date(value: object, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{field}“{value}”不是 YYYY-MM-DD 格式的日期",
                         f"The {field} \"{value}\" is not a YYYY-MM-DD date") from None


def entry_row(entry: dict[str, Any]) -> dict[str, Any]:
    """One entry (as in the file) -> an `entered_deadlines` row; a bad entry raises InputError."""
    try:
        year = int(entry["year"])
    except (KeyError, TypeError, ValueError):
        raise InputError(f"年份“{entry.get('year')}”无效", f"The year \"{entry.get('year')}\" is invalid") from None
    channel = str(entry.get("channel", "")).strip()
    if channel not in CHANNELS:
        raise InputError(f"渠道“{channel}”应为 科协 或 农技协", f"The channel \"{channel}\" must be 科协 or 农技协")
    deadline = _date(entry.get("deadline"), "截止日期 deadline")
    if deadline is None:
        raise InputError("缺少截止日期", "The deadline is missing")
    province, code = _province(entry.get("province"))
    return {
        "year": year, "reporting_system": channel, "province": province, "province_code": code,
        "deadline": deadline, "entered_by": entry.get("entered_by") or None,
        "entered_on": _date(entry.get("entered_on"), "录入日期 entered_on"), "note": entry.get("note") or None,
    }


def read_entries(path: Path) -> list[dict[str, Any]]:
    """The file's entries as they are (an absent or empty file has none)."""
    if not path.exists():
        return []
    data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    entries = data.get("deadlines") if isinstance(data, dict) else None
    return [e for e in entries or [] if isinstance(e, dict)]


def read_rows(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """(rows, problems): every valid entry as a row, the later of two for the same year/channel/province;
    a bad entry is skipped and said (the build prints it), never fatal."""
    rows: dict[tuple, dict[str, Any]] = {}
    problems: list[str] = []
    for n, entry in enumerate(read_entries(path), start=1):
        try:
            row = entry_row(entry)
        except InputError as err:
            problems.append(f"{path.name} #{n}: {err}")
            continue
        rows[(row["year"], row["reporting_system"], row["province_code"])] = row
    return list(rows.values()), problems


def tables(submissions_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """The build's `entered_deadlines` table."""
    return {"entered_deadlines": read_rows(deadlines_file(submissions_dir))[0]}


def input_files(submissions_dir: Path) -> list[Path]:
    """The file, when it exists, for the build's inputs hash (an edit must rebuild)."""
    path = deadlines_file(submissions_dir)
    return [path] if path.exists() else []


def save_entry(path: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """Add or replace (same year, channel, province) one entry, written atomically; returns its row.
    A bad entry raises InputError and leaves the file as it was."""
    row = entry_row(entry)
    key = (row["year"], row["reporting_system"], row["province_code"])
    kept = []
    for old in read_entries(path):
        try:
            old_row = entry_row(old)
        except InputError:
            kept.append(old)  # not ours to drop: the build reports it
            continue
        if (old_row["year"], old_row["reporting_system"], old_row["province_code"]) != key:
            kept.append(old)
    clean = {k: v for k, v in {
        "year": row["year"], "channel": row["reporting_system"], "province": row["province"],
        "deadline": row["deadline"].isoformat(), "entered_by": row["entered_by"],
        "entered_on": row["entered_on"].isoformat() if row["entered_on"] else None, "note": row["note"],
    }.items() if v is not None}
    kept.append(clean)
    text = HEADER + yaml.safe_dump({"deadlines": kept}, allow_unicode=True, sort_keys=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".deadlines-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)  # readers see the old file or the new one, never half of it
    finally:
        Path(temp).unlink(missing_ok=True)
    return row
