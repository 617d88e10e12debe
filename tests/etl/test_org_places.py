"""Submissions named the way people name them, through the whole build: a prefecture written 延边州 is a
city of 吉林省 whose figures reach the province's total when the province did not report; a bare 市科协 is a
city-level body in no province, with a warning, never merged with another city's 市科协."""

from __future__ import annotations

from pathlib import Path

from etl.pipeline.build import build
from tests.builders import SEED000_FILLED, seed000_sheet, write
from tests.database import fetch


def test_short_named_prefectures_reach_their_province_and_placeless_bodies_do_not(tmp_path: Path) -> None:
    year = tmp_path / "sub" / "2024"
    year.mkdir(parents=True)
    half = {k: v // 2 for k, v in SEED000_FILLED.items()}
    write(year / "yanbian.xlsx", [seed000_sheet(SEED000_FILLED, org="延边州农技协")])
    write(year / "changyang.xlsx", [seed000_sheet(half, org="长阳县农村专业技术协会（盖章）")])
    write(year / "city_a.xlsx", [seed000_sheet(half, org="市农技协")])
    write(year / "city_b.xlsx", [seed000_sheet(half, org="市农技协")])
    write(year / "chaoyang.xlsx", [seed000_sheet(half, org="朝阳区农技协")])
    db = tmp_path / "db.duckdb"
    build(tmp_path / "sub", tmp_path / "no-notices", db)

    subs = dict(
        (f, (lvl, prov, city, status))
        for f, lvl, prov, city, status in fetch(
            db, "SELECT source_file, org_level, province, city, status FROM submissions"
        )
    )
    assert subs == {
        "2024/yanbian.xlsx": ("city", "吉林省", "延边朝鲜族自治州", "loaded"),
        "2024/changyang.xlsx": ("county", "湖北省", "宜昌市", "loaded"),
        "2024/city_a.xlsx": ("city", None, None, "loaded"),  # two cities' 市农技协: neither a duplicate
        "2024/city_b.xlsx": ("city", None, None, "loaded"),
        "2024/chaoyang.xlsx": ("unit", None, None, "loaded"),
    }
    totals = dict(
        fetch(db, "SELECT province, value FROM province_metrics WHERE metric = 'volunteers' AND year = 2024")
    )
    assert totals == {"吉林省": SEED000_FILLED["volunteers"], "湖北省": half["volunteers"]}
    codes = dict(fetch(db, "SELECT source_file, code FROM load_issues WHERE code LIKE 'org_%'"))
    assert codes == {
        "2024/city_a.xlsx": "org_place_unknown",
        "2024/city_b.xlsx": "org_place_unknown",
        "2024/chaoyang.xlsx": "org_ambiguous",
    }


NOTICE = """关于开展2024年“全国科技工作者日”活动的通知
请于{deadline}前报送活动总结。
{issuer}
2024年5月{day}日
"""


def test_a_universitys_notice_sets_no_citys_deadline(tmp_path: Path) -> None:
    """A city reports to its province's notice; a university named after the province is not the province."""
    notices = tmp_path / "notices"
    notices.mkdir()
    for name, issuer, deadline, day in (
        ("province.txt", "陕西省农村专业技术协会", "6月15日", 6),
        ("university.txt", "陕西科技大学农村专业技术协会", "6月1日", 8),  # later: it would win a tie
    ):
        text = NOTICE.format(issuer=issuer, deadline=deadline, day=day)
        (notices / name).write_text(text, encoding="utf-8")
    year = tmp_path / "sub" / "2024"
    year.mkdir(parents=True)
    write(year / "xian.xlsx", [seed000_sheet(SEED000_FILLED, org="西安市农技协")])
    db = tmp_path / "db.duckdb"
    build(tmp_path / "sub", notices, db)

    levels = dict(fetch(db, "SELECT notice_id, level || ' ' || region FROM notices"))
    assert levels == {"province": "province 陕西省", "university": "unit 陕西省"}
    assert fetch(db, "SELECT notice_id, CAST(report_deadline AS VARCHAR) FROM submission_deadlines") == [
        ("province", "2024-06-15")
    ]
