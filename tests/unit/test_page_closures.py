"""Pages hand Streamlit no function of their own (issue 16, item 4).

Streamlit keeps a control's format_func and a download button's `data` callable for the session's life
(until `server.disconnectedSessionTTL` after the tab closed). A lambda or function defined in a page
keeps the page's whole namespace with it, every frame the page made: on the explore page that was an
11,000-row table (7 MB) per session, most of the dashboard's peak memory after many visits. Pages pass
`text.keyed` / `text.coded`, a `functools.partial` of a module's function, or `export.later` instead.
"""

from __future__ import annotations

import ast

from etl.paths import PAGES_DIR


def _own_functions_passed(path) -> list[str]:
    """Every lambda in the page (in a call or in a tuple of options, as quality's filters were), and every
    function the page defines that it passes as a keyword argument."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    found = [f"{path.name}:{n.lineno} lambda" for n in ast.walk(tree) if isinstance(n, ast.Lambda)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found += [
                f"{path.name}:{kw.value.lineno} {kw.arg}={kw.value.id}"
                for kw in node.keywords
                if isinstance(kw.value, ast.Name) and kw.value.id in defined
            ]
    return found


def test_pages_pass_no_lambda_or_own_function() -> None:
    pages = sorted(PAGES_DIR.glob("*.py"))
    assert pages
    assert [hit for p in pages for hit in _own_functions_passed(p)] == []


def test_the_check_sees_a_lambda(tmp_path) -> None:
    page = tmp_path / "page.py"
    page.write_text("import streamlit as st\nst.radio('x', [1], format_func=lambda v: str(v))\n")
    assert _own_functions_passed(page)


def test_formatters_say_what_the_lambdas_said() -> None:
    from dashboard.present.text import coded, keyed, label, t

    assert keyed("explore.grain_", "en")("city") == t("explore.grain_city", "en")
    assert coded("channel", "en")("科协") == label("channel", "科协", "en") == "CAST"
