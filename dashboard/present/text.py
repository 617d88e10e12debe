"""Every visible string, in 中文 and English.

Strings live in YAML files under dashboard/text/ (one file per page or area, so helpers working in
parallel each own a file). Keys are `<file>.<name>`: `overview.title` is `title:` in overview.yaml.
Each entry is `{zh: ..., en: ...}`; `{placeholders}` are filled by `t(key, lang, **params)`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache, partial

from etl.paths import REFERENCE_DIR, TEXT_DIR
from etl.reference import load_yaml

LANGS = ("zh", "en")
_PROVINCES_EN = REFERENCE_DIR / "province_names_en.csv"
_CATEGORIES = REFERENCE_DIR / "activity_categories.yaml"


@cache
def _strings() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in sorted(TEXT_DIR.glob("*.yaml")):
        data = load_yaml(path) or {}
        for name, entry in data.items():
            out[f"{path.stem}.{name}"] = entry
    return out


def t(key: str, lang: str = "zh", **params: object) -> str:
    """The string for `key` in `lang`; a missing key shows as the key itself (and fails the tests)."""
    entry = _strings().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("zh") or key
    return text.format(**params) if params else text


def keyed(prefix: str, lang: str) -> Callable[[object], str]:
    """`value -> t(prefix + value, lang)`: a control's format_func. Not a lambda in a page: Streamlit keeps
    a control's format_func for the session's life, and a function defined in a page keeps the page's
    every global with it (on the explore page, an 11,000-row table per session: issue 16)."""
    return partial(_keyed, prefix, lang)


def _keyed(prefix: str, lang: str, value: object) -> str:
    return t(f"{prefix}{value}", lang)


def coded(kind: str, lang: str) -> Callable[[str | None], str]:
    """`value -> label(kind, value, lang)`: a control's format_func (not a page's lambda, see `keyed`)."""
    return partial(label, kind, lang=lang)


def has(key: str) -> bool:
    return key in _strings()


def keys() -> list[str]:
    return list(_strings())


@cache
def _province_en() -> dict[str, str]:
    if not _PROVINCES_EN.exists():
        return {}
    with _PROVINCES_EN.open(encoding="utf-8") as fh:
        return {row["code"]: row["name_en"] for row in csv.DictReader(fh)}


def province_name(name: str | None, code: str | None, lang: str) -> str:
    """A province's display name: the full Chinese name, or its English name by 6-digit code."""
    if name is None:
        return t("common.national_bodies", lang)
    if lang == "en" and code:
        return _province_en().get(str(code), name)
    return name


@cache
def _categories() -> dict[str, dict[str, str]]:
    if not _CATEGORIES.exists():
        return {}
    data = load_yaml(_CATEGORIES) or {}
    return {
        c["code"]: {"zh": c.get("zh", c["code"]), "en": c.get("en", c["code"])} for c in data["categories"]
    }


def category_name(code: str, lang: str) -> str:
    """Display name of a notice activity category code (data/reference/activity_categories.yaml)."""
    names = _categories().get(code)
    if names is None:
        return code
    return names.get(lang) or names["zh"]


def label(kind: str, value: str | None, lang: str) -> str:
    """Display label of a coded value, e.g. label('level', 'county', 'en') -> 'County'."""
    if value is None:
        return ""
    key = f"codes.{kind}_{value}"
    return t(key, lang) if has(key) else str(value)
