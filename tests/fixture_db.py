"""The one fixture database for dashboard tests: small, realistic, built from etl/pipeline/schema.sql.

`make_fixture_db(path, *layers)` writes the base rows below, then each named layer on top:
"activities" (tests/fixture_db_activities.py), "secretariat" (tests/fixture_db_secretariat.py) and
"coverage" (tests/fixture_db_coverage.py: provinces reporting in one year only, an approximate 同比).
Tests take it from the session fixtures in tests/conftest.py rather than building their own.

What the base holds (so tests can check exact figures):
- 8 provinces in all six macro-regions; 科协 province reports 2021-2024 for each, except 江苏省 in
  2024, which has only city reports (南京市, 苏州市) and a county (江阴市 under 无锡市, no city report)
  plus a county under 南京市 that must NOT count (its city reported).
- 农技协 channel only in 2023-2024 (广东省农技协, 四川省农技协, 中国农技协), with events split by
  channel (农技协 / 科技小院).
- National bodies (中国科协), a unit (浙江大学), a unit whose name looks like a spreadsheet formula,
  a duplicate and a rejected file, contact data (must never show), and an is_demo build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb

from etl.paths import SCHEMA_FILE
from tests.fixture_db_activities import add_activity_rows
from tests.fixture_db_coverage import add_coverage_rows
from tests.fixture_db_secretariat import add_secretariat_rows

# The layers a test may ask for, each adding rows to a database the base has filled.
LAYERS: dict[str, Callable[[Path], Path]] = {
    "activities": add_activity_rows,
    "secretariat": add_secretariat_rows,
    "coverage": add_coverage_rows,
}

FORMULA_ORG = '=HYPERLINK("http://x","点击")'

PROVINCES = [  # name, code, short, macro, size factor
    ("北京市", "110000", "北京", "华北", 1.2),
    ("河北省", "130000", "河北", "华北", 0.9),
    ("辽宁省", "210000", "辽宁", "东北", 0.7),
    ("江苏省", "320000", "江苏", "华东", 1.5),
    ("浙江省", "330000", "浙江", "华东", 1.3),
    ("广东省", "440000", "广东", "中南", 1.6),
    ("四川省", "510000", "四川", "西南", 1.0),
    ("陕西省", "610000", "陕西", "西北", 0.6),
]
CITIES = [  # name, code, parent, level
    ("南京市", "320100", "320000", "city"),
    ("无锡市", "320200", "320000", "city"),
    ("苏州市", "320500", "320000", "city"),
    ("玄武区", "320102", "320100", "county"),
    ("江阴市", "320281", "320200", "county"),
    ("杭州市", "330100", "330000", "city"),
]
# 江苏 2024, reported by its cities and counties: org, level, city, county, codes, size factor
JIANGSU_2024 = [
    ("南京市科协", "city", "南京市", None, ("320000", "320100", None), 0.6),
    ("苏州市科协", "city", "苏州市", None, ("320000", "320500", None), 0.5),
    ("玄武区科协", "county", "南京市", "玄武区", ("320000", "320100", "320102"), 0.1),
    ("江阴市科协", "county", "无锡市", "江阴市", ("320000", "320200", "320281"), 0.2),
]
METRICS = [  # metric, zh, en, unit_zh, unit_en, max, order
    ("volunteers", "科技志愿者", "S&T volunteers", "人", "persons", 1e7, 1),
    ("volunteer_teams", "科技志愿服务队", "Volunteer teams", "支", "teams", 1e6, 2),
    ("events", "开展活动", "Events held", "场", "events", 1e6, 3),
    ("media_reports", "媒体报道", "Media reports", "次", "reports", 1e6, 4),
    ("beneficiaries", "受益人次", "Beneficiaries", "人次", "person-times", 1e8, 5),
    ("units_mobilized", "动员组织/阵地", "Units mobilized", "个", "units", 1e6, 6),
]
BASE = {
    "volunteers": 20000,
    "volunteer_teams": 300,
    "events": 1500,
    "media_reports": 800,
    "beneficiaries": 2_000_000,
}
FIVE = tuple(BASE)  # the metrics every 科协 report fills
LABELS = {m[0]: m[1] + "数量" for m in METRICS}
YEARS = (2021, 2022, 2023, 2024)


def value_for(metric: str, factor: float, year: int, share: float = 1.0) -> float:
    """Deterministic figures that grow 10% a year."""
    return float(round(BASE[metric] * factor * share * (1 + 0.1 * (year - 2021))))


def make_fixture_db(path: str | Path, *layers: str) -> Path:
    """Create the fixture database at `path` (overwriting it), add `layers` (names in LAYERS) in order,
    and return the path."""
    path = Path(path)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
        _fill(con)
    finally:
        con.close()
    for name in layers:
        LAYERS[name](path)
    return path


class _Writer:
    """Inserts submissions numbered in call order (their file names, hence ids, depend on it)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.n = 0

    def submission(self, year: int | None, org_name: str, org_level: str | None, system: str,
                   province: str | None = None, city: str | None = None, county: str | None = None,
                   status: str = "loaded", form: str | None = "summary", duplicate_of: str | None = None,
                   codes: tuple[str | None, str | None, str | None] = (None, None, None)) -> str:
        self.n += 1
        source = f"{year or 'unknown'}/{self.n:03d}_{(org_name or 'x')[:12]}.xlsx"
        sid = hashlib.sha1(source.encode()).hexdigest()[:16]
        row = [sid, year, org_name, org_name, org_level, system, province, codes[0], city, codes[1], county,
               codes[2], form, source, "xlsx", hashlib.sha256(source.encode()).hexdigest(), 12345,
               datetime(year or 2024, 5, 30, 10, 0), "workbook", True, status, duplicate_of]
        self.con.execute(f"INSERT INTO submissions VALUES ({','.join('?' * len(row))})", row)
        return sid

    def values(self, sid: str, items: list[tuple], role: str = "value") -> None:
        """items: (metric, value, channel, approximate) each, written to rows 4, 5, ... of 汇总表."""
        source = self.con.execute(
            "SELECT source_file FROM submissions WHERE submission_id=?", [sid]
        ).fetchone()[0]
        for i, (metric, value, channel, approx) in enumerate(items):
            self.con.execute(
                "INSERT INTO cell_values VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [sid, source, "汇总表", f"C{4 + i}", metric, f"B{4 + i}", str(value), metric, channel, value,
                 approx, role],
            )


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    for name, code, short, macro, _ in PROVINCES:
        con.execute(
            "INSERT INTO regions VALUES (?,?,?,?,?,?,?)", [code, name, short, "province", None, code, macro]
        )
        con.execute("INSERT INTO population VALUES (?,?,?,?,?)", [name, code, 5000.0, 2023, "fixture"])
    for name, code, parent, level in CITIES:
        con.execute(
            "INSERT INTO regions VALUES (?,?,?,?,?,?,?)",
            [code, name, name[:-1], level, parent, code[:2] + "0000", None],
        )
    for row in METRICS:
        con.execute("INSERT INTO metrics VALUES (?,?,?,?,?,?,?)", list(row))

    w = _Writer(con)
    for year in YEARS:
        for name, code, short, _, factor in PROVINCES:
            if name == "江苏省" and year == 2024:
                continue
            org = f"{short}省科协" if not name.endswith("市") else f"{short}市科协"
            sid = w.submission(year, org, "province", "科协", province=name, codes=(code, None, None))
            approx = short == "四川"
            w.values(sid, [(m, value_for(m, factor, year), None, m == "beneficiaries" and approx) for m in FIVE])
            total = value_for("beneficiaries", factor, year) + 1
            w.values(sid, [("beneficiaries", total, None, False)], role="total")
        # national body's own report
        sid = w.submission(year, "中国科协", "national", "科协")
        w.values(sid, [(m, value_for(m, 0.5, year), None, False) for m in FIVE])
        # a unit inside 浙江: never in province figures nor in the headline
        sid = w.submission(year, "浙江大学", "unit", "科协", province="浙江省", codes=("330000", None, None))
        w.values(sid, [("events", 40.0 + year - 2021, None, False)])

    for org, level, city, county, codes, factor in JIANGSU_2024:
        sid = w.submission(2024, org, level, "科协", province="江苏省", city=city, county=county, codes=codes)
        w.values(sid, [(m, value_for(m, factor, 2024), None, False) for m in FIVE])

    # formula-looking organization name, a unit in 广东
    sid = w.submission(2024, FORMULA_ORG, "unit", "科协", province="广东省", codes=("440000", None, None))
    w.values(sid, [("beneficiaries", 5000.0, None, False)])
    # a duplicate and a rejected file (no year)
    loaded = con.execute(
        "SELECT submission_id FROM submissions WHERE org_name='广东省科协' AND year=2024"
    ).fetchone()[0]
    w.submission(2024, "广东省科协", "province", "科协", province="广东省", status="duplicate",
                 duplicate_of=loaded, codes=("440000", None, None))
    w.submission(None, "某某单位", None, "科协", status="rejected", form=None)

    # 农技协 channel, 2023-2024 only
    for year in (2023, 2024):
        for name, code, short, factor in (("广东省", "440000", "广东", 0.3), ("四川省", "510000", "四川", 0.4)):
            org = f"{short}省农村专业技术协会"
            sid = w.submission(year, org, "province", "农技协", province=name, codes=(code, None, None))
            w.values(
                sid,
                [
                    ("volunteers", value_for("volunteers", factor, year), None, False),
                    ("events", value_for("events", factor, year, 0.6), "农技协", False),
                    ("events", value_for("events", factor, year, 0.4), "科技小院", False),
                    ("beneficiaries", value_for("beneficiaries", factor, year), None, False),
                    ("units_mobilized", 120.0, "科技小院", False),
                ],
            )
        sid = w.submission(year, "中国农技协", "national", "农技协")
        w.values(sid, [("volunteers", 1000.0, None, False), ("events", 50.0, None, False)])

    # personal data that must never appear
    con.execute(
        "INSERT INTO submission_contacts VALUES (?,?,?,?,?,?)",
        [loaded, "2024/x.xlsx", "汇总表", "C20", "phone", "13800138000"],
    )
    con.execute(
        "INSERT INTO load_issues VALUES (?,?,?,?,?,?,?,?,?)",
        ["2024/x.xlsx", "汇总表", "C9", "warning", "total_mismatch", "合计与分项之和不一致", "Total differs",
         2024, "submission"],
    )
    con.execute(
        "INSERT INTO notices (notice_id, year, edition, title, issuer, level, reporting_system, source_file) "
        "VALUES (?,?,?,?,?,?,?,?)",
        ["2024_cast", 2024, 8, "关于开展2024年全国科技工作者日活动的通知", "中国科协", "national", "科协",
         "2024_cast.txt"],
    )
    loaded_n = con.execute("SELECT count(*) FROM submissions WHERE status='loaded'").fetchone()[0]
    con.execute(
        "INSERT INTO etl_runs (built_at, submissions_dir, notices_dir, etl_version, files_read, files_loaded, "
        "files_duplicate, files_rejected, values_used, issues_error, issues_warning, notices_read, is_demo, "
        "inputs_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [datetime(2025, 5, 20, 9, 30), "data/submissions", "data/notices", "test", loaded_n + 2, loaded_n,
         1, 1, 0, 0, 1, 1, True, "0" * 64],
    )
