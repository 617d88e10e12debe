"""Tick marks and choice cells of the activity forms (etl/forms/ticks.py, etl/forms/activity_labels.py)."""

from __future__ import annotations

import pytest

from etl.forms.activity_labels import after_label
from etl.forms.ticks import mark_state, parse_choices

OPTS = ["团结引领", "建家办事", "为民服务", "开放合作", "表彰发布"]


@pytest.mark.parametrize("mark", ["√", "✓", "✔", "☑", "v", "V", "是", "x", "1", "☒"])
def test_every_tick_style_counts(mark: str) -> None:
    assert mark_state(mark) is True
    states, _ = parse_choices(f"团结引领（{mark}）建家办事（）", OPTS)
    assert states == {"团结引领": True, "建家办事": None}


@pytest.mark.parametrize("mark", ["", " ", "□", "☐", "×", "否", "无", "—", "/"])
def test_blank_or_no_is_not_ticked(mark: str) -> None:
    assert not mark_state(mark)


def test_half_width_parentheses_and_spaces() -> None:
    states, slotted = parse_choices(
        "科协系统干部(√) 科技工作者( ) 海外同行( ✔ )", ["科协系统干部", "科技工作者", "海外同行"]
    )
    assert states == {"科协系统干部": True, "科技工作者": None, "海外同行": True}
    assert slotted == {"科技工作者"}


def test_boxes_before_names() -> None:
    states, _ = parse_choices(
        "☑科协系统干部 □科技工作者 ☑海外同行", ["科协系统干部", "科技工作者", "海外同行"]
    )
    assert states == {"科协系统干部": True, "科技工作者": False, "海外同行": True}


def test_marks_after_names_without_parentheses() -> None:
    states, _ = parse_choices("团结引领√ 建家办事 为民服务 ✔", OPTS)
    assert states["团结引领"] is True and states["为民服务"] is True
    assert not states["建家办事"]


def test_instruction_in_label_is_not_a_tick() -> None:
    # the template's own “划√” must not tick anything
    assert after_label("主题活动模块\n（请在相应模块划√，可多选）", "主题活动模块") == ""
    assert after_label("推荐单位：四川省农技协（盖章）", "推荐单位") == "四川省农技协"
    assert after_label("联 系 人：张三", "联系人") == "张三"
