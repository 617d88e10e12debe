"""Every control's value in the URL: the one mechanism the sidebar and every page use.

A control is bound by calling `bind(key, Param(...))` just before creating the widget with that `key`
(and no index/default/value argument: the bound value is its state). `bind`:

1. gives the widget its value: the one it has (a rerun), else the one this session last had under that
   URL parameter (a page revisited, or the language switched: widget keys carry the language so their
   labels are rebuilt), else the URL's (a shared link or a reload), else the default;
2. keeps only values the widget offers (a link from another build or a hand-edited URL cannot break it);
3. writes the value to the URL as codes, never display labels, so a link opens the same view in either
   language. Defaults are left out, so a plain page has a plain URL.

`view_url()` is the full link of the view (`copy_link_box` shows it with a copy button).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import streamlit as st

_CANON = "_url_canon"  # parameter name -> the value this session last showed for it


def _text(value: Any) -> str:
    return str(value)


@dataclass(frozen=True)
class Param:
    """One URL parameter: its name, the value when absent, the values allowed, one or repeated."""

    name: str
    default: Any = None
    options: Sequence[Any] | None = None  # None: any value `parse` accepts
    many: bool = False  # repeated parameter (?years=2023&years=2024) <-> a list
    parse: Callable[[str], Any] = str  # URL text -> value; may raise ValueError
    text: Callable[[Any], str] = field(default=_text)  # value -> URL text


def flag(name: str, default: bool = False) -> Param:
    """A switch (toggle/checkbox): ?name=1 or ?name=0."""
    return Param(name, default, (False, True), parse=lambda s: s == "1", text=lambda b: "1" if b else "0")


def integer(name: str, options: Sequence[int], default: int | None = None) -> Param:
    """One whole number among `options` (a year)."""
    return Param(name, default, tuple(options), parse=int)


def _allowed(p: Param, value: Any) -> Any:
    if p.many:
        values = list(value) if isinstance(value, list | tuple) else []
        return [v for v in values if p.options is None or v in p.options]
    if p.options is not None and value not in p.options:
        return p.default if p.default in p.options or p.default is None else None
    return value


def _from_url(p: Param) -> Any:
    raw = st.query_params.get_all(p.name)
    if not raw:
        return p.default
    try:
        values = [p.parse(r) for r in raw if r or not p.many]
    except ValueError:
        return p.default
    return values if p.many else values[0]


def read(p: Param) -> Any:
    """The value this session last had for `p`, else the URL's, else the default (nothing is written)."""
    canon = st.session_state.setdefault(_CANON, {})
    return _allowed(p, canon[p.name] if p.name in canon else _from_url(p))


def bind(key: str, p: Param) -> Any:
    """Seed the widget `key` (see the module docstring), write its value to the URL, return it."""
    if key in st.session_state:
        value = _allowed(p, st.session_state[key])
        if value != st.session_state[key]:
            st.session_state[key] = value
    else:
        value = read(p)
        st.session_state[key] = value
    remember(p, value)
    return value


def remember(p: Param, value: Any) -> None:
    """Keep `value` as this session's value of `p` and write it to the URL (removed when the default)."""
    st.session_state.setdefault(_CANON, {})[p.name] = value
    default = list(p.default) if p.many and p.default is not None else p.default
    qp = st.query_params
    current = qp.get_all(p.name)
    if value == default or value is None:
        if current:
            del qp[p.name]
        return
    # An emptied multi-choice whose default is not empty is written as `?name=` (no value).
    wanted = ([p.text(v) for v in value] or [""]) if p.many else [p.text(value)]
    if current != wanted:
        qp[p.name] = wanted if p.many else wanted[0]


def _q(text: str) -> str:
    """Percent-encode what would break a query string, but keep Chinese readable (browsers accept it)."""
    return "".join(ch if ch.isalnum() or ch in "-_.~" else quote(ch) for ch in text)


def view_url() -> str:
    """The full link of the view on screen: this page's address and every bound control."""
    base = st.context.url or ""
    query = "&".join(f"{_q(k)}={_q(v)}" for k in st.query_params for v in st.query_params.get_all(k))
    return f"{base}?{query}" if query else base


def copy_link_box(where: Any, label: str, help_text: str, key: str = "copy_link") -> None:
    """The view's link in a code box (its copy button puts it on the clipboard, no network needed).
    The box is sent only once the expander is opened: a code box makes every page load and run the
    browser's syntax highlighter (1.5 MB of JavaScript, ~0.4 s of a page's drawing; docs/performance.md)."""
    box = where.expander(label, icon=":material/link:", key=key, on_change="rerun")
    if box.open:
        with box:
            st.caption(help_text)
            st.code(view_url(), language=None, wrap_lines=True)
