"""Numbers and dates for people: 万/亿 in Chinese, K/M/B in English, percent changes, axis ticks, days. Pure."""

from __future__ import annotations

import math

import pandas as pd

_ZH_UNITS = ((1e8, "亿"), (1e4, "万"))
_EN_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "K"))


def _missing(n: object) -> bool:
    return n is None or (isinstance(n, float) and math.isnan(n))


def _scaled(x: float) -> str:
    """Three significant figures for a scaled value, trailing zeros dropped: 1.2, 1.23, 12.3, 123, 1235."""
    digits = 2 if x < 10 else 1 if x < 100 else 0
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_plain(n: float | int | None, lang: str = "zh") -> str:
    """Full number with thousands separators: 12,345 (decimals kept only when not whole)."""
    if _missing(n):
        return "—"
    n = float(n)
    if n == int(n):
        return f"{int(n):,}"
    return f"{n:,.1f}"


def _short(n: float | int | None, units: tuple[tuple[float, str], ...]) -> str:
    """n in the largest of `units` (size, suffix; largest first) it reaches, to three significant figures;
    below 10,000 the full number."""
    if _missing(n):
        return "—"
    n = float(n)
    sign = "-" if n < 0 else ""
    a = abs(n)
    if a < 1e4:
        return sign + format_plain(a)
    for i, (size, unit) in enumerate(units):
        if a >= size:
            text = _scaled(a / size)
            # rounding may carry 9999.6万 up to 1亿 (999.6K up to 1M): then say it in the next unit
            if i > 0 and float(text) >= units[i - 1][0] / size:
                bigger_size, bigger_unit = units[i - 1]
                return f"{sign}{_scaled(a / bigger_size)}{bigger_unit}"
            return f"{sign}{text}{unit}"
    return sign + format_plain(a)


def format_cn(n: float | int | None) -> str:
    """12000 -> '1.2万', 345000000 -> '3.45亿', 9876 -> '9,876'."""
    return _short(n, _ZH_UNITS)


def format_en(n: float | int | None) -> str:
    """12000 -> '12K', 1234567 -> '1.23M', 987 -> '987'."""
    return _short(n, _EN_UNITS)


def format_number(n: float | int | None, lang: str = "zh") -> str:
    """The short, human form used in headline figures, axes and labels."""
    return format_en(n) if lang == "en" else format_cn(n)


def pct_change(current: float | None, previous: float | None) -> float | None:
    """(current - previous) / previous, or None when it is not defined (missing or zero base)."""
    if _missing(current) or _missing(previous) or previous == 0:
        return None
    return (float(current) - float(previous)) / float(previous)


def format_pct(p: float | None, lang: str = "zh", signed: bool = True) -> str:
    """0.123 -> '+12.3%'; None -> '—'."""
    if _missing(p):
        return "—"
    # ASCII "-": st.metric colours a delta red by its leading "-"
    return f"{p * 100:+.1f}%" if signed else f"{p * 100:.1f}%"


def nice_ticks(max_value: float, count: int = 5) -> list[float]:
    """Round axis ticks from 0 to just above max_value, so axes can be labelled with 万/亿."""
    if _missing(max_value) or max_value <= 0:
        return [0.0]
    raw = max_value / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    n = math.ceil(max_value / step)
    return [i * step for i in range(n + 1)]


def format_day(value: object, missing: str = "") -> str:
    """A date as 2024-06-15; `missing` when there is none."""
    return missing if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")
