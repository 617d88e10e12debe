"""Hostile and broken workbooks among good ones: the build survives in bounded memory, says what was
wrong with each file, and loads every other file (files in = loaded + duplicate + rejected)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.database import fetch
from tests.security import corpus

ROOT = Path(__file__).resolve().parents[2]
RSS_LIMIT_MB = 1024  # generous: a build of these files peaks near 100 MB
REFUSED = {
    "截断的文件.xlsx",
    "空文件.xlsx",
    "图片改名.xlsx",
    "压缩炸弹.xlsx",
    "压缩炸弹-伪造大小.xlsx",
    "XML炸弹.xlsx",
    "外部实体.xlsx",
    "百万行.xlsx",
    "稀疏角落.xlsx",
    "共享字符串放大.xlsx",
    "稀疏角落-前缀.xlsx",
    *corpus.ODD_CORNERS,
    "共享字符串放大-空串在前.xlsx",
    "全是公式.xlsx",
    "稀疏角落.xls",
    "共享字符串放大.xls",
}
LOADED = {"含宏.xlsm", "文字数值.xlsx", "超长字符串.xlsx"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "submissions"
    year = root / "2024"
    year.mkdir(parents=True)
    corpus.write_hostile(year)
    corpus.write_good(year)
    return root


@pytest.fixture(scope="module")
def built(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """Build in a child process, so a crash or a memory blow-up shows as such, and RSS is its own."""
    db = tmp_path_factory.mktemp("hostile-db") / "campaigns.duckdb"
    notices = tmp_path_factory.mktemp("no-notices")
    proc = subprocess.run(
        [sys.executable, "-m", "tests.security.swap_worker", "build", str(folder), str(notices), str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"the build did not survive: rc={proc.returncode}\n{proc.stderr[-3000:]}"
    return db, json.loads(proc.stdout.strip().splitlines()[-1])


def test_build_survives_in_bounded_memory(built):
    _, result = built
    print(f"build peak RSS {result['rss_mb']:.0f} MB")  # reported in docs/security.md
    assert result["rss_mb"] < RSS_LIMIT_MB


def test_each_file_alone_stays_bounded(folder: Path):
    """Each file extracted in turn in one child: the peak RSS after each stays under the bound."""
    files = sorted((folder / "2024").iterdir())
    proc = subprocess.run(
        [sys.executable, "-m", "tests.security.swap_worker", "extract", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout)
    assert set(result) == {p.name for p in files}
    for name, info in result.items():
        assert info["rss_mb"] < RSS_LIMIT_MB, (name, info)


def test_every_file_is_accounted_for(built, folder: Path):
    db, _ = built
    files_in = len(list((folder / "2024").iterdir()))
    status = dict(fetch(db, "SELECT status, count(*) FROM submissions GROUP BY status"))
    assert sum(status.values()) == files_in
    assert status.get("loaded", 0) + status.get("duplicate", 0) + status.get("rejected", 0) == files_in
    run = fetch(db, "SELECT files_read, files_loaded, files_duplicate, files_rejected FROM etl_runs")[0]
    assert run[0] == files_in == run[1] + run[2] + run[3]


def test_hostile_files_are_refused_or_contained_with_a_reason(built):
    db, _ = built
    status = dict(fetch(db, "SELECT source_file, status FROM submissions"))
    for name, (_, words) in corpus.HOSTILE.items():
        source = f"2024/{name}"
        assert status[source] == ("rejected" if name in REFUSED else "loaded"), name
        messages = " ".join(
            m + " " + e
            for m, e in fetch(
                db, "SELECT message, message_en FROM load_issues WHERE source_file = ?", [source]
            )
        ).lower()
        if name in REFUSED:
            assert messages, f"{name} is refused without a reason"
        if words:
            assert any(w.lower() in messages for w in words), f"{name}: {messages[:300]}"


def test_good_files_still_load_with_their_values(built):
    db, _ = built
    got = {
        (f.split("/")[-1], m): v
        for f, m, v in fetch(db, "SELECT source_file, metric, value FROM metric_values")
    }
    assert got[("广东省科协.xlsx", "volunteers")] == 3500
    assert got[("广东省科协.xlsx", "beneficiaries")] == 120000
    assert got[("浙江省科协.xlsx", "events")] == 150
    assert got[("公式名称单位.xlsx", "volunteers")] == 77
    assert got[("含宏.xlsm", "volunteers")] == 31, "a macro workbook's values are read (macros are not)"


def test_no_external_entity_content_reached_the_database(built):
    db, _ = built
    secret = Path("/etc/passwd").read_text(errors="ignore").split(":")[0] + ":x:"  # e.g. "root:x:"
    for table, cols in (
        ("load_issues", "message || message_en"),
        ("cell_values", "coalesce(raw_text, '')"),
        ("submissions", "coalesce(org_name, '')"),
    ):
        hits = fetch(db, f"SELECT count(*) FROM {table} WHERE strpos({cols}, ?) > 0", [secret])
        assert hits == [(0,)], table


@pytest.mark.parametrize("builder", [corpus.xml_bomb, corpus.xxe])
def test_calamine_itself_never_expands_entities(builder, tmp_path: Path):
    """Behind our DTD refusal: python-calamine (quick-xml) fails on any DTD entity instead of expanding it."""
    path = tmp_path / builder(tmp_path)
    with pytest.raises(Exception, match="entity"):
        CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_exports_of_a_formula_org_name_hold_no_live_formula(built):
    """The org name =HYPERLINK(...) from a submitted file reaches the CSV and XLSX exports as text."""
    import csv
    import io

    import openpyxl

    from dashboard.data import common
    from dashboard.data import explore as queries
    from dashboard.filters import Filters
    from dashboard.present import explore as tables
    from dashboard.present import export
    from dashboard.present.catalog import Catalog

    db, _ = built
    cat = Catalog.from_frames(common.metrics(db), common.provinces(db))
    f = Filters(years=(2024,), channel="科协")
    checked = 0
    for grain in queries.GRAINS:
        table = tables.explore_table(grain, queries.QUERY_FOR_GRAIN[grain](db, f), cat, f)
        rows = list(csv.reader(io.StringIO(export.to_csv_bytes(table).decode("utf-8-sig"))))
        cells = [c for row in rows for c in row]
        assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r", "\n"))], grain
        checked += sum(c.startswith("'=HYPERLINK(") for c in cells)  # the cleaner may drop its last ")"
        wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(table)))
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (grain, cell.coordinate, cell.value)
                    if isinstance(cell.value, str):
                        assert not cell.value.startswith(("=", "+", "@")), (grain, cell.value)
    assert checked, "the formula-like org name was exported (as text) at least once"
