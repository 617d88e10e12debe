"""The secretariat's jobs (issue 14) under AppTest: entered deadlines on the submissions page, the
reminder list of non-reporters, the per-sender to-do list, and the upload page when it is off."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.present.text import t
from tests.apptest import open_app


def test_an_entered_deadline_gives_every_2022_submission_on_time_or_late(fixture_db_copy, tmp_path, monkeypatch):
    db = fixture_db_copy(tmp_path / "campaigns.duckdb", "secretariat")
    monkeypatch.setenv("CAMPAIGN_DB", str(db))
    at = open_app("submissions")
    at.selectbox(key="submissions_year").set_value(2022).run()
    files = at.dataframe[2].value  # every file of the year
    assert set(files["是否按时"]) == {"截止日期未知"}

    con = duckdb.connect(str(db))
    con.execute("INSERT INTO entered_deadlines (year, reporting_system, deadline, entered_by, entered_on) "
                "VALUES (2022, '科协', DATE '2022-06-30', '秘书处', DATE '2022-07-01')")
    con.execute("UPDATE etl_runs SET built_at = built_at + INTERVAL 1 SECOND")  # a new build stamp
    con.close()
    at = open_app("submissions")
    at.selectbox(key="submissions_year").set_value(2022).run()
    assert not at.exception
    files = at.dataframe[2].value
    states = set(files["是否按时"])
    assert states and all(s == "按时" or s.startswith("逾期 ") for s in states), states
    assert set(files["截止日期来源"]) == {"秘书处录入（秘书处，2022-07-01）"}
    units = at.dataframe[0].value
    assert "截止日期未知" not in set(units["是否按时"])
    assert not any("截止日期未知" in w.value for w in at.warning)


@pytest.mark.parametrize("database", ["demo_db", "secretariat_db"])
def test_reminder_list_equals_the_units_shown_as_not_submitted(database, request, monkeypatch):
    """The demo's 2024 (python -m etl sample + the seed notices) and the fixture database."""
    monkeypatch.setenv("CAMPAIGN_DB", str(request.getfixturevalue(database)))
    at = open_app("submissions")
    at.selectbox(key="submissions_year").set_value(2024).run()
    units = at.dataframe[0].value
    missing = set(units.loc[units["是否按时"] == "未报送", "省级单位"])
    reminders = at.dataframe[1].value
    assert missing and set(reminders["省级单位"]) == missing
    assert {"报送单位", "层级", "渠道", "上年报送日期"} <= set(reminders.columns)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deadline_form_only_when_upload_is_on(secretariat_app, monkeypatch, lang):
    form_title = t("submissions.form_title", lang)
    at = secretariat_app("submissions", lang=lang)
    assert form_title not in [e.label for e in at.expander]  # upload off: nobody may change the data
    monkeypatch.setenv("CAMPAIGN_UPLOAD", "1")
    at = secretariat_app("submissions", lang=lang)
    assert not at.exception and [e.label for e in at.expander].count(form_title) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quality_to_do_list_per_sender(secretariat_app, lang):
    at = secretariat_app("quality", lang=lang)
    at.selectbox(key="quality_todo_year").set_value(2024).run()
    assert not at.exception
    todo = at.dataframe[0].value
    sender, todo_col = ("报送单位", "如何修改") if lang == "zh" else ("Sender", "What to do")
    # the fixture's issue row has no submission row: the sender is read from its file name
    zju = next(s for s in todo[sender] if "浙江大学" in s)
    assert all(todo[todo_col].str.len() > 0)
    at.selectbox(key="quality_todo_sender").set_value(zju).run()
    preview = at.code[0].value
    assert preview.startswith(zju) and "D7" in preview
    assert "13800138000" not in preview and "张三" not in preview
    at.toggle(key="quality_todo_errors").set_value(True).run()
    severity = "严重程度" if lang == "zh" else "Severity"
    assert set(at.dataframe[0].value[severity]) == {"错误" if lang == "zh" else "Error"}
