"""dashboard/present/fmt.py: 万/亿 and K/M formatting, percent changes."""

from __future__ import annotations

import re

import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dashboard.present.fmt import format_cn, format_en, format_number, format_pct, nice_ticks, pct_change  # noqa: E402


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0"),
        (9876, "9,876"),
        (10000, "1万"),
        (12000, "1.2万"),
        (12345, "1.23万"),
        (123456, "12.3万"),
        (23_660_000, "2366万"),
        (345_000_000, "3.45亿"),
        (99_999_999, "1亿"),
        (-12000, "-1.2万"),
        (None, "—"),
        (float("nan"), "—"),
        (12.5, "12.5"),
    ],
)
def test_format_cn(n, text) -> None:
    assert format_cn(n) == text


@pytest.mark.parametrize(
    ("n", "text"), [(987, "987"), (12000, "12K"), (1_234_567, "1.23M"), (999_999, "1M"), (2.5e9, "2.5B")]
)
def test_format_en(n, text) -> None:
    assert format_en(n) == text


def _parse_cn(text: str) -> float:
    m = re.fullmatch(r"(-?[\d,.]+)(万|亿)?", text)
    assert m, text
    return float(m.group(1).replace(",", "")) * {"万": 1e4, "亿": 1e8, None: 1}[m.group(2)]


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_cn_round_trips_within_half_a_percent(n: int) -> None:
    text = format_cn(n)
    assert _parse_cn(text) == pytest.approx(n, rel=0.005, abs=0.5)
    a = abs(n)
    assert text.endswith("亿") == (a >= 1e8 or format_cn(a).endswith("亿"))
    if 1e4 <= a < 9.9e7:
        assert text.endswith("万")


@given(st.floats(min_value=0, max_value=9e11, allow_nan=False))  # below 1万亿 / 1T
def test_format_number_never_has_more_than_four_digits_before_a_unit(x: float) -> None:
    for lang in ("zh", "en"):
        text = format_number(x, lang)
        if text[-1] in "万亿KMB":
            assert len(text[:-1].split(".")[0]) <= 4


def test_pct() -> None:
    assert pct_change(110, 100) == pytest.approx(0.1)
    assert pct_change(1, 0) is None and pct_change(None, 1) is None
    assert format_pct(0.123) == "+12.3%"
    assert format_pct(-0.04) == "-4.0%"  # ASCII minus: st.metric colours deltas by a leading "-"
    assert format_pct(None) == "—"


@given(st.floats(min_value=0.01, max_value=1e12))
def test_nice_ticks_cover_the_maximum(x: float) -> None:
    ticks = nice_ticks(x)
    assert ticks[0] == 0 and ticks[-1] >= x and len(ticks) <= 12
