"""What the 通知 Notices page shows, on its pure functions: activity categories by name in both
languages, timeline rows labelled without notice ids and drawn on one calendar, a form-fields table whose
counts are one type. (Found in the demo-data review.)"""

from __future__ import annotations

import pandas as pd

from dashboard.present import notices as notices_view
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
