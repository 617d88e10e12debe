"""Issue messages: every code has both languages, and a huge cell is quoted short."""

from __future__ import annotations

import re

from etl.issues import QUOTE_LIMIT, issue, issue_codes


def test_every_code_has_severity_and_both_languages() -> None:
    for code, spec in issue_codes().items():
        assert spec["severity"] in ("error", "warning"), code
        fields_zh = set(re.findall(r"{(\w+)}", spec["zh"]))
        fields_en = set(re.findall(r"{(\w+)}", spec["en"]))
        assert spec["zh"] and spec["en"], code
        # the English text may use *_en variants of the Chinese fields, nothing else
        assert {f.removesuffix("_en") for f in fields_en} <= fields_zh | {
            f.removesuffix("_en") for f in fields_zh
        }, code


def test_a_huge_cell_is_quoted_short_with_its_length() -> None:
    raw = "举" * 100_000
    it = issue("value_not_a_number", "Sheet1", "C4", label="志愿服务队", raw=raw)
    assert len(it.message) < QUOTE_LIMIT + 100
    assert "100000字" in it.message and "100000" in it.message_en
    assert (it.sheet, it.cell, it.severity) == ("Sheet1", "C4", "error")


def test_a_short_cell_is_quoted_whole() -> None:
    it = issue("value_not_a_number", "S", "B2", label="受益人次", raw="很多")
    assert "很多" in it.message and "…" not in it.message
