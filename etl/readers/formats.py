"""Which received files are read, and how: every suffix list, defined once.

The build (etl/pipeline/extract.py, etl/notices/files.py), `python -m etl validate` and the upload page
(etl/intake/upload.py, dashboard/app_pages/upload.py) all take their lists from here, so they never
disagree about what is accepted.
"""

from __future__ import annotations

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")  # read by calamine (etl/readers/workbook.py)
DOCUMENT_SUFFIXES = (".docx",)  # Word tables (etl/readers/docx.py)
# Office/WPS binaries, converted by LibreOffice (etl/readers/convert.py) to the format in the value, then
# read like any file of that format: old Word .doc, WPS Writer .wps, WPS Spreadsheets .et.
CONVERTED_SUFFIXES = {".doc": ".docx", ".wps": ".docx", ".et": ".xlsx"}

# A submission: a summary form, 附件2 or a plan, as a workbook or a Word table.
SUBMISSION_SUFFIXES = WORKBOOK_SUFFIXES + DOCUMENT_SUFFIXES + tuple(CONVERTED_SUFFIXES)
# A notice: its text, as plain text, Word, PDF (text layer) or a converted Word/WPS binary.
NOTICE_SUFFIXES = (".txt", ".docx", ".pdf") + tuple(s for s, to in CONVERTED_SUFFIXES.items() if to == ".docx")


def listed(suffixes: tuple[str, ...]) -> str:
    """".xlsx、.xls、…" for a message."""
    return "、".join(suffixes)


def converted_suffix(suffix: str) -> str:
    """The format a file of this suffix is read as (the suffix itself unless it is converted first)."""
    return CONVERTED_SUFFIXES.get(suffix.lower(), suffix.lower())
