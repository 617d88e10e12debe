"""The "activities" layer of the fixture database (tests/fixture_db.py): the rows the 优秀活动 Activities
page needs on top of the base.

What tests may rely on:
- 2024 recommendations (农技协): 四川省农技协 (3, the first about 科技小院 in 眉山, the second's reason over
  300 字), 广东省农技协 (2, one also about 科技小院), and a duplicate file of 四川 that must never show.
- 2021 plans (科协): 江苏省科协 (2 plans: 团结引领+表彰发布, 为民服务), 中国农学会 (national, 1 plan:
  开放合作), 浙江省科协 (1 plan with no module ticked).
- a contact row (phone 13900001111) on the 四川 recommendation: it must never show.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

LONG_REASON = "围绕茶叶绿色高效栽培开展技术培训和田间指导，受益群众众多。" * 12  # 29 × 12 = 348 characters
SUBMISSIONS = [  # sid, year, org, level, system, province, code, form, source, status
    ("act_sc", 2024, "四川省农技协", "province", "农技协", "四川省", "510000", "recommendation",
     "2024/四川省农技协_优秀活动推荐表.docx", "loaded"),
    ("act_sc_dup", 2024, "四川省农技协", "province", "农技协", "四川省", "510000", "recommendation",
     "2024/四川省农技协_优秀活动推荐表_旧.xlsx", "duplicate"),
    ("act_gd", 2024, "广东省农技协", "province", "农技协", "广东省", "440000", "recommendation",
     "2024/广东省农技协_优秀活动推荐表.xlsx", "loaded"),
    ("act_js", 2021, "江苏省科协", "province", "科协", "江苏省", "320000", "plan",
     "2021/江苏省科协_特色亮点活动筹备方案.docx", "loaded"),
    ("act_nx", 2021, "中国农学会", "national", "科协", None, None, "plan",
     "2021/中国农学会_特色亮点活动筹备方案.docx", "loaded"),
    ("act_zj", 2021, "浙江省科协", "province", "科协", "浙江省", "330000", "plan",
     "2021/浙江省科协_特色亮点活动筹备方案.xlsx", "loaded"),
]
RECOMMENDED = [  # sid, sheet, cell, seq, name, organizer, reason, reason_cell
    ("act_sc", "表1", "B6", 1, "“科技·文化 走进科技小院在行动”——眉山柑橘科技小院专场", "眉山市农村专业技术协会",
     "依托眉山柑橘科技小院，组织50名科技志愿者开展技术培训12场，受益群众8000人次。", "B10"),
    ("act_sc", "表1", "B7", 2, "茶叶绿色高效栽培田间课堂", "雅安市茶叶产业农技协", LONG_REASON, "B11"),
    ("act_sc", "表1", "B8", 3, "“最美科技工作者”先进事迹四川巡回宣讲", "四川省农技协科普教育基地",
     "宣讲扎根乡村的科技工作者事迹，媒体报道20次。", "B12"),
    ("act_sc_dup", "优秀活动推荐表", "B8", 1, "旧版：科技小院专场（重复文件）", "眉山市农技协", "旧理由", "B12"),
    ("act_gd", "优秀活动推荐表", "B8", 1, "“公益电影行 走进科技小院”韶关站", "韶关市农村专业技术协会",
     "把公益电影送进科技小院，惠及周边群众3000人次。", "B12"),
    ("act_gd", "优秀活动推荐表", "B9", 2, "荔枝病虫害绿色防控田间课堂", "茂名市荔枝产业农技协",
     "示范推广绿色防控技术5项。", "A15"),
]
PLANNED = [  # sid, sheet, cell, name, organizer, undertaker, modules, time, place, groups, scale
    ("act_js", "表1", "B2", "众心向党 自立自强——江苏科技工作者风采展", "江苏省科学技术协会", "南京市科学技术协会",
     "团结引领、表彰发布", "2021年5月30日", "南京市科技馆", "科协系统干部、科技工作者", "约500人"),
    ("act_js", "表2", "B2", "科技志愿服务进新时代文明实践中心", "江苏省科学技术协会", "苏州市科学技术协会",
     "为民服务", "2021年6月5日", "苏州市新时代文明实践中心", "科技工作者", "300人"),
    ("act_nx", "表1", "B2", "“一带一路”农业科技人才交流对话会", "中国农学会", "中国农学会办公室", "开放合作",
     "5月下旬", "线上", "科技工作者、海外同行", "线上1000人"),
    ("act_zj", "筹备方案", "B6", "科技工作者走访慰问和办实事活动", "浙江省科协", "杭州市科学技术协会", "",
     "2021年5月28日", "杭州市", "科技工作者", "200人"),
]
CONTACT_PHONE = "13900001111"


def add_activity_rows(path: str | Path) -> Path:
    """Insert the activity submissions and rows into a database the base has filled; returns the path."""
    path = Path(path)
    con = duckdb.connect(str(path))
    try:
        _fill(con)
    finally:
        con.close()
    return path


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    where: dict[str, list] = {}  # sid -> the columns every activity row starts with after its cell
    sources: dict[str, str] = {}
    for sid, year, org, level, system, province, code, form, source, status in SUBMISSIONS:
        sources[sid] = source
        where[sid] = [year, org, level, system, province]
        con.execute(
            """INSERT INTO submissions (submission_id, year, org_name, org_key, org_level, reporting_system,
               province, province_code, form, source_file, file_format, sha256, file_size, modified_at,
               modified_source, is_demo, status, duplicate_of)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            [sid, year, org, f"{system}|{org}", level, system, province, code, form, source,
             source.rsplit(".", 1)[1], sid, 1000, datetime(year, 5, 20), "workbook", True, status,
             "act_sc" if status == "duplicate" else None],
        )
    for sid, sheet, cell, seq, name, organizer, reason, reason_cell in RECOMMENDED:
        n = len("".join(reason.split()))
        row = [sid, sources[sid], sheet, cell, *where[sid], seq, name, organizer, reason, sheet, reason_cell,
               n, n > 300]
        con.execute(f"INSERT INTO recommended_activities VALUES ({','.join('?' * len(row))})", row)
    for sid, sheet, cell, *fields in PLANNED:
        row = [sid, sources[sid], sheet, cell, *where[sid], *fields]
        con.execute(f"INSERT INTO planned_activities VALUES ({','.join('?' * len(row))})", row)
    con.execute(
        "INSERT INTO submission_contacts VALUES (?,?,?,?,?,?)",
        ["act_sc", sources["act_sc"], "表1", "D2", "phone", CONTACT_PHONE],
    )
