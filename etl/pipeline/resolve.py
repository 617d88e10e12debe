"""Extraction results -> database rows: year, organization, channel, status and duplicates.

Rules from the data contract:
- year: the 4-digit folder the file sits in; else a year in the workbook's title; else in the file name.
- organization: 组织单位 / 填报单位 / 推荐单位 as written, else the file name.
- channel (reporting_system): 农技协 when the organization is a 农技协 / 科技小院 body or the form splits
  values by 农技协 / 科技小院 / 科普教育基地 channels (seed 000's form); else 科协.
- duplicates: the same organization, year and form counts once; the later file (workbook's own modified
  time, else the file's, else the file name that sorts last) is `loaded`, the other `duplicate`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import PurePosixPath

from etl.issues import issue, issue_row, unreadable
from etl.orgs.match import match_org, org_issue
from etl.pipeline.extract import Extracted

YEAR_RE = re.compile(r"(20[0-9]{2})")
YEAR_FOLDER_RE = re.compile(r"^(20[0-9]{2})$")
BEIJING = timezone(timedelta(hours=8))
KIND = "submission"  # load_issues.kind of every row made here
SEAL_RE = re.compile(r"[（(]\s*盖\s*章\s*[)）]|盖章")


@dataclass
class FileInput:
    source_file: str  # relative to the submissions folder, '/' separated
    extracted: Extracted
    file_mtime: datetime


@dataclass
class Rows:
    submissions: list[dict]
    cell_values: list[dict]
    contacts: list[dict]
    issues: list[dict]
    activities: dict[str, list[dict]]


def submission_id(source_file: str) -> str:
    """Stable across rebuilds: derived from the path inside the submissions folder."""
    return hashlib.sha256(source_file.encode("utf-8")).hexdigest()[:16]


def year_of(source_file: str, ex: Extracted) -> int | None:
    *folders, name = source_file.split("/")  # '/'-separated always; string ops (11k PurePosixPaths: 0.4 s)
    for folder in reversed(folders):
        if YEAR_FOLDER_RE.match(folder):
            return int(folder)
    if ex.year_hint:
        return ex.year_hint
    found = YEAR_RE.findall(name.rsplit(".", 1)[0] if "." in name else name)
    return int(found[-1]) if found else None


def org_from_file_name(source_file: str) -> str:
    return _org_in(PurePosixPath(source_file).stem)


def _org_in(text: str) -> str:
    """The organization left in a file name or title once the year and the form's words are gone."""
    text = YEAR_RE.sub("", text)
    for word in ("全国科技工作者日", "活动信息汇总表", "信息汇总表", "汇总表", "年", "报送", "活动", "“", "”", '"'):
        text = text.replace(word, "")
    return SEAL_RE.sub("", text).strip(" _-—()（）")


def china_time(moment: datetime) -> datetime:
    """Naive Beijing time (UTC+8): deadlines are dates in China, so lateness is judged there."""
    if moment.tzinfo is None:  # workbook times without a zone are taken as written
        return moment
    return moment.astimezone(BEIJING).replace(tzinfo=None)


def _base_row(fi: FileInput, sid: str) -> dict:
    ex = fi.extracted
    modified = china_time(ex.modified_at or fi.file_mtime)
    return {
        "submission_id": sid, "year": None, "org_name": None, "org_key": None, "org_level": None,
        "reporting_system": None, "province": None, "province_code": None, "city": None,
        "city_code": None, "county": None, "county_code": None, "form": ex.form,
        "source_file": fi.source_file, "file_format": ex.file_format, "sha256": ex.sha256,
        "file_size": ex.file_size, "modified_at": modified,
        "modified_source": "workbook" if ex.modified_at else "file", "is_demo": ex.is_demo,
        "status": "rejected", "duplicate_of": None,
    }


def resolve(files: list[FileInput], placed: dict[str, Rows] | None = None) -> Rows:
    """Place every file; every file gets exactly one submissions row. `placed`: see `place`."""
    out = place(files, placed)
    out.issues.extend(mark_duplicates(group(out.submissions)))
    return out


def group_key(row: dict) -> tuple:
    """The duplicate rule's group: the same organization, year and form."""
    return row["year"], row["org_key"], row["form"]


def group(submissions: list[dict]) -> dict[tuple, list[dict]]:
    """The rows the duplicate rule compares (every file placed: loaded or duplicate), by group."""
    groups: dict[tuple, list[dict]] = {}
    for row in submissions:
        if row["status"] != "rejected":
            groups.setdefault(group_key(row), []).append(row)
    return groups


def place(files: list[FileInput], placed: dict[str, Rows] | None = None) -> Rows:
    """Every file's own rows: year, organization, channel, its values and issues; each placed file is
    `loaded` until `mark_duplicates` has compared it with the others of its group. `placed`: files placed
    already (`place_one`, while the others were still being parsed), by source file."""
    out = Rows([], [], [], [], {})
    for fi in sorted(files, key=lambda f: f.source_file):
        one = placed.get(fi.source_file) if placed else None
        merge(out, one if one is not None else place_one(fi))
    return out


def merge(out: Rows, one: Rows) -> None:
    out.submissions.extend(one.submissions)
    out.cell_values.extend(one.cell_values)
    out.contacts.extend(one.contacts)
    out.issues.extend(one.issues)
    for table, rows in one.activities.items():
        out.activities.setdefault(table, []).extend(rows)


def place_one(fi: FileInput) -> Rows:
    """One file's rows; depends on nothing but the file, so files can be placed in any order, and while
    the workers still parse the rest (etl/pipeline/build.py)."""
    out = Rows([], [], [], [], {})
    ex = fi.extracted
    sid = submission_id(fi.source_file)
    row = _base_row(fi, sid)
    out.submissions.append(row)
    year = year_of(fi.source_file, ex)
    row["year"] = year
    if ex.error:
        out.issues.append(issue_row(fi.source_file, unreadable("file_unreadable", ex.error), year, KIND))
        return out
    if ex.form is None:
        out.issues.append(issue_row(fi.source_file, issue("not_a_form"), year, KIND))
        return out
    if year is None:
        out.issues.append(issue_row(fi.source_file, issue("no_year"), None, KIND))
        return out
    _place_org(fi, ex, row, out, year)
    if ex.has_macros:  # values are read, macros never run (calamine cannot); say so (issue 6)
        out.issues.append(issue_row(fi.source_file, issue("macros_ignored"), year, KIND))
    out.issues.extend(issue_row(fi.source_file, it, year, KIND) for it in ex.issues)
    row["status"] = "loaded"
    out.cell_values.extend({"submission_id": sid, "source_file": fi.source_file} | v for v in ex.values)
    out.contacts.extend({"submission_id": sid, "source_file": fi.source_file} | c for c in ex.contacts)
    if ex.activity_form is not None:
        out.activities.update(ex.activity_form.table_rows(row))
    return out


def _place_org(fi: FileInput, ex: Extracted, row: dict, out: Rows, year: int) -> None:
    name = ex.org_name
    if not name:  # 组织单位 left blank: the title (吉林省科协2023年…汇总表), else the file name
        titled = _org_in(ex.title or "")
        if titled and match_org(titled).matched:
            name = titled
            out.issues.append(issue_row(fi.source_file, issue("org_from_title", name=name), year, KIND))
        else:
            name = org_from_file_name(fi.source_file)
            out.issues.append(issue_row(fi.source_file, issue("org_missing", name=name), year, KIND))
    match = match_org(name)
    it = org_issue(match, ex.org_sheet, ex.org_cell)
    if it is not None:
        out.issues.append(issue_row(fi.source_file, it, year, KIND))
    system = match.reporting_system
    key = match.org_key
    if match.candidates or match.placeless:  # 市科协 from two cities are two bodies: never duplicates
        key = f"{key}|{fi.source_file}"
    if system != "农技协" and ex.has_channels:
        # The 农技协 joint action's own form: the figures report to that channel.
        system = "农技协"
        key = key.replace("科协|", "农技协|", 1)
    row.update(
        org_name=match.org_name, org_key=key, org_level=match.org_level, reporting_system=system,
        province=match.province, province_code=match.province_code, city=match.city,
        city_code=match.city_code, county=match.county, county_code=match.county_code,
    )


def mark_duplicates(groups: dict[tuple, list[dict]]) -> list[dict]:
    """In each group the latest file is `loaded`, the others `duplicate` of it (rows changed in place);
    returns their load_issues rows. Depends only on the group's rows, never on their order."""
    issues = []
    for (year, _key, _form), rows in groups.items():
        if len(rows) < 2:
            continue
        rows.sort(key=lambda r: (r["modified_at"], r["source_file"]))
        kept = rows[-1]
        for r in rows[:-1]:
            r["status"] = "duplicate"
            r["duplicate_of"] = kept["submission_id"]
            it = issue("duplicate_submission", org=r["org_name"], year=year, kept=kept["source_file"])
            issues.append(issue_row(r["source_file"], it, year, KIND))
    return issues
