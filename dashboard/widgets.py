"""Streamlit pieces several pages draw alike. Pages are layout; what they show is built in present/."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.present import slides


def table_or_note(
    table: pd.DataFrame, note: str, column_config: dict | None = None, small: bool = False
) -> None:
    """The table without its index, or `note` in an info box when it has no rows: an empty grid under a
    heading reads as a fault. `small`: a short list read at a glance, drawn by `small_table`."""
    if table.empty:
        st.info(note)
    elif small:
        small_table(table)
    else:
        st.dataframe(table, hide_index=True, column_config=column_config)


def small_table(table: pd.DataFrame | Styler, where: Any = st) -> None:
    """A table of a few dozen rows that is read, not sorted or searched, as plain HTML (st.html). The data
    grid (st.dataframe) costs a page ~0.5 MB more JavaScript on a first visit and a canvas grid to lay out
    on every visit; st.table still needs Arrow's decoding (~1 MB more on a first visit) and renders every
    cell as Markdown. Keep the grid where an analyst sorts, filters, selects or downloads many rows.

    Each column keeps a minimum width, so that a phone scrolls the table sideways instead of wrapping a
    header or a name one character per line; a column of long texts (a notice's title) gets a wide one;
    numbers are set right. `table` may be a Styler (cell colours, formats): its styles are kept, and it
    must escape its own text (`df.style.format(escape="html")` before its own formats, as
    present/compare.heat_table does); a DataFrame's text is escaped here. Drawn in `where` (a column, …)."""
    styled = table if isinstance(table, Styler) else Styler(table, cell_ids=False).format(escape="html")
    data = styled.data
    # one CSS rule per column, not per cell (SMALL_TABLE_CSS gives every cell its 5em)
    rules: dict = {}
    for c in data.columns:
        if data[c].astype(str).str.len().max() > LONG_TEXT_CHARS:
            rules[c] = [{"selector": "td", "props": "min-width: 14em"}]
        elif pd.api.types.is_numeric_dtype(data[c]):
            rules[c] = [{"selector": "td", "props": "text-align: right"}]
    styled = styled.hide(axis="index").format_index(escape="html", axis=1)
    styled = styled.set_table_styles(rules, overwrite=False).set_table_attributes('class="small-table"')
    where.html(f'{SMALL_TABLE_CSS}<div class="small-table-box">{styled.to_html()}</div>')


LONG_TEXT_CHARS = 16  # a column with a longer text than this is drawn wide in a small table
# st.table's look in the theme's colours (.streamlit/config.toml), rows a little tighter
SMALL_TABLE_CSS = (
    "<style>.small-table-box{overflow-x:auto}"
    ".small-table{width:100%;border-collapse:collapse;font-size:0.875rem;line-height:1.5;color:#1A2433}"
    ".small-table th,.small-table td{border:1px solid #D5DBE3;padding:0.25rem 0.375rem;text-align:left;"
    "vertical-align:middle;min-width:5em}.small-table th{color:rgba(26,36,51,0.6);font-weight:400}</style>"
)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_and_text_downloads(
    table: pd.DataFrame, text: str, name_parts: list[str], labels: tuple[str, str], key: str, sheet: str
) -> None:
    """Two buttons side by side: the table as .xlsx (dashboard/present/export.py) and `text` as a UTF-8
    .txt, both built only when clicked; `key` prefixes the buttons' keys. The session keeps what they
    are built from until it expires: the table as Arrow (`export.kept`), not the page's DataFrame."""
    from dashboard.present import export  # noqa: PLC0415 - only pages with downloads pay for xlsxwriter

    row = st.container(horizontal=True)
    row.download_button(
        labels[0],
        data=export.later(export.to_xlsx_bytes, export.kept(table), sheet),
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


def slide_chart(
    fig: go.Figure | dict,
    slide: slides.Slide,
    base_config: dict | None = None,
    where: Any = st,
    **kwargs: Any,
) -> Any:
    """A chart with its title and source line drawn in and Plotly's camera only (dashboard/present/slides.py),
    so every chart saves a PNG fit for a slide; drawn in `where` (a column, …), `kwargs` go to plotly_chart
    (key, on_select, …)."""
    return where.plotly_chart(slides.framed(fig, slide), config=slides.camera(slide, base_config), **kwargs)
