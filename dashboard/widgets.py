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


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_and_text_downloads(
    table: pd.DataFrame, text: str, name_parts: list[str], labels: tuple[str, str], key: str, sheet: str
) -> None:
    """Two buttons side by side: the table as .xlsx (dashboard/present/export.py) and `text` as a UTF-8
    .txt, both built only when clicked; `key` prefixes the buttons' keys."""
    from dashboard.present import export  # noqa: PLC0415 - only pages with downloads pay for xlsxwriter

    row = st.container(horizontal=True)
    row.download_button(
        labels[0],
        data=lambda: export.to_xlsx_bytes(table, sheet),
        file_name=export.file_name(name_parts, "xlsx"),
        mime=XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        key=f"{key}_xlsx",
    )
    row.download_button(
        labels[1],
        data=lambda: text.encode("utf-8"),
        file_name=export.file_name(name_parts, "txt"),
        mime="text/plain",
        on_click="ignore",
        icon=":material/mail:",
        key=f"{key}_txt",
    )
