"""The overview on paper: printed, it fits one A4 landscape sheet without the sidebar and widgets; its
briefing button makes a .docx and a PDF that say what the page says (read back, and kept as images)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.browser.page_checks import (
    SCREENSHOTS,
    assert_no_exception,
    notes_shown,
    open_page,
    wait_for_app,
)

pytestmark = pytest.mark.browser

A4_LANDSCAPE_PT = (842, 595)


def _squash(text: str) -> str:
    """Text without whitespace: a PDF breaks lines where it likes. pypdf reads fpdf2's two-byte CID text
    with a NUL before each character (pdftotext and viewers do not): dropped too. NFKC: Chromium's PDF maps
    some characters of the Noto font to their Kangxi-radical twins (示 as U+2F70), which read the same."""
    return re.sub(r"[\s\x00]+", "", unicodedata.normalize("NFKC", text))


def _pages_as_png(pdf: Path, name: str, dpi: int = 60) -> list[Path]:
    """Each page of `pdf` as test-output/screenshots/<name>-N.png, to look at (pdftoppm, poppler-utils)."""
    if not shutil.which("pdftoppm"):
        return []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(SCREENSHOTS / name)], check=True)
    return sorted(SCREENSHOTS.glob(f"{name}-*.png"))


def _open_overview(page, url: str) -> str:
    open_page(page, url, "核心指标")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .trace').length >= 5")
    assert_no_exception(page)
    # the page's headline sentence (bold), as the documents must repeat it
    return page.locator('[data-testid="stMarkdownContainer"] strong').first.inner_text()


def test_overview_prints_on_one_a4_landscape_sheet(dashboard_url, page, tmp_path) -> None:
    sentence = _open_overview(page, f"{dashboard_url}/")
    path = tmp_path / "overview.pdf"
    page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
    _pages_as_png(path, "print_overview")  # to look at, whatever the checks below find
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_LANDSCAPE_PT
    text = _squash(reader.pages[0].extract_text())
    assert _squash(sentence) in text
    assert "筛选条件" not in text and "数据生成时间" not in text  # the sidebar is not printed
    assert "生成会议简报" not in text  # nor the buttons


def test_briefing_made_from_the_overview_and_read_back(dashboard_url, page, tmp_path) -> None:
    sentence = _open_overview(page, f"{dashboard_url}/")
    cards = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    page.get_by_role("button", name="生成会议简报").click()
    wait_for_app(page, "下载 Word 简报")
    assert_no_exception(page)
    made = page.get_by_text("简报已生成", exact=False).inner_text()
    files = {}
    for label, ext in (("下载 Word 简报", "docx"), ("下载 PDF 简报", "pdf")):
        with page.expect_download() as dl:
            page.get_by_role("button", name=label).click()
        name = dl.value.suggested_filename
        assert name.endswith(f".{ext}") and name.startswith("简报_2024_全国_科协"), name
        files[ext] = tmp_path / name
        dl.value.save_as(files[ext])

    doc = Document(io.BytesIO(files["docx"].read_bytes()))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert sentence in body
    figures = [[c.text for c in row.cells] for row in doc.tables[0].rows[1:]]
    assert [row[1] for row in figures] == cards  # the four figures, as the cards show them
    assert len(doc.inline_shapes) == 3, notes_shown(page)  # trend, ranking, map
    assert "口径" in body and "推荐的优秀活动" in body and "数据来源" in body and "演示数据" in body

    pngs = _pages_as_png(files["pdf"], "briefing_pdf")
    reader = PdfReader(files["pdf"])
    text = _squash("".join(p.extract_text() for p in reader.pages))
    assert _squash(sentence) in text
    assert all(_squash(c) in text for c in cards)
    assert "口径" in text and "数据来源" in text
    assert 2 <= len(reader.pages) <= 4
    assert sum(len(p.images) for p in reader.pages) == 3
    assert not shutil.which("pdftoppm") or len(pngs) == len(reader.pages)
    print(made)  # the build time, as the page reports it
