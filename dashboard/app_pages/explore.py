"""数据查询与下载 Explore & download (analysts): a table at the chosen grain, and CSV/XLSX downloads of it;
an empty table says why, from what exists nearby."""

import streamlit as st

from dashboard import sidebar, url_state, widgets
from dashboard.data import cache
from dashboard.data import explore as queries
from dashboard.present import explore as view
from dashboard.present import explore_empty, export
from dashboard.present.text import keyed, t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()

st.title(t("explore.title", lang))
st.caption(t("explore.intro", lang))

url_state.bind(f"w_grain_{lang}", url_state.Param("grain", queries.GRAINS[0], queries.GRAINS))
grain = st.radio(
    t("explore.grain", lang),
    queries.GRAINS,
    format_func=keyed("explore.grain_", lang),
    horizontal=True,
    key=f"w_grain_{lang}",
)
st.caption(t(f"explore.grain_help_{grain}", lang))

table = view.explore_table(grain, cache.run(queries.QUERY_FOR_GRAIN[grain], f), cat, f)
parts = view.export_parts(grain, f, cat, queries.LEVEL_GRAINS)

st.write(t("explore.rows", lang, n=f"{len(table):,}"))
shown = export.kept(table)  # one Arrow copy for the grid and the downloads, held while the session lives
if table.empty:
    nearby = cache.run(queries.nearby, f)
    st.info(explore_empty.empty_note(grain, f, nearby, cat, queries.LEVEL_GRAINS), icon=":material/info:")
else:
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(len(table), 1), 600),
        # rows sent as they are scrolled to: 11,400 rows were one 3.5 MB message per run (~2 s of a visit);
        # tables of up to 1,000 rows are still sent whole (with the grid's search), the downloads hold all
        lazy=True,
        column_config={
            c: st.column_config.NumberColumn(format="localized") for c in view.measure_columns(table)
        },
    )

row = st.container(horizontal=True)
downloads = (  # exactly the table shown, as CSV for Excel (BOM) and as .xlsx
    ("csv", export.later(export.to_csv_bytes, shown), "text/csv"),
    ("xlsx", export.later(export.to_xlsx_bytes, shown, t("explore.sheet_name", lang)), widgets.XLSX_MIME),
)
for fmt, make, mime in downloads:
    row.download_button(
        t(f"explore.download_{fmt}", lang),
        data=make,
        file_name=export.file_name(parts, fmt),
        mime=mime,
        on_click="ignore",
        icon=":material/download:",
        key=f"dl_{fmt}",
        disabled=table.empty,
    )
st.caption(t("explore.download_note", lang))
url_state.copy_link_box(st, t("common.copy_link", lang), t("common.copy_link_help", lang), key="explore_copy_link")
