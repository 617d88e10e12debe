"""The briefing (dashboard/present/briefing/): its content is the overview's own sentences and figures; the
.docx and the PDF read back with that content; without a browser or a Chinese font it says what is missing.
The charts are stand-in PNGs here (drawing them needs Chromium: tests/browser/test_browser_briefing.py)."""

from __future__ import annotations

import dataclasses
import io
import re

import pandas as pd
import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

from dashboard.data import activities, common, compare
from dashboard.data import overview as queries
from dashboard.data.db import build_info
from dashboard.filters import HEADLINE_METRICS, Filters
from dashboard.present import overview as view
from dashboard.present import summary
from dashboard.present.briefing import build, fonts, images
from dashboard.present.briefing.content import Activity, top_activities
from dashboard.present.briefing.docx import build_docx
from dashboard.present.briefing.images import Picture
from dashboard.present.briefing.overview import overview_briefing
from dashboard.present.briefing.pdf import build_pdf
from dashboard.present.catalog import Catalog
from dashboard.present.text import t

YEARS = (2021, 2022, 2023, 2024)


def _briefing(db, **filters):
    f = Filters(years=YEARS, **filters)
    cat = Catalog.from_frames(common.metrics(db), common.provinces(db))
    head = queries.headline(db, f)
    ranking = queries.province_ranking(db, f, f.year)
    map_rows = compare.compare_map(db, f.year, f.metric, f.channel)
    acts = activities.activities(db, dataclasses.replace(f, years=(f.year,)), ("recommended",), (f.channel,))
    coverage = queries.coverage(db, f)
    sentences = (  # as the overview page makes them (national selection: all_metrics is the ranking)
        summary.summary_line(head, ranking, ranking, coverage, f, cat),
        summary.coverage_line(coverage, f.year, cat, f.lang),
    )
    b = overview_briefing(f, cat, head, ranking, sentences, map_rows, acts, build_info(db))
    return b, f, cat, head, ranking


def _pictures(b) -> list[Picture]:
    out = []
    for i, chart in enumerate(b.charts):  # each its own colour: a PDF stores identical images once
        buf = io.BytesIO()
        Image.new("RGB", (400, 240), (30 * i, 78, 154)).save(buf, format="PNG")
        out.append(Picture(chart, buf.getvalue(), 400, 240))
    return out


def _squash(text: str) -> str:
    return re.sub(r"[\s\x00]+", "", text)  # pypdf reads fpdf2's CID text with a NUL per character


def test_content_is_what_the_overview_shows(fixture_db) -> None:
    b, f, cat, head, ranking = _briefing(fixture_db)
    coverage = queries.coverage(fixture_db, f)
    page = summary.summary_line(head, ranking, ranking, coverage, f, cat)
    assert b.sentences == (page, summary.coverage_line(coverage, f.year, cat, "zh"))
    assert page.startswith("2024年") and "同比" in page  # a sentence that says something, not a blank
    shown = view.headlines(head, f, HEADLINE_METRICS)
    no_data = t("overview.metric_no_data", "zh")
    assert [c.value for c in b.cards] == [view.card_value(h, "zh", no_data) for h in shown]  # 约 as on the page
    assert [c.label for c in b.cards] == [cat.metric_with_unit(h.metric, "zh") for h in shown]
    assert all(c.change.startswith(("+", "-")) for c in b.cards)
    assert [c.slide.what for c in b.charts] == ["历年趋势", "各省排名", "分省地图"]
    assert b.caveats[0].startswith("口径")
    assert any("江苏省" in c for c in b.caveats)  # the fixture's province counted from its cities
    assert b.file_stem == "简报_2024_全国_科协" and b.is_demo and "截至" in b.source


def test_content_in_english(fixture_db) -> None:
    b, *_ = _briefing(fixture_db, lang="en")
    assert b.title.startswith("National S&T") and b.file_stem.startswith("briefing_2024")
    assert b.heading("figures") == "2. Headline figures"


def test_top_activities_put_provincial_picks_first_and_cut_long_reasons(activities_db) -> None:
    b, *_ = _briefing(activities_db, channel="农技协")
    assert 0 < len(b.activities) <= 5
    assert all(len(a.reason) <= 151 for a in b.activities)
    df = pd.DataFrame(
        {
            "kind": ["recommended", "recommended", "planned"],
            "province": ["河北省", None, "北京市"],
            "org_name": ["某县科协", "中国科协", "北京市科协"],
            "org_level": ["county", "national", "province"],
            "activity_name": ["县里的", "全国的", "计划"],
            "reason": ["短", "长" * 400, ""],
            "seq": [1, 1, 1],
        }
    )
    got = top_activities(df, {"河北省": "Hebei"}, "全国性组织")
    assert [a.name for a in got] == ["全国的", "县里的"]  # planned ones are not recommendations
    assert got[0] == Activity("全国的", "中国科协", "全国性组织", "长" * 150 + "…")
    assert got[1].where == "Hebei"


def test_docx_reads_back(fixture_db) -> None:
    b, *_ = _briefing(fixture_db)
    doc = Document(io.BytesIO(build_docx(b, _pictures(b))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert b.sentences[0] in text and b.caveats[0] in text and b.source in text
    assert "演示数据" in text
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["指标", "数值", "同比", "说明"]
    assert [r[1] for r in rows[1:]] == [c.value for c in b.cards]
    assert len(doc.inline_shapes) == len(b.charts) == 3
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "一、要点",
        "二、核心指标",
        "三、图表",
        "四、推荐的优秀活动",
        "五、口径与数据质量说明",
    ]


def test_pdf_reads_back(fixture_db) -> None:
    font = fonts.find_font()
    if font is None:
        pytest.skip("no Chinese font (scripts/install_system_deps.sh installs fonts-noto-cjk)")
    b, *_ = _briefing(fixture_db)
    reader = PdfReader(io.BytesIO(build_pdf(b, _pictures(b), font)))
    text = _squash("".join(p.extract_text() for p in reader.pages))
    footer = re.escape(_squash(b.demo_label)) + r"\d+/\d+"
    assert len(re.findall(footer, text)) == len(reader.pages)  # every page: the demo label and its number
    text = re.sub(footer, "", text)  # a paragraph split by a page break reads whole again
    for part in (b.title, b.sentences[0], b.caveats[0], b.source, *(c.value for c in b.cards)):
        assert _squash(part) in text, part
    assert sum(len(p.images) for p in reader.pages) == 3
    assert 1 <= len(reader.pages) <= 4
    for ref in reader.pages[0]["/Resources"]["/Font"].values():  # the Chinese font travels with the file
        descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


def test_without_browser_or_font_the_docx_is_made_and_says_why(fixture_db, monkeypatch) -> None:
    b, *_ = _briefing(fixture_db)

    def no_browser(charts):
        raise images.ImagesUnavailable("no chromium", missing=True)

    monkeypatch.setattr(images, "draw", no_browser)
    monkeypatch.setattr(fonts, "find_font", lambda: None)
    files = build.make_files(b)
    assert files.pdf is None
    assert len(files.notes) == 2 and "Chromium" in files.notes[0] and "fonts-noto-cjk" in files.notes[1]
    doc = Document(io.BytesIO(files.docx))
    assert len(doc.inline_shapes) == 0
    assert files.notes[0] in "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_browser_that_failed_is_not_called_missing(fixture_db, monkeypatch, lang) -> None:
    """Chromium is there but failed twice: the note says try again, not "install chromium"."""
    b, *_ = _briefing(fixture_db, lang=lang)

    def failed(charts):
        raise images.ImagesUnavailable("TimeoutError: the browser did not start within 60 s")

    monkeypatch.setattr(images, "draw", failed)
    files = build.make_files(b)
    assert files.notes[0] == t("briefing.images_failed", lang) != t("briefing.images_unavailable", lang)
    assert ("服务器日志" if lang == "zh" else "server's log") in files.notes[0]  # the text, not its key
    assert files.notes[0] in "\n".join(p.text for p in Document(io.BytesIO(files.docx)).paragraphs)


def test_font_from_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("BRIEFING_FONT", str(tmp_path / "missing.ttf"))
    assert fonts.find_font() is None
    path = tmp_path / "some.ttf"
    path.write_bytes(b"x")
    monkeypatch.setenv("BRIEFING_FONT", str(path))
    assert fonts.find_font() == fonts.FontFile(path, 0)


def test_pdf_uses_the_smaller_font_copy_when_it_has_every_character(fixture_db, monkeypatch, tmp_path) -> None:
    """The cut-down copy of the font (fonts.pdf_font) serves a briefing whose characters it holds; a rarer
    character sends the briefing back to the full font. (The real copy keeps GB2312 and the interface's
    text; here a few characters, so the test is quick.)"""
    font = fonts.find_font()
    if font is None:
        pytest.skip("no Chinese font (scripts/install_system_deps.sh installs fonts-noto-cjk)")
    monkeypatch.setenv("CAMPAIGN_CACHE", str(tmp_path))
    b, *_ = _briefing(fixture_db)
    text = build.text_of(b)
    monkeypatch.setattr(fonts, "common_characters", lambda: frozenset(text) | set("0123456789/"))
    assert fonts.pdf_font(text, background=False) == font  # no copy yet: the full font
    fonts._build_small(font, fonts._small_path(font))
    small = fonts.pdf_font(text)
    assert small != font and small.path.parent == tmp_path
    assert small.path.stat().st_size < font.path.stat().st_size / 10
    assert fonts.pdf_font(text + "𪚥") == font  # a character the copy lacks
    reader = PdfReader(io.BytesIO(build_pdf(b, _pictures(b), small)))
    assert _squash(b.sentences[0]) in _squash("".join(p.extract_text() for p in reader.pages))
