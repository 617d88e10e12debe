"""A Briefing -> both files, as one step for the button: the charts drawn once for both documents.
Pure apart from the local browser and font it uses; no Streamlit."""

from __future__ import annotations

import time
from dataclasses import dataclass

from dashboard.present.briefing import fonts, images
from dashboard.present.briefing.content import Briefing
from dashboard.present.briefing.docx import build_docx
from dashboard.present.briefing.pdf import build_pdf
from dashboard.present.text import t

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Files:
    stem: str
    docx: bytes
    pdf: bytes | None  # None: no Chinese font to embed (notes say so)
    notes: tuple[str, ...]  # what is missing and why
    seconds: float  # how long the build took


def make_files(b: Briefing) -> Files:
    """The .docx always; the PDF when a Chinese font is found; chart images when a browser is found."""
    start = time.perf_counter()
    notes = []
    try:
        pictures = images.draw(b.charts)
    except images.ImagesUnavailable:
        pictures = []
        notes.append(t("briefing.images_unavailable", b.lang))
    images_note = notes[0] if notes else ""
    docx = build_docx(b, pictures, images_note)
    font = fonts.find_font()
    if font is None:
        notes.append(t("briefing.pdf_font_missing", b.lang))
        pdf = None
    else:
        pdf = build_pdf(b, pictures, font, images_note)
    return Files(b.file_stem, docx, pdf, tuple(notes), time.perf_counter() - start)
