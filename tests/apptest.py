"""The dashboard under Streamlit's AppTest: the app file, one way to open it, and its query parameters."""

from __future__ import annotations

import re

import pandas as pd
from lxml import html
from streamlit.testing.v1 import AppTest

from etl.paths import APP_FILE

APP = str(APP_FILE)


def open_app(page: str | None = None, **params: str | list[str]) -> AppTest:
    """The dashboard on `page` (the landing page when None) with `params` in its URL, run once.

    It reads the database CAMPAIGN_DB names: the fixtures in tests/app/conftest.py set it.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    if page:
        at.switch_page(f"app_pages/{page}.py")
    return at.run()


def qp(at: AppTest, key: str) -> list[str]:
    """A query parameter of an AppTest as a list (AppTest stores one value as a str)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)



def small_tables(at: AppTest) -> list[pd.DataFrame]:
    """The small static tables on the page (dashboard/widgets.small_table, drawn as HTML), each as the
    reader sees it: the header row as columns, every cell as its text ("" for a blank cell)."""
    out = []
    for el in at.get("html"):
        found = html.fromstring(el.value).xpath("//table")
        if found:
            rows = [[c.text_content().strip() for c in tr.xpath("th|td")] for tr in found[0].xpath(".//tr")]
            out.append(pd.DataFrame(rows[1:], columns=rows[0]))
    return out


def small_table_css(at: AppTest, columns: str) -> list[tuple[str, str]]:
    """The Styler's CSS of the small table whose header holds `columns`: (selectors, rule) pairs."""
    for el in at.get("html"):
        header = html.fromstring(el.value).xpath("//table//tr[1]")
        if header and columns in header[0].text_content():
            return re.findall(r"([^{}]+)\{([^}]*)\}", el.value)
    raise AssertionError(f"no small table with {columns!r} in its header")
