"""Every issue code tells the sender what to do, in Chinese and English (the quality page's to-do list)."""

from __future__ import annotations

import re

import pytest

from dashboard.present.quality import fix_text
from etl.issues import issue_codes

FIELD = re.compile(r"\{(\w+)\}")
KNOWN_FIELDS = {"cell", "sheet", "raw", "label", "file"}


@pytest.mark.parametrize("code", sorted(issue_codes()))
def test_every_code_has_a_fix_text_in_both_languages(code):
    spec = issue_codes()[code]
    for lang in ("zh", "en"):
        template = spec.get(f"fix_{lang}")
        assert isinstance(template, str) and template.strip(), f"{code}: no fix_{lang}"
        assert set(FIELD.findall(template)) <= KNOWN_FIELDS, f"{code}: fix_{lang} uses an unknown field"
        assert set(FIELD.findall(spec["fix_zh"])) == set(FIELD.findall(spec["fix_en"]))
        # filled from a row that has every field, and from one that has none: never a bare {field}
        full = fix_text(code, lang, cell="C7", sheet="Sheet1", raw="约1.2万", label="受益人次", file="a.xlsx")
        bare = fix_text(code, lang)
        assert "{" not in full and "{" not in bare
        if "{cell}" in template:
            assert "C7" in full and "C7" not in bare


def test_the_fix_for_an_approximate_value_names_its_cell_and_text():
    assert fix_text("value_approximate", "zh", cell="C7", raw="约1.2万") == "把 C7 的“约1.2万”改为具体数字"
    assert "C7" in fix_text("value_approximate", "en", cell="C7", raw="约1.2万")
    assert "另存为 .xlsx" in fix_text("file_unreadable", "zh")


def test_a_code_outside_the_catalogue_still_reads():
    assert fix_text("no_such_code", "zh") and fix_text("no_such_code", "en")
