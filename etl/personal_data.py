"""Phone numbers and e-mail addresses in free text: found with the one set of patterns in
data/reference/personal_data.yaml, then removed (a notice's stored text) or masked for display
(the dashboard: 138****1234, z***@cast.org.cn).

The dashboard's contact fields (names, addresses) are masked in dashboard/present/mask.py with these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.reference import load_yaml

MASK_KEEP_DIGITS = 4  # a long digit run keeps its last 4, as a phone keeps its last 4


@dataclass(frozen=True)
class Patterns:
    email: re.Pattern[str]
    phone: re.Pattern[str]
    long_digits: re.Pattern[str]
    removable: re.Pattern[str]  # e-mail | phone | local number: what a notice's text loses
    removed_text: str


@cache
def patterns() -> Patterns:
    """The patterns of personal_data.yaml, compiled once per process."""
    spec = load_yaml("personal_data.yaml")
    return Patterns(
        email=re.compile(spec["email"]),
        phone=re.compile(spec["phone"]),
        long_digits=re.compile(spec["long_digits"]),
        removable=re.compile(f"{spec['email']}|{spec['phone']}|{spec['local_number']}"),
        removed_text=spec["removed_text"],
    )


def remove_phones_and_emails(text: str) -> str:
    """Every phone number, local number and e-mail address replaced by ［已隐去］ (a notice's text)."""
    p = patterns()
    return p.removable.sub(p.removed_text, text)


def mask_email(text: str) -> str:
    """`zhang.san@cast.org.cn` -> `z***@cast.org.cn` (the organisation's domain stays visible)."""
    return patterns().email.sub(lambda m: f"{m['email_first']}***@{m['email_domain']}", text)


def _masked_phone(m: re.Match[str]) -> str:
    if m["mobile"]:
        return f"{m['mobile']}****{m['mobile_end']}"
    return f"{m['area']}-****{m['landline_end']}"


def mask_phones_and_emails(text: str) -> str:
    """Phone- and e-mail-shaped text masked in place, nothing else: the safety net for any text shown
    (a figure written as text or a hash stays as it is)."""
    if "@" in text:
        text = mask_email(text)
    return patterns().phone.sub(_masked_phone, text)


def mask_phone(text: str) -> str:
    """`13800000000` -> `138****0000`; `010-12345678` -> `010-****5678`; other long digit runs hidden
    (a phone field holds nothing else worth showing)."""
    p = patterns()
    masked = p.phone.sub(_masked_phone, text)
    keep = MASK_KEEP_DIGITS
    return p.long_digits.sub(lambda m: "*" * (len(m.group()) - keep) + m.group()[-keep:], masked)
