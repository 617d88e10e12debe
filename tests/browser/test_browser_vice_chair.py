"""The vice-chair's task of issue 13, walked as a new user would, on a 1366x768 laptop, in Chinese and in
English: "How did 2024 go against 2023, nationally and for 四川, 河南, 广东? I want a picture for a slide
and the one sentence to say." Pick the three provinces in the sidebar by typing them, read the sentence,
save the ranking chart with its camera, make the briefing and find the sentence in it.

Every step uses what a newcomer sees (labels, buttons, the camera icon), never a URL parameter typed in.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from tests.browser.page_checks import (
    CUT_JS,
    assert_no_exception,
    choose,
    notes_shown,
    open_page,
    screenshot_all,
    wait_for_app,
)

pytestmark = pytest.mark.browser

CAMERA = '.modebar-btn[data-title*="png" i], .modebar-btn[data-title*="Download" i]'
WORDS = {  # what the new user reads on the page, by language
    "zh": {
        "ready": "核心指标",
        "provinces": ["四川", "河南", "广东"],
        "picked": ["四川省", "河南省", "广东省"],
        "sentence_has": ["2024年四川省、河南省、广东省", "同比", "约"],
        "national": "全国",
        "button": "生成会议简报",
        "docx": "下载 Word 简报",
        "ranking_png": "2024_受益人次_各省排名.png",
    },
    "en": {
        "ready": "Headline figures",
        "provinces": ["Sichuan", "Henan", "Guangdong"],
        "picked": ["Sichuan", "Henan", "Guangdong"],
        "sentence_has": ["Sichuan", "Henan", "Guangdong", "year on year", "≈"],
        "national": "All China",
        "button": "Make a meeting briefing",
        "docx": "Download the Word briefing",
        "ranking_png": "2024_Beneficiaries_Provinces-ranked.png",
    },
}


def _headline(page) -> str:
    """The page's one sentence: the bold line under the title."""
    return page.locator('[data-testid="stMarkdownContainer"] strong').first.inner_text()


def _pick_provinces(page, names: list[str]) -> None:
    """Type each province into the sidebar's region box and choose the suggestion, as a person would."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)
    for name in names:
        choose(page, box, name)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_vice_chair_gets_a_sentence_a_picture_and_a_briefing(coverage_url, page, tmp_path, lang) -> None:
    w = WORDS[lang]
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, f"{coverage_url}/" + ("?lang=en" if lang == "en" else ""), w["ready"])
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .trace').length >= 5")
    national = _headline(page)
    assert "2024" in national and w["national"] in national, national  # the national sentence first

    _pick_provinces(page, w["provinces"])
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .trace').length >= 5")
    assert_no_exception(page)
    sentence = _headline(page)
    assert all(part in sentence for part in w["sentence_has"]), sentence
    assert sentence != national
    sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1).inner_text()
    assert all(p in sidebar for p in w["picked"]), sidebar
    assert page.evaluate(CUT_JS) == []
    screenshot_all(page, f"vice_chair_{lang}_1366")

    # the picture for the slide: the ranking chart's camera (the only button in its mode bar)
    chart = page.locator(".js-plotly-plot").nth(1)
    chart.scroll_into_view_if_needed()
    chart.hover()
    with page.expect_download() as dl:
        chart.locator(CAMERA).first.click()
    assert dl.value.suggested_filename == w["ranking_png"]
    png = tmp_path / dl.value.suggested_filename
    dl.value.save_as(png)
    with Image.open(png) as img:
        assert img.size[0] >= 2 * 300  # 2x the chart as drawn

    # the briefing, one click, and the sentence is in it as the page says it
    page.get_by_role("button", name=w["button"]).click()
    wait_for_app(page, w["docx"])
    assert_no_exception(page)
    with page.expect_download() as dl:
        page.get_by_role("button", name=w["docx"]).click()
    doc = Document(io.BytesIO(Path(dl.value.path()).read_bytes()))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert sentence in body
    assert len(doc.inline_shapes) == 3, notes_shown(page)  # trend, ranking, map
