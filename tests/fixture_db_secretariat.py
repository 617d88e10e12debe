"""The "secretariat" layer of the fixture database (tests/fixture_db.py): the rows the secretariat pages
need on top of the base: notices with deadlines at three levels, 兵团 and 台湾, late files, a file-time
submission, load issues, notice activities and form fields.

What tests may rely on (2024, 科协 unless said):
- national notice 2024_cast: deadline 2024-06-30; 江苏省 notice js_2024: deadline 2024-06-15 (for 江苏's
  cities); 南京市 notice nj_2024: deadline 2024-06-10 (for 南京's counties: 玄武区).
- late: 陕西省科协 (2024-07-15, file time), 南京市科协 (2024-06-20 > 江苏's 06-15), 玄武区科协 (06-12 > 06-10).
- 江阴市科协 (county under 无锡市, no 无锡 notice) falls back to 江苏's notice: on time.
- 2022 has no notice at all: every 2022 file's deadline is unknown.
- 兵团 (660000) sends a 2024 province report; 台湾 (710000) is a region but never expected.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb

NOTICES = [  # notice_id, year, title, issuer, level, region, region_code, channel, 文号, deadline, issued
    ("2023_cast", 2023, "关于开展2023年全国科技工作者日活动的通知", "中国科协", "national", None, None, "科协",
     "科协发〔2023〕12号", date(2023, 6, 30), date(2023, 4, 20)),
    ("js_2024", 2024, "江苏省科协关于开展2024年全国科技工作者日活动的通知", "江苏省科协", "province", "江苏省",
     "320000", "科协", "苏科协发〔2024〕5号", date(2024, 6, 15), date(2024, 4, 25)),
    ("nj_2024", 2024, "南京市科协关于开展2024年全国科技工作者日活动的通知", "南京市科协", "city", "南京市",
     "320100", "科协", None, date(2024, 6, 10), date(2024, 5, 5)),
    ("2024_nongjixie", 2024, "中国农技协关于开展2024年科技志愿服务联合行动的通知", "中国农技协",
     "national_association", None, None, "农技协", None, date(2024, 7, 31), date(2024, 4, 28)),
]
FULL_TEXT = "关于开展{year}年全国科技工作者日活动的通知\n一、活动主题\n弘扬科学家精神\n二、主要活动\n（一）科技志愿服务\n三、工作要求\n请于6月30日前报送活动总结。"
ACTIVITIES = [
    ("2023_cast", "科技志愿服务"),
    ("2023_cast", "宣传报道"),
    ("2024_cast", "科技志愿服务"),
    ("2024_cast", "走访慰问"),
    ("2024_cast", "宣传报道"),
    ("js_2024", "科技志愿服务"),
]
FIELDS = [
    ("2024_cast", "动员科技志愿者数量（人）", "volunteers"),
    ("2024_cast", "开展活动数量（场）", "events"),
    ("2024_cast", "活动亮点", None),
    ("2024_cast", "动员科技小院数量（个）", "units_mobilized"),
]


def add_secretariat_rows(path: str | Path) -> Path:
    """Add the rows above to a database the base has filled; returns the path."""
    con = duckdb.connect(str(path))
    try:
        _fill(con)
    finally:
        con.close()
    return Path(path)


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "UPDATE notices SET report_deadline = DATE '2024-06-30', issued_on = DATE '2024-04-22', "
        "doc_number = '科协发〔2024〕8号', theme = '弘扬科学家精神', period_text = '5月下旬至6月', "
        "period_start = DATE '2024-05-20', period_end = DATE '2024-06-30' WHERE notice_id = '2024_cast'"
    )
    for n in NOTICES:
        con.execute(
            "INSERT INTO notices (notice_id, year, title, issuer, level, region, region_code, reporting_system, "
            "doc_number, report_deadline, issued_on, source_file, theme) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [*n, f"{n[0]}.txt", "弘扬科学家精神"],
        )
    con.execute(
        "UPDATE notices SET full_text = replace($t, '{year}', CAST(year AS VARCHAR))", {"t": FULL_TEXT}
    )
    for i, (nid, category) in enumerate(ACTIVITIES):
        con.execute(
            "INSERT INTO notice_activities (notice_id, seq, item_no, section, heading, body, category, category_zh) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [nid, i + 1, i + 1, "主要活动", category, "", category, category],
        )
    con.execute("INSERT INTO notice_attachments (notice_id, seq, title, is_form) VALUES ('2024_cast', 1, '活动总结表', TRUE)")
    for i, (nid, label, metric) in enumerate(FIELDS):
        con.execute(
            "INSERT INTO notice_form_fields (notice_id, attachment_seq, seq, field_label, metric, channel) "
            "VALUES (?,?,?,?,?,?)", [nid, 1, i + 1, label, metric, None]
        )
    con.execute(
        "INSERT INTO notice_contacts (notice_id, org, name, phone, fax, email, personal) "
        "VALUES ('2024_cast', '中国科协', '张三', '010-12345678', NULL, NULL, TRUE)"
    )

    # populations that differ, so per-capita figures rank differently from absolute ones
    populations = {"北京市": 2186.0, "广东省": 12706.0, "四川省": 8368.0, "陕西省": 3952.0, "江苏省": 8526.0}
    for name, pop in populations.items():
        con.execute("UPDATE population SET population_10k = ? WHERE province = ?", [pop, name])

    # regions: 兵团 (no polygon, expected) and 台湾 (polygon, not expected)
    con.execute(
        "INSERT INTO regions VALUES ('660000','新疆生产建设兵团','兵团','province',NULL,'660000','西北')"
    )
    con.execute("INSERT INTO regions VALUES ('710000','台湾省','台湾','province',NULL,'710000','华东')")
    con.execute(
        "INSERT INTO submissions SELECT 'bingtuan2024', 2024, '新疆生产建设兵团科协', '新疆生产建设兵团科协', "
        "'province', '科协', '新疆生产建设兵团', '660000', NULL, NULL, NULL, NULL, 'summary', '2024/兵团.xlsx', "
        "'xlsx', 'ab', 100, TIMESTAMP '2024-06-01 09:00', 'workbook', TRUE, 'loaded', NULL"
    )
    con.execute(
        "INSERT INTO cell_values VALUES ('bingtuan2024','2024/兵团.xlsx','汇总表','C4','受益人次','B4',"
        "'12000',  'beneficiaries', NULL, 12000, FALSE, 'value')"
    )

    # late files, and one whose time comes from the file system
    late = {
        "陕西科协": datetime(2024, 7, 15, 18, 0),
        "南京市科协": datetime(2024, 6, 20, 9, 0),
        "玄武区科协": datetime(2024, 6, 12, 9, 0),
    }
    for org, when in late.items():
        con.execute(
            "UPDATE submissions SET modified_at = ? WHERE year = 2024 AND org_name LIKE ?",
            [when, org[:2] + "%"],
        )
    con.execute("UPDATE submissions SET modified_source = 'file' WHERE year = 2024 AND org_name LIKE '陕西%'")

    # load issues: the rejected file's error, and warnings in two years
    rejected = con.execute("SELECT source_file FROM submissions WHERE status = 'rejected'").fetchone()[0]
    issues = [  # file, sheet, cell, severity, code, message, message_en, year
        (rejected, None, None, "error", "no_year", "无法确定报送年份", "The year could not be determined", None),
        ("2023/005_广东省科协.xlsx", "汇总表", "C6", "warning", "unit_mismatch", "单位与指标不符：“210篇”",
         "Unit does not fit the metric: '210篇'", 2023),
        ("2024/009_浙江大学.xlsx", "Sheet1", "D7", "error", "value_too_large", "数值超过合理上限：9亿",
         "Value above the plausible maximum: 900000000", 2024),
    ]
    for row in issues:
        con.execute("INSERT INTO load_issues VALUES (?,?,?,?,?,?,?,?,'submission')", list(row))
