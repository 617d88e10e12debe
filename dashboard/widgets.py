"""Streamlit pieces several pages draw alike. Pages are layout; what they show is built in present/."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def table_or_note(table: pd.DataFrame, note: str, column_config: dict | None = None) -> None:
    """The table without its index, or `note` in an info box when it has no rows: an empty grid under a
    heading reads as a fault."""
    if table.empty:
        st.info(note)
    else:
        st.dataframe(table, hide_index=True, column_config=column_config)
