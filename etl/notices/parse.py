"""A campaign notice (.txt / .docx) -> NoticeRecord: one `notices` row plus rows for the tables beside it.

    record = parse_notice(Path("data/notices/001_….txt"))
    record.table_rows()  # {"notices": [...], "notice_issuers": [...], "notice_activities": [...], ...}

Reading, in etl/notices/: files.py (files -> lines), spacing.py (stray PDF spaces out), header.py (title,
issuers, 文号, signature date), body.py (theme, period, activities), dates.py (date phrases -> dates, the
上旬/底 mapping), attachments.py (attachments and form fields), contacts.py (contacts; the text without
them). Issuers are placed by issuers.py with etl/orgs/match.py, as submissions are; collect.py turns
notices into table and load_issues rows.
Vocabulary: data/reference/notice_labels.yaml and activity_categories.yaml.

A field the notice lacks is NULL plus a `notice_field_missing` warning naming it; a file that cannot
be read at all raises InputError (the loader writes one `notice_unreadable` error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from etl.issues import Issue, issue
from etl.notices.attachments import Attachment, split_attachments
from etl.notices.body import Activity, find_activities, find_period_text, find_theme
from etl.notices.contacts import Contact, find_contacts, text_without_contacts
from etl.notices.dates import Deadline, find_deadlines, parse_period
from etl.notices.files import read_notice_lines
from etl.notices.header import read_header
from etl.notices.issuers import place_issuers
from etl.notices.spacing import paragraphs, tidy_line
from etl.notices.vocabulary import labels
from etl.personal_data import remove_phones_and_emails

__all__ = ["NoticeRecord", "parse_notice"]

# Fields whose absence is worth a warning: column -> (中文 name, English name).
CHECKED_FIELDS = {
    "title": ("标题", "title"),
    "year": ("年度", "year"),
    "edition": ("届次（第N个全国科技工作者日）", "edition"),
    "issuer": ("发文单位", "issuer"),
    "level": ("发文层级", "level"),
    "doc_number": ("文号", "document number"),
    "theme": ("活动主题", "theme"),
    "period_text": ("活动时间", "period"),
    "report_deadline": ("总结报送截止日期", "report deadline"),
    "issued_on": ("成文日期", "issue date"),
}


@dataclass
class NoticeRecord:
    notice_id: str
    source_file: str
    year: int | None = None
    edition: int | None = None
    title: str | None = None
    issuers: list[str] = field(default_factory=list)
    level: str | None = None
    region: str | None = None
    region_code: str | None = None
    reporting_system: str = "科协"
    doc_number: str | None = None
    theme: str | None = None
    period_text: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    report_deadline: date | None = None
    issued_on: date | None = None
    full_text: str = ""
    activities: list[Activity] = field(default_factory=list)
    deadlines: list[tuple[Deadline, bool]] = field(default_factory=list)  # (deadline, is_report)
    attachments: list[Attachment] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def issuer(self) -> str | None:
        return "、".join(self.issuers) or None

    def table_rows(self) -> dict[str, list[dict]]:
        """Rows keyed by table name; each dict's keys are exactly that table's columns (etl/pipeline/schema.sql)."""
        nid = self.notice_id
        notice = {
            "notice_id": nid,
            "year": self.year,
            "edition": self.edition,
            "title": self.title,
            "issuer": self.issuer,
            "level": self.level,
            "region": self.region,
            "region_code": self.region_code,
            "reporting_system": self.reporting_system,
            "doc_number": self.doc_number,
            "theme": self.theme,
            "period_text": self.period_text,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "report_deadline": self.report_deadline,
            "issued_on": self.issued_on,
            "source_file": self.source_file,
            "full_text": self.full_text,
        }
        return {
            "notices": [notice],
            "notice_issuers": [
                {"notice_id": nid, "seq": i, "issuer": name} for i, name in enumerate(self.issuers, 1)
            ],
            "notice_activities": [
                {
                    "notice_id": nid,
                    "seq": i,
                    "item_no": a.item_no,
                    "section": a.section,
                    "heading": a.heading,
                    "body": a.body,
                    "category": a.category,
                    "category_zh": a.category_zh,
                }
                for i, a in enumerate(self.activities, 1)
            ],
            "notice_deadlines": [
                {
                    "notice_id": nid,
                    "seq": i,
                    "due_date": d.due_date,
                    "due_text": d.due_text,
                    "what": d.what,
                    "is_report": is_report,
                }
                for i, (d, is_report) in enumerate(self.deadlines, 1)
            ],
            "notice_attachments": [
                {"notice_id": nid, "seq": a.seq, "title": a.title, "is_form": a.is_form}
                for a in self.attachments
            ],
            "notice_form_fields": [
                {
                    "notice_id": nid,
                    "attachment_seq": a.seq,
                    "seq": i,
                    "field_label": f.label,
                    "metric": f.metric,
                    "channel": f.channel,
                }
                for a in self.attachments
                for i, f in enumerate(a.fields, 1)
            ],
            "notice_contacts": [{"notice_id": nid, **c.row(), "personal": True} for c in self.contacts],
        }


def parse_notice(path: Path) -> NoticeRecord:
    """Read one notice; raises InputError only when the file cannot be read at all."""
    path = Path(path)
    raw = read_notice_lines(path)
    lines = [tidy_line(line) for line in raw]  # PDF text reads like the Word original before any matching
    main, attachments = split_attachments(lines)
    head = read_header(main)
    rec = NoticeRecord(
        notice_id=path.stem,
        source_file=path.name,
        title=head.title,
        edition=head.edition,
        issuers=head.issuers,
        doc_number=head.doc_number,
        issued_on=head.issued_on,
        attachments=attachments,
    )
    rec.year = _year(head.title, head.issued_on, head.edition)
    placing = _place(rec)
    rec.theme = find_theme(main)
    rec.period_text = find_period_text(main)
    if rec.period_text:
        rec.period_start, rec.period_end = parse_period(rec.period_text, rec.year)
    rec.activities = find_activities(main)
    rec.deadlines = _deadlines(main, rec.year)
    rec.report_deadline = next((d.due_date for d, is_report in rec.deadlines if is_report), None)
    rec.contacts = find_contacts(main)
    rec.full_text = text_without_contacts(raw)  # the document's own words, spacing and all
    rec.issues = placing + _missing(rec)
    return rec


def _year(title: str | None, issued_on: date | None, edition: int | None) -> int | None:
    """From the title; else the issue date; else the edition (第1个 was 2017)."""
    m = re.search(r"(20\d{2})\s*年", title or "")
    if m:
        return int(m.group(1))
    if issued_on:
        return issued_on.year
    if edition:
        return int(labels()["first_edition_year"]) + edition - 1
    return None


def _place(rec: NoticeRecord) -> list[Issue]:
    """Level, region and channel from the issuers (etl/notices/issuers.py); the warnings it gives."""
    where = place_issuers(rec.issuers)
    rec.level, rec.region, rec.region_code = where.level, where.region, where.region_code
    rec.reporting_system = where.reporting_system
    return where.issues


def _deadlines(main: list[str], year: int | None) -> list[tuple[Deadline, bool]]:
    """Every deadline; exactly one is the report deadline: the last one naming a report (not only a
    plan), else the last one in a paragraph about summing up (总结 / 报送)."""
    spec = labels()["deadline"]
    found: list[tuple[Deadline, str]] = []
    for paragraph in paragraphs(main):  # a date a PDF broke over two lines still reads
        found.extend((d, paragraph) for d in find_deadlines(paragraph, year))

    def names_report(d: Deadline) -> bool:
        what = d.what or ""
        report = any(w in what for w in spec["report_words"])
        plan = any(w in what for w in spec["plan_words"])
        return report and not (plan and not any(w in what for w in ("总结", "报告")))

    chosen = [i for i, (d, _) in enumerate(found) if names_report(d)]
    if not chosen:
        chosen = [i for i, (_, para) in enumerate(found) if any(w in para for w in spec["report_context"])]
    report_index = chosen[-1] if chosen else None
    return [
        (replace(d, what=remove_phones_and_emails(d.what) if d.what else None), i == report_index)
        for i, (d, _) in enumerate(found)
    ]


def _missing(rec: NoticeRecord) -> list[Issue]:
    values = {
        "title": rec.title,
        "year": rec.year,
        "edition": rec.edition,
        "issuer": rec.issuer,
        "level": rec.level,
        "doc_number": rec.doc_number,
        "theme": rec.theme,
        "period_text": rec.period_text,
        "report_deadline": rec.report_deadline,
        "issued_on": rec.issued_on,
    }
    out = [
        issue("notice_field_missing", field=CHECKED_FIELDS[k][0], field_en=CHECKED_FIELDS[k][1])
        for k, v in values.items()
        if v is None
    ]
    if not rec.activities:
        out.append(issue("notice_field_missing", field="主要活动", field_en="activities"))
    return out
