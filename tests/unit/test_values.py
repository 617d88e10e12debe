"""The number reader: every way the contract says people write figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.forms.values import ParsedNumber, parse_number
from etl.numerals import cn_number

FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


@pytest.mark.parametrize(
    ("raw", "value", "approximate", "unit"),
    [
        ("3,500", 3500, False, None),
        ("３５００", 3500, False, None),
        ("3500.0", 3500, False, None),
        (3500.0, 3500, False, None),
        (3500, 3500, False, None),
        ("1.2万", 12000, False, None),
        ("23.5万", 235000, False, None),
        ("1.15万", 11500, False, None),
        ("1.5亿", 150_000_000, False, None),
        ("约1.2万", 12000, True, None),
        ("3000余", 3000, True, None),
        ("3000多", 3000, True, None),
        ("近3000", 3000, True, None),
        ("超过3000", 3000, True, None),
        ("3000+", 3000, True, None),
        ("3000余人", 3000, True, "人"),
        ("3000人以上", 3000, True, "人"),
        ("210场", 210, False, "场"),
        ("1.2万人次", 12000, False, "人次"),
        ("３，５００ 人", 3500, False, "人"),
        ("０", 0, False, None),
        ("0", 0, False, None),
        (0, 0, False, None),
        ("-5", -5, False, None),
        ("－5", -5, False, None),
        (-5, -5, False, None),
    ],
)
def test_values_people_write(raw: object, value: float, approximate: bool, unit: str | None) -> None:
    got = parse_number(raw)
    assert got.error is None
    assert got.value == value
    assert got.approximate is approximate
    assert got.unit == unit


@pytest.mark.parametrize(
    "raw", ["无", "—", "——", "-", "/", "／", "暂无", "N/A", "n/a", "", "  ", "\u3000", None]
)
def test_no_value_is_none_without_error(raw: object) -> None:
    got = parse_number(raw)
    assert got.value is None
    assert got.error is None


@pytest.mark.parametrize(
    ("raw", "error"),
    [(True, "boolean"), (False, "boolean"), (dt.date(2024, 5, 30), "date"), (dt.datetime(2024, 5, 30, 8), "date"),
     ("很多", "not_a_number"), ("3000-4000", "not_a_number"), ("1,2", "not_a_number"), (float("nan"), "not_finite")],
)  # fmt: skip
def test_unreadable_values_are_errors(raw: object, error: str) -> None:
    got = parse_number(raw)
    assert got.value is None
    assert got.error == error


def _grouped(n: int) -> str:
    return f"{n:,}"


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_separators(n: int) -> None:
    assert parse_number(_grouped(n)).value == n


@given(st.integers(min_value=0, max_value=10**9))
def test_full_width_digits_and_separators(n: int) -> None:
    assert parse_number(_grouped(n).translate(FULL_WIDTH)).value == n
    assert parse_number(str(n).translate(FULL_WIDTH)).value == n


@given(st.integers(min_value=0, max_value=10**9))
def test_wan_units(n: int) -> None:
    wan = format(Decimal(n) / Decimal(10_000), "f")  # exact decimal text, e.g. 12345 -> 1.2345
    assert parse_number(f"{wan}万").value == n


@given(
    st.integers(min_value=1, max_value=10**9),
    st.sampled_from(["约{}", "{}余", "{}多", "近{}", "{}+", "约{}人"]),
)
def test_approximate_forms(n: int, pattern: str) -> None:
    got = parse_number(pattern.format(n))
    assert got.value == n
    assert got.approximate


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False).map(round))
def test_excel_floats(n: int) -> None:
    assert parse_number(float(n)).value == n


@pytest.mark.parametrize(
    ("raw", "value", "approximate", "unit"),
    [("两千", 2000, False, None), ("三十场", 30, False, "场"), ("2万3千", 23000, False, None),
     ("一万二千人次", 12000, False, "人次"), ("近万", 10000, True, None), ("逾千", 1000, True, None),
     ("百余", 100, True, None), ("两千余人", 2000, True, "人"), ("约三千人次", 3000, True, "人次")],
)  # fmt: skip
def test_chinese_numerals(raw: str, value: float, approximate: bool, unit: str | None) -> None:
    assert parse_number(raw) == ParsedNumber(float(value), approximate=approximate, unit=unit)


_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """1..9999 in Chinese numerals, as people write them (十二, 三百零五, 两千)."""
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            digit = "两" if d == 2 and value >= 1000 else _CN_DIGITS[d]
            out += ("" if (value == 10 and d == 1 and not out) else digit) + name
            zero = False
        elif out:
            zero = True
    return out


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_up_to_ten_thousand(n: int) -> None:
    assert parse_number(_chinese(n)).value == n


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8", 8), ("八", 8), ("十八", 18), ("二十", 20), ("２", 2), ("二〇二四", 2024), ("两千", 2000),
     ("2万3千", 23000), ("万", 10000), ("", None), ("年", None)],
)  # fmt: skip
def test_one_chinese_numeral_reader(text: str, expected: int | None) -> None:
    """etl/numerals.py reads numerals for form cells and notices alike (years print as 2024, not 2024.0)."""
    value = cn_number(text)
    assert value == expected and type(value) is type(expected)
