"""No page and no export shows personal data unmasked.

The fixture database gets contacts in every place they could come from: the two contact tables, a
contact cell the form parser did not recognise (kept raw in cell_values), a notice whose text still
holds a contact line, an issue message quoting one. Every page is run with AppTest and everything it
shows is scanned; every export of the Explore page is scanned too.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import APP

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.stem for p in (ROOT / "dashboard" / "app_pages").glob("*.py"))
PHONES = ["13912345678", "010-68571234", "18611112222"]
EMAILS = ["wuxiaohui@cast.org.cn", "zhangsan@163.com"]
NAMES = ["武晓慧"]
SECRETS = PHONES + EMAILS + NAMES


@pytest.fixture(scope="module")
def leaky_db(tmp_path_factory: pytest.TempPathFactory, fixture_db_copy: Callable[..., Path]) -> Path:
    db = fixture_db_copy(tmp_path_factory.mktemp("leaky") / "campaigns.duckdb")
    con = duckdb.connect(str(db))
    try:
        sid, source = con.execute(
            "SELECT submission_id, source_file FROM submissions WHERE status = 'loaded' AND year = 2024 LIMIT 1"
        ).fetchone()
        for field, value in (
            ("phone", PHONES[0]),
            ("email", EMAILS[0]),
            ("contact_name", NAMES[0]),
            ("address", "北京市海淀区复兴路3号"),
        ):
            con.execute(
                "INSERT INTO submission_contacts VALUES (?,?,?,?,?,?)",
                [sid, source, "汇总表", "B30", field, value],
            )
        notice_id = con.execute("SELECT notice_id FROM notices LIMIT 1").fetchone()[0]
        con.execute(
            "INSERT INTO notice_contacts (notice_id, org, name, phone, email, address) VALUES (?,?,?,?,?,?)",
            [notice_id, "中国科协", "谢敏", PHONES[1], EMAILS[1], "北京市海淀区复兴路3号"],
        )
        con.execute(
            "UPDATE notices SET full_text = coalesce(full_text, '') || ? WHERE notice_id = ?",
            [f"\n联系人：谢敏，电话：{PHONES[1]}，邮箱：{EMAILS[1]}", notice_id],
        )
        con.execute(
            "INSERT INTO cell_values VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [sid, source, "汇总表", "B31", "手机", "A31", PHONES[2], None, None, None, False, "unmapped"],
        )
        con.execute(
            "INSERT INTO load_issues VALUES (?,?,?,?,?,?,?,?,?)",
            [
                source,
                "汇总表",
                "B31",
                "warning",
                "label_unmapped",
                f"栏目“手机”不对应任何指标（{PHONES[2]}）",
                f"label 手机 matches no metric ({PHONES[2]})",
                2024,
                "submission",
            ],
        )
    finally:
        con.close()
    return db


def _all_text(at: AppTest) -> str:
    """Every value the page rendered: text elements, tables and dataframes (as CSV), metrics, widgets."""
    parts: list[str] = []

    def walk(node) -> None:
        value = getattr(node, "value", None)
        if isinstance(value, pd.DataFrame | pd.Series):
            parts.append(value.to_csv())
        elif value is not None:
            parts.append(str(value))
        for attr in ("label", "body", "options", "help", "proto"):
            v = getattr(node, attr, None)
            if v is not None and not callable(v):
                parts.append(str(v))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def _leaks(text: str) -> list[str]:
    flat = re.sub(r"[\s\-]", "", text)
    return [s for s in SECRETS if s in text or re.sub(r"[\s\-]", "", s) in flat]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_personal_data(page: str, leaky_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CAMPAIGN_DB", str(leaky_db))
    monkeypatch.setenv("CAMPAIGN_UPLOAD", "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    text = _all_text(at)
    assert len(text) > 200, "the page rendered something to scan"
    assert _leaks(text) == []
    for lang in ("en",):  # the English view shows the same data
        at.query_params["lang"] = lang
        at.run()
        assert _leaks(_all_text(at)) == []


def test_no_export_holds_personal_data(leaky_db: Path):
    from dashboard.data import common
    from dashboard.data import explore as queries
    from dashboard.filters import Filters
    from dashboard.present import explore as tables
    from dashboard.present import export
    from dashboard.present.catalog import Catalog

    cat = Catalog.from_frames(common.metrics(leaky_db), common.provinces(leaky_db))
    years = tuple(common.years(leaky_db))
    for grain, channel in [(g, c) for g in queries.GRAINS for c in ("科协", "农技协")]:
        f = Filters(years=years, channel=channel)
        raw = queries.QUERY_FOR_GRAIN[grain](leaky_db, f)
        table = tables.explore_table(grain, raw, cat, f)
        csv_text = export.to_csv_bytes(table).decode("utf-8-sig")
        assert _leaks(csv_text) == [], grain
        xlsx = export.to_xlsx_bytes(table)
        assert _leaks(_xlsx_text(xlsx)) == [], grain


def _xlsx_text(data: bytes) -> str:
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_database_copy_is_untouched(leaky_db: Path, tmp_path: Path):
    """The scan above reads a copy of the fixture with personal data added; the shared fixture is not changed."""
    shutil.copy(leaky_db, tmp_path / "x.duckdb")
    con = duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM submission_contacts").fetchone()[0] >= 4
    finally:
        con.close()
