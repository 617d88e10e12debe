"""The dashboard under Streamlit's AppTest: the app file, one way to open it, and its query parameters."""

from __future__ import annotations

import pandas as pd
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Table

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


def shown(table: Table) -> pd.DataFrame:
    """A static table's cells as the reader sees them: a Styler's formats applied (st.table sends them
    beside the values; `table.value` holds the values only)."""
    styler = table.proto.arrow_data.styler
    data = styler.display_values if styler.display_values else table.proto.arrow_data.data
    return dataframe_util.convert_arrow_bytes_to_pandas_df(data)
