"""Contacts in a notice (names, phones, e-mails, addresses): personal data, kept in a table of their own.

Contact lines are `label：value` pairs (labels in notice_labels.yaml `contact_fields`, matched with any
spaces inside: 联 系 人：, 传    真：). Under the 联系方式 heading an organization line (市科协组宣部)
starts a new contact; so does a field the current contact already has. The same lines are taken out
of `full_text`, and e-mails and phone numbers left anywhere else in it are removed (with the patterns
of data/reference/personal_data.yaml, through etl/personal_data.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from etl.notices.dates import full_date
from etl.notices.vocabulary import TOP_HEADING, heading_value, is_org, labels
from etl.personal_data import remove_phones_and_emails


@dataclass
class Contact:
    org: str | None = None
    values: dict[str, list[str]] = field(default_factory=dict)

    def row(self) -> dict[str, str | None]:
        joined = {k: "、".join(dict.fromkeys(v)) for k, v in self.values.items()}
        return {
            "org": self.org,
            "name": joined.get("name"),
            "phone": joined.get("phone"),
            "fax": joined.get("fax"),
            "email": joined.get("email"),
            "address": joined.get("address"),
        }


@cache
def _label_re() -> re.Pattern:
    pairs = [(label, col) for col, names in labels()["contact_fields"].items() for label in names]
    alts = [r"\s*".join(map(re.escape, label)) for label, _ in sorted(pairs, key=lambda p: -len(p[0]))]
    return re.compile(rf"(?P<label>{'|'.join(alts)})\s*[：:]", re.IGNORECASE)


@cache
def _column_of() -> dict[str, str]:
    return {label.lower(): col for col, names in labels()["contact_fields"].items() for label in names}


def contact_pairs(line: str) -> list[tuple[str, str]]:
    """'联系人：张三，电话：010-1234' -> [('name', '张三'), ('phone', '010-1234')]."""
    matches = list(_label_re().finditer(line))
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        value = line[m.end() : end].strip(" \t，,；;。")
        label = re.sub(r"\s+", "", m["label"]).lower()
        if value:
            out.append((_column_of()[label], value))
    return out


def is_contact_line(line: str) -> bool:
    """A line that gives a contact's value (the form label 联 系 人 alone is not one)."""
    return bool(contact_pairs(line)) and bool(re.match(r"^\s*" + _label_re().pattern, line, re.IGNORECASE))


def find_contacts(lines: list[str]) -> list[Contact]:
    """Contacts in the main text, in order; a contact with no value is dropped."""
    heading_names = labels()["sections"]["contacts"]
    contacts: list[Contact] = []
    current: Contact | None = None
    in_section = False
    for line in lines:
        found, _ = heading_value(line, heading_names)
        if found and not contact_pairs(line):
            in_section, current = True, None
            continue
        if in_section and (TOP_HEADING.match(line) or full_date(line)):
            in_section, current = False, None
        if in_section and is_org(line) and not contact_pairs(line):
            current = Contact(org=line.strip())
            contacts.append(current)
            continue
        for column, value in contact_pairs(line) if is_contact_line(line) else []:
            if current is None or (column in current.values and column != "phone"):
                current = Contact()
                contacts.append(current)
            parts = re.split(r"\s{2,}|、|，|,", value) if column == "name" else [value]
            current.values.setdefault(column, []).extend(p.strip() for p in parts if p.strip())
    return [c for c in contacts if c.values]


def text_without_contacts(lines: list[str]) -> str:
    """The text without contact lines, with e-mails and phone numbers removed wherever they remain."""
    kept = [line for line in lines if not is_contact_line(line)]
    return remove_phones_and_emails("\n".join(kept).strip("\n"))
