"""Who may use the upload page, and the glue between it and etl/intake/upload.py. Testable without a server.

Off by default. On when `CAMPAIGN_UPLOAD=1` is set or `.streamlit/secrets.toml` has
`[upload] enabled = true`. When Streamlit authentication is configured (an `[auth]` section in
secrets.toml, used by `st.login`), only signed-in users whose e-mail is in `[upload] allowed_emails`
(or `CAMPAIGN_UPLOAD_ALLOW`, comma-separated) may use it; an empty list lets nobody in.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.present.mask import mask_contact
from etl.issues import issue_place

TRUE_WORDS = {"1", "true", "yes", "on"}


def _secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml: Streamlit raises when it is read
        return {}


def decide(
    *, enabled: bool, auth_configured: bool, logged_in: bool, email: str | None, allowed: set[str]
) -> str:
    """`disabled` | `login` (auth on, not signed in) | `denied` (not on the list) | `ok`. Pure."""
    if not enabled:
        return "disabled"
    if not auth_configured:
        return "ok"
    if not logged_in:
        return "login"
    return "ok" if (email or "").strip().lower() in allowed else "denied"


def settings() -> tuple[bool, bool, set[str]]:
    """(enabled, auth configured, allowed e-mails) from the environment and secrets.toml."""
    secrets = _secrets()
    section = secrets.get("upload", {}) or {}
    enabled = (
        os.environ.get("CAMPAIGN_UPLOAD", "").strip().lower() in TRUE_WORDS or section.get("enabled") is True
    )
    allowed = {str(e).strip().lower() for e in section.get("allowed_emails", []) if str(e).strip()}
    allowed |= {
        e.strip().lower() for e in os.environ.get("CAMPAIGN_UPLOAD_ALLOW", "").split(",") if e.strip()
    }
    return enabled, "auth" in secrets, allowed


def enabled() -> bool:
    return settings()[0]


def access() -> str:
    """The decision for the current session (reads st.user only when authentication is configured)."""
    is_on, auth, allowed = settings()
    logged_in, email = False, None
    if is_on and auth:
        logged_in = bool(getattr(st.user, "is_logged_in", False))
        email = st.user.get("email") if logged_in else None
    return decide(enabled=is_on, auth_configured=auth, logged_in=logged_in, email=email, allowed=allowed)


def review_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """etl.intake.upload.review_table rows -> the table shown beside each file: value, and its cell's problem."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "sheet",
            "cell",
            "label",
            "raw_text",
            "metric",
            "channel",
            "value",
            "approximate",
            "role",
            "severity",
            "problem",
            "problem_en",
        ],
    )
    frame["problem"] = frame["problem_en"] if lang == "en" else frame["problem"]
    return frame.drop(columns=["problem_en"])


def refusal_reasons(problems: list, errors: list[dict], lang: str, most: int = 3) -> list[str]:
    """Why a file is refused, in the reader's language, said under the verdict: the refusals before parsing
    (InputError), then the file's own errors (those without a cell first). On a phone the review table's
    problem column is off screen, so the reason must not live only there."""
    en = lang == "en"
    said = [p.reason_en if en else p.reason_zh for p in problems]
    for row in sorted(errors, key=lambda r: r.get("cell") is not None):
        said.append(f"{issue_place(row)} {row['message_en' if en else 'message']}".strip())
    return list(dict.fromkeys(said))[:most]


def contacts_frame(contacts: list[dict]) -> pd.DataFrame:
    """The contact fields found in the file, masked (personal data is never shown in full)."""
    return pd.DataFrame(
        [
            {
                "sheet": c.get("sheet"),
                "cell": c.get("cell"),
                "field": c.get("field"),
                "value": mask_contact(c.get("field"), c.get("value")),
            }
            for c in contacts
        ],
        columns=["sheet", "cell", "field", "value"],
    )
