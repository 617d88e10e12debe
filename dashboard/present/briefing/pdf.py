"""A Briefing -> PDF bytes (fpdf2): the same content as the .docx, A4 portrait, with the Chinese font
embedded (subset), so it prints and reads the same on any machine. Offline: fonts come from the disk."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.present.briefing.content import Briefing
from dashboard.present.briefing.fonts import FontFile
from dashboard.present.briefing.images import Picture

FAMILY = "cjk"
RED = (183, 28, 28)
GREY = (91, 107, 127)
TEXT = (26, 36, 51)
LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}  # after a block: back to the left margin, on the next line


class _Doc(FPDF):
    def __init__(self, b: Briefing, font: FontFile) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.b = b
        # One face for everything (headings stand out by size and colour): parsing and subsetting a CJK
        # face is most of the PDF's build time (~1 s each on an idle machine), a bold face would double it.
        self.add_font(FAMILY, "", str(font.path), collection_font_number=font.index)
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)
        self.set_title(f"{b.title} {b.subtitle}")
        self.set_creator("campaign dashboard")

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        demo = f"{self.b.demo_label}  " if self.b.is_demo else ""
        self.cell(0, 5, f"{demo}{self.page_no()}/{{nb}}", align="R")

    def text_block(self, text: str, size: float = 11, color=TEXT, h: float = 6.2) -> None:
        self.set_font(FAMILY, "", size)
        self.set_text_color(*color)
        self.multi_cell(0, h, text, **LINE)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.text_block(text, size=14, color=RED, h=9)
        self.ln(1)

    def bullet(self, text: str) -> None:
        self.set_font(FAMILY, "", 11)
        self.set_text_color(*TEXT)
        self.cell(5, 6.2, "•")
        self.multi_cell(0, 6.2, text, **LINE)
        self.ln(0.8)


def start_pdf(b: Briefing, font: FontFile) -> _Doc:
    """A new document with the font read in (about half of the PDF's build time): build.py does this
    while the browser draws the charts."""
    return _Doc(b, font)


def build_pdf(b: Briefing, pictures: list[Picture], font: FontFile, images_note: str = "") -> bytes:
    """The briefing as a PDF: sentences, figures, charts, activities, caveats, source."""
    return write_pdf(start_pdf(b, font), pictures, images_note)


def write_pdf(pdf: _Doc, pictures: list[Picture], images_note: str = "") -> bytes:
    """Everything into a started document, then its bytes (the font subset is made here)."""
    b = pdf.b
    pdf.add_page()
    pdf.text_block(b.title, size=20, h=11)
    pdf.text_block(b.subtitle, size=11, color=GREY)
    if b.is_demo:
        pdf.text_block(b.demo_label, size=10, color=RED)

    pdf.heading(b.heading("sentences"))
    for s in b.sentences:
        pdf.bullet(s)

    pdf.heading(b.heading("figures"))
    pdf.set_font(FAMILY, "", 10.5)
    pdf.set_text_color(*TEXT)
    heads = FontFace(emphasis="NONE", color=RED)  # the table's header row: no bold face is loaded
    with pdf.table(col_widths=(34, 18, 14, 34), line_height=6.5, headings_style=heads) as table:
        table.row([b.word(k) for k in ("col_metric", "col_value", "col_change", "col_note")])
        for card in b.cards:
            table.row([card.label, card.value, card.change or "—", card.note])

    width = pdf.epw
    if (
        pictures
        and pdf.get_y() + 16 + width * pictures[0].height / pictures[0].width > pdf.page_break_trigger
    ):
        pdf.add_page()  # the heading goes with its first chart, not alone at the foot of a page
    pdf.heading(b.heading("charts"))
    if images_note:
        pdf.text_block(images_note, size=10, color=GREY)
    for pic in pictures:
        h = width * pic.height / pic.width
        if pdf.get_y() + h > pdf.page_break_trigger:
            pdf.add_page()
        pdf.image(io.BytesIO(pic.png), w=width, h=h, alt_text=pic.chart.slide.title)
        pdf.ln(3)

    pdf.heading(b.heading("activities"))
    if not b.activities:
        pdf.text_block(b.word("no_activities"), size=11)
    for i, a in enumerate(b.activities, 1):
        where = f"（{a.where} · {a.org}）" if b.lang == "zh" else f" ({a.where} · {a.org})"
        pdf.text_block(f"{i}. {a.name}{where}", size=11)
        if a.reason:
            pdf.text_block(a.reason, size=10, color=GREY, h=5.6)
        pdf.ln(1.5)

    pdf.heading(b.heading("caveats"))
    for c in b.caveats:
        pdf.bullet(c)
    pdf.ln(2)
    pdf.text_block(b.source, size=9, color=GREY, h=5)
    return bytes(pdf.output())
