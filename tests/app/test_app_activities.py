"""优秀活动 Activities through AppTest, plus its queries and search parsing without Streamlit."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.data import activities as queries
from dashboard.data.activity_search import parse_search
from dashboard.filters import Filters
from tests.fixture_db_activities import CONTACT_PHONE

MISSING_KEY = re.compile(r"(?<![\w/])(activities|common|codes)\.[a-z_]+\b")


def table(at: AppTest):
    return at.dataframe[0].value


def page_text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.title]
    parts += [e.value for e in at.subheader] + [m.label for m in at.metric]
    return "\n".join(str(p) for p in parts)


def test_page_lists_both_kinds_without_duplicates(activities_app) -> None:
    at = activities_app("activities")
    assert not at.exception
    df = table(at)
    assert len(df) == 5 + 4  # 四川 3 + 广东 2 recommended, 4 plans; the duplicate file left out
    assert not df["活动名称"].str.contains("重复文件").any()
    assert {m.label: m.value for m in at.metric}["推荐活动"] == "5"
    assert not MISSING_KEY.search(page_text(at))


def test_one_search_finds_sichuan_xiaoyuan_2024(activities_app) -> None:
    """The user story: which 2024 recommended activities were about 科技小院 in 四川 — one search."""
    at = activities_app("activities")
    at.text_input(key="act_q").set_value("2024 四川 科技小院").run()
    df = table(at)
    assert list(df["活动名称"]) == ["“科技·文化 走进科技小院在行动”——眉山柑橘科技小院专场"]
    assert df.iloc[0]["来源（文件 · 表 · 单元格）"] == "2024/四川省农技协_优秀活动推荐表.docx · 表1!B6"
    assert at.query_params["q"] in ("2024 四川 科技小院", ["2024 四川 科技小院"])  # shareable link


def test_search_without_spaces_and_from_url(activities_app) -> None:
    at = activities_app("activities", q="四川科技小院")
    assert len(table(at)) == 1
    at.text_input(key="act_q").set_value("科技小院").run()
    assert len(table(at)) == 2  # 四川 and 广东


def test_no_contacts_on_the_page(activities_app) -> None:
    at = activities_app("activities")
    text = table(at).to_csv() + page_text(at)
    assert CONTACT_PHONE not in text
    assert not any(k in " ".join(table(at).columns) for k in ("电话", "联系人", "手机", "邮箱"))


def test_long_reason_flag_and_module_chart(activities_app) -> None:
    at = activities_app("activities")
    df = table(at)
    assert df["超300字"].sum() == 1
    assert {m.label: m.value for m in at.metric}["理由超过300字"] == "1"
    assert len(at.get("plotly_chart")) == 2


def test_english_page(activities_app) -> None:
    at = activities_app("activities", lang="en")
    assert not at.exception
    assert "Featured activities" in [t.value for t in at.title]
    assert "Unite and lead · Awards and releases" in set(table(at)["Reason / modules"])
    assert not MISSING_KEY.search(page_text(at))


def test_queries_filter_and_count_modules(activities_db: Path) -> None:
    f = Filters(years=(2021,))
    acts = queries.activities(activities_db, f, ("planned",), (), "")
    assert len(acts) == 4 and set(acts["kind"]) == {"planned"}
    mods = queries.plan_modules(activities_db, f)
    per = mods.groupby("module")["n"].sum().to_dict()
    assert per == {"团结引领": 1, "表彰发布": 1, "为民服务": 1, "开放合作": 1}  # 浙江's blank plan adds none
    # bound parameters: quotes and wildcards typed by people are just text
    assert queries.activities(activities_db, Filters(), search="' OR 1=1 --").empty
    assert queries.activities(activities_db, Filters(), search="%").empty
    assert len(queries.activities(activities_db, Filters(), channels=("农技协",))) == 5


def test_parse_search() -> None:
    provinces = [("四川省", "四川"), ("内蒙古自治区", "内蒙古"), ("广东省", "广东")]
    s = parse_search("2024年 四川 科技小院", provinces)
    assert (s.years, s.provinces, s.patterns) == ((2024,), ("四川省",), ("%科技小院%",))
    s = parse_search("内蒙古自治区科技小院 50%_", provinces)
    assert s.provinces == ("内蒙古自治区",) and s.patterns == ("%科技小院%", "%50\\%\\_%")
    assert parse_search("   ", provinces).empty
