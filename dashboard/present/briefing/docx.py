"""A Briefing -> .docx bytes (python-docx): what officials edit and forward. A4 portrait, Chinese text in
a CJK font named for Word (it uses its own copy; nothing is embedded), charts as the same PNGs as the PDF.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dashboard.present.briefing.content import Briefing
from dashboard.present.briefing.images import Picture

# Word picks the first font it has: 微软雅黑 on Windows, the Noto font on Linux and in LibreOffice.
EAST_ASIAN_FONT = "Microsoft YaHei"
LATIN_FONT = "Arial"
RED = RGBColor(0xB7, 0x1C, 0x1C)
GREY = RGBColor(0x5B, 0x6B, 0x7F)
PICTURE_WIDTH = Cm(16)


def _font(style_or_run, size: float | None = None) -> None:
    font = style_or_run.font
    font.name = LATIN_FONT
    if size:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _setup(doc: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2)
    for name, size in (("Normal", 11), ("Title", 20), ("Heading 1", 14), ("List Bullet", 11)):
        _font(doc.styles[name], size)


def build_docx(b: Briefing, pictures: list[Picture], images_note: str = "") -> bytes:
    """The briefing as a Word document: sentences, figures, charts, activities, caveats, source."""
    doc = Document()
    _setup(doc)
    doc.core_properties.title = b.title + " " + b.subtitle
    doc.add_heading(b.title, level=0)
    sub = doc.add_paragraph(b.subtitle)
    sub.runs[0].font.color.rgb = GREY
    if b.is_demo:
        demo = doc.add_paragraph().add_run(b.demo_label)
        demo.bold = True
        demo.font.color.rgb = RED

    doc.add_heading(b.heading("sentences"), level=1)
    for s in b.sentences:
        doc.add_paragraph(s, style="List Bullet")

    doc.add_heading(b.heading("figures"), level=1)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Light Grid Accent 1"
    for cell, key in zip(
        table.rows[0].cells, ("col_metric", "col_value", "col_change", "col_note"), strict=True
    ):
        cell.text = b.word(key)
    for card in b.cards:
        row = table.add_row().cells
        for cell, text in zip(row, (card.label, card.value, card.change or "—", card.note), strict=True):
            cell.text = text

    doc.add_heading(b.heading("charts"), level=1)
    if images_note:
        doc.add_paragraph(images_note).runs[0].font.color.rgb = GREY
    for pic in pictures:
        doc.add_picture(io.BytesIO(pic.png), width=PICTURE_WIDTH)
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER  # its title and source are in the picture

    doc.add_heading(b.heading("activities"), level=1)
    if not b.activities:
        doc.add_paragraph(b.word("no_activities"))
    for i, a in enumerate(b.activities, 1):
        p = doc.add_paragraph()
        p.add_run(f"{i}. {a.name}").bold = True
        p.add_run(f"（{a.where} · {a.org}）" if b.lang == "zh" else f" ({a.where} · {a.org})")
        if a.reason:
            doc.add_paragraph(a.reason).paragraph_format.left_indent = Cm(0.6)

    doc.add_heading(b.heading("caveats"), level=1)
    for c in b.caveats:
        doc.add_paragraph(c, style="List Bullet")
    src = doc.add_paragraph().add_run(b.source)
    src.font.color.rgb = GREY
    src.font.size = Pt(9)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
