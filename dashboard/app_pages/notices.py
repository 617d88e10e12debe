"""活动通知 Notices: timeline, activity categories by year, form fields vs. reported metrics, full text.
Personal contacts (notice_contacts) are never queried here."""

import streamlit as st

from dashboard import sidebar, url_state, widgets
from dashboard.data import cache
from dashboard.data import notices as queries
from dashboard.data.db import build_info
from dashboard.present import notices as view
from dashboard.present import slides
from dashboard.present.text import category_name, t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()

st.title(t("notices.title", lang))
st.caption(t("notices.subtitle", lang))
notices = cache.run(queries.notice_list)
if notices.empty:
    st.info(t("notices.no_notices", lang))
    st.stop()

rows = view.timeline_rows(notices)
st.subheader(t("notices.timeline_title", lang))
st.caption(t("notices.timeline_caption", lang))
labels = {k: t(f"notices.{k}", lang) for k in ("period", "deadline", "issued", "tickformat")}
timeline_shot = slides.slide(
    t("briefing.what_timeline", lang), "", "", "", lang, cache.run(build_info), "briefing.source_notices"
)
widgets.slide_chart(cache.figure(view.notice_timeline, rows, labels), timeline_shot, key="notices_timeline")

st.subheader(t("notices.list_title", lang))
widgets.small_table(view.notices_table(notices, lang))  # a handful of notices, one row each

st.subheader(t("notices.categories_title", lang))
categories = cache.run(queries.notice_categories)
if categories.empty:
    st.info(t("notices.no_categories", lang))
else:
    categories_shot = slides.slide(
        t("briefing.what_categories", lang),
        "",
        "",
        "",
        lang,
        cache.run(build_info),
        "briefing.source_notices",
    )
    widgets.slide_chart(
        cache.figure(
            view.category_heat,
            categories,
            t("notices.year_axis", lang),
            {c: category_name(c, lang) for c in categories["category"].unique()},
        ),
        categories_shot,
        key="notices_categories",
    )

ids = rows.sort_values(["year", "notice_id"], ascending=[False, True])["notice_id"].tolist()
label_of = dict(zip(rows["notice_id"], rows["row_label"], strict=True))
url_state.bind("notices_pick", url_state.Param("notice", ids[0] if ids else None, ids))
chosen = st.selectbox(t("notices.pick", lang), ids, format_func=label_of.get, key="notices_pick")

st.subheader(t("notices.fields_title", lang))
st.caption(t("notices.fields_caption", lang))
fields = cache.run(queries.notice_fields, chosen)
metric_names = {m: cat.metric_name(m, lang) for m in cat.metric_codes()}
widgets.table_or_note(view.fields_table(fields, metric_names, lang), t("notices.no_fields", lang), small=True)

st.subheader(t("notices.text_title", lang))
url_state.bind("notices_search", url_state.Param("find", ""))
query = st.text_input(t("notices.search", lang), key="notices_search")
text = cache.run(queries.notice_text, chosen)
if query.strip():
    hits = view.find_lines(text, query)
    st.caption(
        t("notices.hits", lang, n=len(hits), q=query.strip())
        if hits
        else t("notices.no_hits", lang, q=query.strip())
    )
with st.container(height=420, border=True):
    st.markdown(view.highlight(text, query))
