"""What the demo-data review fixed: no internal codes or ids where a reader expects a label, blank cells
instead of "None", 万 on every value scale, lines that break at a missing year. Pure functions only."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from dashboard.present import charts, tables
from dashboard.present import compare as compare_view
from dashboard.present import notices as notices_view
from dashboard.present import quality as quality_view
from dashboard.present import submissions as submissions_view
from dashboard.present.text import category_name


def _notices() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "notice_id": ["000_56ad0a6f5ebba889", "001_59c6790fcc6e2ff7", "002_x"],
            "year": [2024, 2024, 2021],
            "issuer": ["中国农村专业技术协会", "中国农村专业技术协会", "中国科协办公厅"],
            "doc_number": [None, None, "科协办发〔2021〕1号"],
            "period_start": pd.to_datetime(["2024-05-01", None, "2021-05-10"]),
            "period_end": pd.to_datetime(["2024-06-10", None, "2021-06-30"]),
            "report_deadline": pd.to_datetime(["2024-06-15", "2024-06-20", "2021-06-30"]),
            "issued_on": pd.to_datetime(["2024-04-20", "2024-04-25", "2021-04-15"]),
        }
    )


def test_activity_categories_have_names_in_both_languages():
    assert category_name("volunteer_service", "zh") == "科技志愿服务"
    assert category_name("volunteer_service", "en") == "Science and technology volunteering"
    assert category_name("not_a_category", "zh") == "not_a_category"
    cats = pd.DataFrame({"year": [2024], "category": ["volunteer_service"], "n": [3]})
    fig = notices_view.category_heat(cats, "年份", {"volunteer_service": "科技志愿服务"})
    assert list(fig.data[0].y) == ["科技志愿服务"]


def test_timeline_labels_hide_the_notice_id_and_stay_unique():
    rows = notices_view.timeline_rows(_notices())
    labels = rows["row_label"].tolist()
    assert labels == [
        "2024 · 中国农村专业技术协会",
        "2024 · 中国农村专业技术协会 (2)",
        "2021 · 中国科协办公厅 · 科协办发〔2021〕1号",
    ]
    assert not any("[" in x or "_" in x for x in labels)


def test_timeline_draws_every_year_on_one_calendar_and_hovers_the_real_date():
    rows = notices_view.timeline_rows(_notices())
    fig = notices_view.notice_timeline(rows, {"period": "期间", "deadline": "截止", "issued": "发文"})
    deadlines = next(tr for tr in fig.data if tr.name == "截止")
    assert {pd.Timestamp(x).year for x in deadlines.x} == {notices_view.CALENDAR_YEAR}
    assert "2021-06-30" in list(deadlines.customdata)


def test_fields_table_reported_column_is_one_type():
    fields = pd.DataFrame(
        {
            "attachment": ["附件1", "附件1"],
            "field_label": ["联系人", "开展活动"],
            "metric": [None, "events"],
            "n_reported": [None, 20],
        }
    )
    out = notices_view.fields_table(fields, {"events": "开展活动"}, "zh")
    assert out["报送份数"].tolist() == ["", "20"]


def test_display_shows_missing_text_as_blank():
    df = pd.DataFrame({"org": [None, "北京市科协"], "value": [1.0, math.nan]})
    out = tables.display(df, "compare", ["org", "value"], "zh")
    assert out.iloc[0, 0] == "" and math.isnan(out.iloc[1, 1])


def test_issue_codes_get_short_names_and_unknown_codes_stay_readable():
    assert quality_view.issue_type("value_approximate", "zh") == "约数"
    assert quality_view.issue_type("value_approximate", "en") == "Approximate value"
    assert quality_view.issue_type("brand_new_code", "zh") == "brand_new_code"


def test_every_issue_code_has_a_short_name():
    import yaml

    from dashboard.present.text import has

    path = Path(__file__).resolve().parents[2] / "data" / "reference" / "issue_codes.yaml"
    codes = yaml.safe_load(path.read_text(encoding="utf-8"))["codes"]
    assert [c for c in codes if not has(f"quality.code_{c}")] == []


def test_submissions_name_notices_by_document_number_or_title():
    deadlines = pd.DataFrame(
        {
            "notice_id": ["a", "b"],
            "doc_number": ["吉市科联发〔2024〕3号", None],
            "title": ["吉林通知", "农技协通知"],
        }
    )
    assert submissions_view.notice_names(deadlines) == {"a": "吉市科联发〔2024〕3号", "b": "农技协通知"}


def test_heat_table_colour_bar_in_wan():
    df = pd.DataFrame({"province": ["广东省"], "province_code": ["440000"], "year": [2024], "value": [5.5e6]})
    bar = compare_view.heat_table(df, {}, "zh", "人次").data[0].colorbar
    assert "万" in "".join(bar.ticktext) and not any("M" in x for x in bar.ticktext)


def test_side_by_side_breaks_the_line_at_a_missing_year():
    df = pd.DataFrame(
        {
            "province": ["河北省"] * 3,
            "year": [2021, 2023, 2024],
            "metric": ["events"] * 3,
            "value": [1.0, 3.0, 4.0],
        }
    )
    df = pd.concat([df, df.assign(province="北京市", year=[2021, 2022, 2023])])
    fig = compare_view.side_by_side(df, {}, {"events": "开展活动"}, "zh")
    hebei = fig.data[0]
    assert list(hebei.x) == [2021, 2022, 2023, 2024] and math.isnan(hebei.y[1])


def test_trend_labels_go_below_a_dip_and_above_a_peak():
    assert charts.label_positions([1.71, 3.44, 1.9, 1.96]) == [
        "bottom center",
        "top center",
        "bottom center",
        "top center",
    ]
    assert charts.label_positions([5.0]) == ["top center"]


def test_no_year_on_year_change_when_last_year_was_counted_differently(tmp_path: Path):
    """江苏 2024 is the sum of its cities (no provincial report), 2023 its own report: no 同比."""
    from dashboard.data import compare as compare_q
    from dashboard.data import overview as overview_q
    from dashboard.filters import Filters
    from tests.fixture_db import make_fixture_db

    db = make_fixture_db(tmp_path / "c.duckdb")
    ranking = overview_q.province_ranking(db, Filters(), 2024).set_index("province")
    assert pd.isna(ranking.loc["江苏省", "prev_value"]) and ranking.loc["广东省", "prev_value"] == 3.84e6
    compare = compare_q.compare_map(db, 2024, "beneficiaries", "科协").set_index("province")
    assert pd.isna(compare.loc["江苏省", "prev_value"]) and compare.loc["广东省", "prev_value"] == 3.84e6


def test_off_map_table_puts_the_figure_next_to_the_name():
    compare = pd.DataFrame({"province": ["新疆生产建设兵团"], "province_code": ["660000"], "value": [7.9e4]})
    out = compare_view.off_map(compare, pd.DataFrame({"org_name": [], "value": []}), set(), "zh", {})
    assert list(out.columns) == ["报送单位", "数值", "类别"] and out.iloc[0, 1] == "7.9万"


def test_compare_history_keeps_the_sidebar_years():
    df = pd.DataFrame({"year": [2021, 2024], "value": [1.0, 2.0]})
    assert compare_view.in_years(df, [2021])["value"].tolist() == [1.0]
    assert len(compare_view.in_years(df, [])) == 2


def test_notice_issues_name_the_notice_not_its_hashed_file():
    notices = pd.DataFrame({"source_file": ["004_669f.txt"], "title": ["关于开展2021年活动的通知"]})
    issues = pd.DataFrame(
        {
            "year": [2021],
            "kind": ["notice"],
            "source_file": ["004_669f.txt"],
            "sheet": [None],
            "cell": [None],
            "severity": ["warning"],
            "code": ["notice_field_missing"],
            "message": ["缺文号"],
            "message_en": ["x"],
        }
    )
    out = quality_view.issues_table(issues, "zh", quality_view.notice_titles(notices))
    assert out["文件"].tolist() == ["关于开展2021年活动的通知"] and out["工作表"].tolist() == [""]
