"""Masking of personal data (contact names, phones, e-mails, addresses) before anything shows it.
Phones and e-mails are found with the patterns of etl/personal_data.py (one data file for the ETL and
the dashboard); names and addresses are masked here.

Pure functions, no Streamlit: every page and export that touches `submission_contacts` or
`notice_contacts` passes the values through `mask_contact` / `mask_frame`. The masks keep enough
to recognise a contact you already know (first digits, surname) and nothing to reach one you don't.
"""

from __future__ import annotations

import re

import pandas as pd

from etl.personal_data import mask_email, mask_phone, mask_phones_and_emails

ADDRESS_KEEP = 6  # characters of an address kept: province and city, not street and number

# Which masking each contact field gets; the field names are those of schema.sql.
FIELD_KIND = {
    "contact_name": "name",
    "name": "name",
    "联系人": "name",
    "phone": "phone",
    "mobile": "phone",
    "tel": "phone",
    "联系电话": "phone",
    "电话": "phone",
    "email": "email",
    "e-mail": "email",
    "邮箱": "email",
    "address": "address",
    "地址": "address",
}


def mask_name(text: str) -> str:
    """`武晓慧` -> `武*慧`, `谢敏` -> `谢*`, `Zhang San` -> `Z*** S***`; several names split by 、 each masked."""
    parts = re.split(r"([、,，;；/\s]+)", text.strip())
    return "".join(p if re.fullmatch(r"[、,，;；/\s]+", p) or not p else _mask_one_name(p) for p in parts)


def _mask_one_name(name: str) -> str:
    if name.isascii():
        return name[0] + "***"
    if len(name) == 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_address(text: str) -> str:
    """Keep the first few characters (province/city) and hide the rest: `北京市海淀区复兴路3号` -> `北京市海淀区…`."""
    text = mask_phone(mask_email(text.strip()))
    return text if len(text) <= ADDRESS_KEEP else text[:ADDRESS_KEEP] + "…"


def mask_text(text: str) -> str:
    """Free text that may contain contacts (a notice's body, a cell): phones and e-mails masked in place."""
    return mask_phone(mask_email(text))


def mask_contact(field: str | None, value: object) -> object:
    """Mask one contact value by its field; unknown fields get phone and e-mail masking at least."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return value
    text = str(value)
    kind = FIELD_KIND.get((field or "").strip().lower(), FIELD_KIND.get((field or "").strip()))
    if kind == "name":
        return mask_name(mask_text(text))
    if kind == "phone":
        return mask_phone(text)
    if kind == "email":
        return mask_email(text)
    if kind == "address":
        return mask_address(text)
    return mask_text(text)


def mask_frame(frame: pd.DataFrame, field_column: str | None = None) -> pd.DataFrame:
    """A copy with contact columns masked.

    Long form (`submission_contacts`: a `field` column names each row's kind, `value` holds it) when
    `field_column` is given; wide form (`notice_contacts`: columns `name`, `phone`, `email`, `address`)
    otherwise. Every other text column still gets phone/e-mail masking, as a safety net.
    """
    out = frame.copy()
    if field_column and field_column in out.columns and "value" in out.columns:
        out["value"] = [mask_contact(f, v) for f, v in zip(out[field_column], out["value"], strict=True)]
    for col in out.columns:
        if col == "value" and field_column:
            continue
        kind = FIELD_KIND.get(str(col).lower())
        if kind or out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = [mask_contact(col if kind else None, v) if isinstance(v, str) else v for v in out[col]]
    return out


def scrub_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of a query result scrubbed (in place; returns the frame). Applied by the
    dashboard's fetch_df, so a contact quoted in an issue message or a notice never reaches a page."""
    for col in frame.columns:
        series = frame[col]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            frame[col] = [mask_phones_and_emails(v) if isinstance(v, str) else v for v in series]
    return frame
