"""数据查询与下载 Explore & download (analysts): a table at the chosen grain, and CSV/XLSX downloads of it;
an empty table says why, from what exists nearby."""

import streamlit as st

from dashboard import sidebar, url_state
from dashboard.data import cache
from dashboard.data import explore as queries
from dashboard.present import explore as view
from dashboard.present import explore_empty, export
from dashboard.present.text import t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()

st.title(t("explore.title", lang))
st.caption(t("explore.intro", lang))

url_state.bind(f"w_grain_{lang}", url_state.Param("grain", queries.GRAINS[0], queries.GRAINS))
grain = st.radio(
    t("explore.grain", lang),
    queries.GRAINS,
    format_func=lambda g: t(f"explore.grain_{g}", lang),
    horizontal=True,
    key=f"w_grain_{lang}",
)
st.caption(t(f"explore.grain_help_{grain}", lang))

table = view.explore_table(grain, cache.run(queries.QUERY_FOR_GRAIN[grain], f), cat, f)
parts = view.export_parts(grain, f, cat, queries.LEVEL_GRAINS)

st.write(t("explore.rows", lang, n=f"{len(table):,}"))
if table.empty:
    nearby = cache.run(queries.nearby, f)
    st.info(explore_empty.empty_note(grain, f, nearby, cat, queries.LEVEL_GRAINS), icon=":material/info:")
else:
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * max(len(table), 1), 600),
        column_config={
            c: st.column_config.NumberColumn(format="localized") for c in view.measure_columns(table)
        },
    )

c1 = c2 = st.container(horizontal=True)
c1.download_button(
    t("explore.download_csv", lang),
    data=lambda: export.to_csv_bytes(table),
    file_name=export.file_name(parts, "csv"),
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="dl_csv",
    disabled=table.empty,
)
c2.download_button(
    t("explore.download_xlsx", lang),
    data=lambda: export.to_xlsx_bytes(table, t("explore.sheet_name", lang)),
    file_name=export.file_name(parts, "xlsx"),
    on_click="ignore",
    icon=":material/download:",
    key="dl_xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    disabled=table.empty,
)
st.caption(t("explore.download_note", lang))
url_state.copy_link_box(st, t("common.copy_link", lang), t("common.copy_link_help", lang))
