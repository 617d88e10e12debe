"""Property tests: the number reader and the form parser never raise, whatever a cell holds."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.forms.values import parse_number

NUMBERISH = st.text(
    alphabet="0123456789０１２３４５６７８９.,，万亿千百约余多场人次个支-－—/无 　\t\n", max_size=30
)
CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    NUMBERISH,
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(min_value=dt.timedelta(days=-9999), max_value=dt.timedelta(days=9999)),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CELL)
def test_parse_number_never_raises(raw):
    got = parse_number(raw)
    assert got.value is None or math.isfinite(got.value)
    assert got.value is None or got.error is None, "a value and an error at once"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_plain_integers_round_trip(n):
    assert parse_number(str(n)).value == n
    assert parse_number(f"{n:,}").value == n


LABELS = [
    "组织单位",
    "填报单位",
    "动员科技志愿者数量（人）",
    "开展活动数量（场）",
    "受益人次",
    "媒体报道（篇）",
    "合计",
    "小计",
    "联系人",
    "联系电话",
    "农技协",
    "科技小院",
    "科普教育基地",
    "2024年",
    "备注",
    "=SUM(B2:B4)",
]
GRID_CELL = st.one_of(
    st.sampled_from(LABELS), CELL.filter(lambda v: not isinstance(v, dt.timedelta)), st.just("")
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(GRID_CELL, min_size=1, max_size=8), min_size=1, max_size=14),
    st.lists(
        st.tuples(st.integers(0, 15), st.integers(0, 9), st.integers(0, 15), st.integers(0, 9)), max_size=3
    ),
)
def test_form_parser_never_raises_on_random_grids(rows, merged):
    forms = pytest.importorskip("etl.forms.summary")
    from etl.readers.workbook import Sheet, Workbook

    width = max(len(r) for r in rows)
    grid = [r + [""] * (width - len(r)) for r in rows]
    boxes = [(min(a, c), min(b, d), max(a, c), max(b, d)) for a, b, c, d in merged]
    wb = Workbook(path=None, file_format="xlsx", sheets=[Sheet("表1", grid, boxes)], modified_at=None)
    parsed = forms.parse_form(wb)
    for v in parsed.values:
        assert v.value is None or math.isfinite(v.value)
