"""The frame: missing database page, demo banner, language switch, URL-bound filters."""

from __future__ import annotations

from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from etl.paths import SCHEMA_FILE
from tests.apptest import APP, qp, small_table_css, small_tables


def _texts(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.title] + [e.value for e in at.caption]
    parts += [e.value for e in at.warning] + [e.value for e in at.info] + [e.value for e in at.code]
    return "\n".join(str(p) for p in parts)


def test_missing_database_says_how_to_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CAMPAIGN_DB", str(tmp_path / "nothing.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    text = _texts(at)
    assert "尚未生成数据库" in text
    assert "make run" in text and "python -m etl build" in text


def test_empty_database_says_how_to_build(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "empty.duckdb"
    con = duckdb.connect(str(db))
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    con.close()
    monkeypatch.setenv("CAMPAIGN_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "中没有任何数据" in _texts(at)


def test_missing_database_page_in_english(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CAMPAIGN_DB", str(tmp_path / "nothing.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert "has not been built" in _texts(at)


def test_demo_banner_and_build_time(app) -> None:
    at = app()
    assert not at.exception
    assert any("演示数据" in w.value for w in at.warning)
    assert any("2025-05-20 09:30" in c.value for c in at.sidebar.caption)


def test_language_switch_changes_labels(app) -> None:
    at = app()
    assert at.title[0].value == "总览"
    assert at.sidebar.multiselect(key="w_years_zh").label == "年份"
    at.sidebar.radio(key="w_lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert at.sidebar.multiselect(key="w_years_en").label == "Years"
    assert at.metric[0].label.startswith("S&T volunteers")
    assert qp(at, "lang") == ["en"]
    # selections survive the switch
    at.sidebar.multiselect(key="w_area_en").set_value(["华东"]).run()
    at.sidebar.radio(key="w_lang").set_value("zh").run()
    assert at.sidebar.multiselect(key="w_area_zh").value == ["华东"]
    assert at.title[0].value == "总览"


def test_url_parameters_set_filters_and_are_written_back(app) -> None:
    at = app(years=["2023"], area="广东省", channel="农技协", metric="events")
    assert not at.exception
    assert at.sidebar.multiselect(key="w_years_zh").value == [2023]
    assert at.sidebar.multiselect(key="w_area_zh").value == ["广东省"]
    assert at.sidebar.radio(key="w_channel_zh").value == "农技协"
    at.sidebar.selectbox(key="w_metric_zh").set_value("volunteers").run()
    assert qp(at, "metric") == ["volunteers"]
    assert qp(at, "area") == ["广东省"]


def test_invalid_url_parameters_are_ignored(app) -> None:
    at = app(years=["1999", "x"], area="=cmd|calc", channel="??", metric="nope", lang="fr")
    assert not at.exception
    assert at.sidebar.multiselect(key="w_years_zh").value == [2021, 2022, 2023, 2024]
    assert at.sidebar.multiselect(key="w_area_zh").value == []


def _small_table_app() -> None:
    import pandas as pd

    from dashboard import widgets

    widgets.small_table(pd.DataFrame({"单位": ["<b>科协</b>", "A & B"], "排名": [1, 2], "备注": ["", "x"]}))


def test_small_table_escapes_text_and_sets_numbers_right() -> None:
    """widgets.small_table draws HTML: a name from a workbook is text, never markup."""
    at = AppTest.from_function(_small_table_app).run()
    assert not at.exception
    body = at.get("html")[0].value
    assert "&lt;b&gt;科协&lt;/b&gt;" in body and "<b>" not in body and "A &amp; B" in body
    table = small_tables(at)[0]
    assert table.to_dict("records") == [
        {"单位": "<b>科协</b>", "排名": "1", "备注": ""},
        {"单位": "A & B", "排名": "2", "备注": "x"},
    ]
    assert any("text-align: right" in rule and "td.col1" in sel for sel, rule in small_table_css(at, "排名"))
