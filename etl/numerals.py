"""Chinese numerals -> numbers: the one reader for forms and notices, built on cn2an.

'八' '十八' '二〇二四' '两千' '2万3千' '百' -> 8, 18, 2024, 2000, 23000, 100. Full-width digits are read like
ASCII ones. Form cells (etl/forms/values.py) and notice dates, editions and item numbers (etl/notices/) use it.
"""

from __future__ import annotations

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_MAGNITUDES = frozenset("万亿千百")  # written alone (近万, 逾千, 百余) they mean one of them


def cn_number(text: str) -> int | float | None:
    """'8' '八' '十八' '二〇二四' '２' '2万3千' '万' -> the number (an int when whole); None when it is not one."""
    text = text.translate(_FULLWIDTH).strip()
    if text.isdigit():
        return int(text)
    if not text:
        return None
    import cn2an  # here, not at the top: importing it takes most of a second and most files never need it

    try:
        value = cn2an.cn2an("一" + text if text in _MAGNITUDES else text, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)  # smart mode gives floats for Arabic digits: 8.0 -> 8, so years print as 2024
    return value
