"""报送进度 Submissions: who reported for a year, on time or late against the applicable notice's deadline."""

import streamlit as st

from dashboard import sidebar, url_state, widgets
from dashboard.data import cache, common
from dashboard.data import submissions as queries
from dashboard.present import submissions as view
from dashboard.present.text import label, t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()
channel = label("channel", f.channel, lang)

st.title(t("submissions.title", lang))
all_years = cache.run(common.years)
url_state.bind("submissions_year", url_state.integer("sub_year", all_years, max(all_years)))
year = st.selectbox(t("submissions.year", lang), sorted(all_years, reverse=True), key="submissions_year")
st.caption(t("submissions.subtitle", lang, year=year, channel=channel))
st.info(t("submissions.time_note", lang), icon=":material/schedule:")

expected = cache.run(queries.expected_units, year, f.channel)
submitted = cache.run(queries.submitted_units, year, f.channel)
counts = view.progress_counts(expected, submitted)
cols = st.columns(5)
for col, key in zip(cols, ("expected", "submitted", "missing", "late", "unknown"), strict=True):
    col.metric(t(f"submissions.m_{key}", lang), counts[key], border=True)

deadlines = cache.run(queries.year_deadlines, year)
if deadlines.empty:
    st.warning(t("submissions.no_notice", lang, year=year), icon=":material/event_busy:")

names = {p: cat.province(p, lang) for p in expected["province"]}
notices = view.notice_names(deadlines)
st.subheader(t("submissions.expected_title", lang))
st.dataframe(view.expected_table(expected, names, lang, notices), hide_index=True)

st.subheader(t("submissions.all_title", lang))
url_state.bind("submissions_only_late", url_state.flag("only_late"))
only_late = st.toggle(t("submissions.only_late", lang), key="submissions_only_late")
st.dataframe(view.submitted_table(submitted, lang, only_late, notices), hide_index=True)

st.subheader(t("submissions.deadlines_title", lang))
if not deadlines.empty:
    st.dataframe(view.deadlines_table(deadlines, lang), hide_index=True)

st.subheader(t("submissions.problems_title", lang))
st.caption(t("submissions.problems_caption", lang))
problems = cache.run(queries.problem_files, year)
widgets.table_or_note(view.problems_table(problems, lang), t("submissions.no_problems", lang))
