"""How people write a figure and a label in a demo form: 约1.2万, ３２, 3,500, 无, a label with spaces or a line break.

`render` turns a true figure and a style name (demo_units.yaml: value_styles / empty_styles) into the cell's
content and what the ETL must read back from it; `noisy_label` types a label as people do.
"""

from __future__ import annotations

import random

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
BLANK_TEXT = {"none": "无", "dash": "—", "slash": "/", "empty": None}


def render(value: int, metric: str, style: str, unit: str) -> tuple[object, int | None, bool, str]:
    """A true figure written in one style -> (cell content, value the ETL must read, approximate, note)."""
    if style in BLANK_TEXT:
        return BLANK_TEXT[style], None, False, f"blank:{style}"
    if style == "num":
        return value, value, False, ""
    if style == "float":
        return float(value), value, False, "float"
    if style == "text":
        return str(value), value, False, "text"
    if style == "comma":
        return f"{value:,}", value, False, "comma"
    if style == "fullwidth":
        return str(value).translate(FULLWIDTH), value, False, "fullwidth"
    if style == "unit":
        return f"{value}{unit}", value, False, "unit"
    if style in ("wan", "approx_wan") and value >= 10000:
        rounded = round(value / 1000) * 1000
        text = f"{rounded // 10000}" if rounded % 10000 == 0 else f"{rounded / 10000:.1f}"
        if style == "wan":
            return f"{text}万", rounded, False, "wan"
        return f"约{text}万", rounded, True, "approx_wan"
    if style in ("approx_yu", "approx_duo", "approx_wan") and value >= 20:
        step = 10 ** max(1, len(str(value)) - 2)
        rounded = value // step * step
        word = "多" if style == "approx_duo" else "余"
        return f"{rounded}{word}", rounded, True, "approx_yu" if word == "余" else "approx_duo"
    return value, value, False, ""  # style does not fit a small number: plain


def noisy_label(label: str, rng: random.Random) -> str:
    """Labels as typed: spaces between characters, a line break before the unit, half-width brackets."""
    roll = rng.random()
    if roll < 0.12 and "（" in label:
        return label.replace("（", "(").replace("）", ")")
    if roll < 0.22 and "（" in label:
        return label.replace("（", "\n（")
    if roll < 0.30 and len(label) <= 4:
        return " ".join(label)
    if roll < 0.36:
        return f" {label} "
    return label
