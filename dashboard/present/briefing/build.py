"""A Briefing -> both files, as one step for the button: the charts drawn once for both documents.
Pure apart from the local browser and font it uses; no Streamlit."""

from __future__ import annotations

import dataclasses
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from dashboard.present.briefing import fonts, images
from dashboard.present.briefing.content import Briefing
from dashboard.present.briefing.docx import build_docx
from dashboard.present.briefing.pdf import start_pdf, write_pdf
from dashboard.present.text import t

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Files:
    stem: str
    docx: bytes
    pdf: bytes | None  # None: no Chinese font to embed (notes say so)
    notes: tuple[str, ...]  # what is missing and why
    seconds: float  # how long the build took


def text_of(x: object) -> str:
    """Every string a briefing holds (not its charts' figures: they are drawn as pictures)."""
    if isinstance(x, str):
        return x
    if isinstance(x, tuple | list):
        return "".join(text_of(v) for v in x)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return "".join(text_of(getattr(x, f.name)) for f in dataclasses.fields(x) if f.name != "figure")
    return ""


def make_files(b: Briefing) -> Files:
    """The .docx always; the PDF when a Chinese font is found; chart images when a browser is found."""
    start = time.perf_counter()
    notes = []
    font = fonts.pdf_font(text_of(b))
    with ThreadPoolExecutor(max_workers=1) as pool:
        # the PDF's font is read while the browser (another process) draws the charts
        started = pool.submit(start_pdf, b, font) if font is not None else None
        try:
            pictures = images.draw(b.charts)
        except images.ImagesUnavailable as e:
            pictures = []
            notes.append(t("briefing.images_unavailable" if e.missing else "briefing.images_failed", b.lang))
        images_note = notes[0] if notes else ""
        docx = build_docx(b, pictures, images_note)
        pdf = write_pdf(started.result(), pictures, images_note) if started is not None else None
    if font is None:
        notes.append(t("briefing.pdf_font_missing", b.lang))
    return Files(b.file_stem, docx, pdf, tuple(notes), time.perf_counter() - start)
