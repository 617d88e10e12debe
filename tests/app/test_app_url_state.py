"""Every control in the URL (dashboard/url_state.py): change a page's controls, open a fresh session with
the URL they wrote, and find the same values; defaults stay out of the URL; a bad URL value falls back."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.data.quality import issue_options
from dashboard.present.quality import options_of
from tests.apptest import qp


def _params(at: AppTest) -> dict[str, list[str]]:
    return {k: qp(at, k) for k in at.query_params}


def _reopen(open_app, page: str, at: AppTest) -> AppTest:
    fresh = open_app(page=page, **_params(at))
    assert not fresh.exception
    return fresh


def _widget(at: AppTest, kind: str, key: str):
    return getattr(at, kind)(key=key)


def _changed_then_reopened(open_app, page: str, changes: list[tuple[str, str, object]]) -> None:
    at = open_app(page=page)
    assert not at.exception
    for kind, key, value in changes:
        _widget(at, kind, key).set_value(value).run()
        assert not at.exception
    fresh = _reopen(open_app, page, at)
    for kind, key, value in changes:
        assert _widget(fresh, kind, key).value == value, (key, _params(at))


def test_compare_controls_reopen_from_the_url(secretariat_app) -> None:
    at = secretariat_app(page="compare")
    assert _params(at) == {}  # every control at its default: a plain URL
    options = at.multiselect(key="compare_side_zh").options
    _changed_then_reopened(
        secretariat_app,
        "compare",
        [
            ("selectbox", "compare_year", 2022),
            ("toggle", "compare_per_capita", True),
            ("multiselect", "compare_side_zh", ["江苏省", "四川省"]),
            ("selectbox", "compare_drill_zh", "江苏省"),
        ],
    )
    assert len(options) > 2


def test_submissions_and_quality_controls_reopen_from_the_url(secretariat_app, secretariat_db) -> None:
    _changed_then_reopened(
        secretariat_app,
        "submissions",
        [("selectbox", "submissions_year", 2023), ("toggle", "submissions_only_late", True)],
    )
    options = issue_options(secretariat_db)
    file, code = options_of(options, "source_file")[0], options_of(options, "code")[-1]
    _changed_then_reopened(
        secretariat_app,
        "quality",
        [
            ("multiselect", "quality_years_zh", [2024]),
            ("multiselect", "quality_files_zh", [file]),
            ("multiselect", "quality_severity_zh", ["error"]),
            ("multiselect", "quality_codes_zh", [code]),
            ("selectbox", "quality_pick_year", 2023),
        ],
    )


def test_explore_and_sidebar_reopen_in_english(app) -> None:
    at = app(page="explore", lang="en")
    at.radio(key="w_grain_en").set_value("city").run()
    at.sidebar.multiselect(key="w_years_en").set_value([2023, 2024]).run()
    at.sidebar.multiselect(key="w_area_en").set_value(["江苏省"]).run()
    at.sidebar.multiselect(key="w_levels_en").set_value(["city"]).run()
    assert _params(at) == {
        "lang": ["en"],
        "grain": ["city"],
        "years": ["2023", "2024"],
        "area": ["江苏省"],
        "level": ["city"],
    }
    fresh = _reopen(app, "explore", at)
    assert fresh.radio(key="w_grain_en").value == "city"
    assert fresh.sidebar.multiselect(key="w_levels_en").value == ["city"]
    assert fresh.dataframe[0].value.equals(at.dataframe[0].value)


def test_activities_emptied_choice_and_bad_values(activities_app) -> None:
    at = activities_app(page="activities")
    at.button_group(key="act_kinds").set_value(["planned"]).run()
    at.button_group(key="act_channels").set_value([]).run()
    assert qp(at, "kinds") == ["planned"] and qp(at, "act_channel") == [""]
    fresh = _reopen(activities_app, "activities", at)
    assert fresh.button_group(key="act_kinds").value == ["planned"]
    assert fresh.button_group(key="act_channels").value == []
    # values the page does not offer fall back to its defaults instead of failing
    odd = activities_app(page="compare", cmp_year="1999", per_capita="x", side=["火星"], drill="火星")
    assert not odd.exception
    assert odd.selectbox(key="compare_year").value == 2024
    assert odd.toggle(key="compare_per_capita").value is False
    assert odd.multiselect(key="compare_side_zh").value == []  # 火星 is not a province on offer
