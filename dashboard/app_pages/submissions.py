"""报送进度 Submissions: who reported for a year, on time or late against the applicable notice's deadline."""

import streamlit as st

from dashboard import sidebar
from dashboard.data import cache as data
from dashboard.present import secretariat_tables as tables
from dashboard.present.text import label, t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()
channel = label("channel", f.channel, lang)

st.title(t("submissions.title", lang))
all_years = data.q("years")
year = st.selectbox(t("submissions.year", lang), sorted(all_years, reverse=True), key="submissions_year")
st.caption(t("submissions.subtitle", lang, year=year, channel=channel))
st.info(t("submissions.time_note", lang), icon=":material/schedule:")

expected = data.q("expected_units", year, f.channel)
submitted = data.q("submitted_units", year, f.channel)
counts = tables.progress_counts(expected, submitted)
cols = st.columns(5)
for col, key in zip(cols, ("expected", "submitted", "missing", "late", "unknown"), strict=True):
    col.metric(t(f"submissions.m_{key}", lang), counts[key], border=True)

deadlines = data.q("year_deadlines", year)
if deadlines.empty:
    st.warning(t("submissions.no_notice", lang, year=year), icon=":material/event_busy:")

names = {p: cat.province(p, lang) for p in expected["province"]}
notices = tables.notice_names(deadlines)
st.subheader(t("submissions.expected_title", lang))
st.dataframe(tables.expected_table(expected, names, lang, notices), hide_index=True)

st.subheader(t("submissions.all_title", lang))
only_late = st.toggle(t("submissions.only_late", lang), key="submissions_only_late")
st.dataframe(tables.submitted_table(submitted, lang, only_late, notices), hide_index=True)

st.subheader(t("submissions.deadlines_title", lang))
if not deadlines.empty:
    st.dataframe(tables.deadlines_table(deadlines, lang), hide_index=True)

st.subheader(t("submissions.problems_title", lang))
st.caption(t("submissions.problems_caption", lang))
problems = data.q("problem_files", year)
if problems.empty:
    st.info(t("submissions.no_problems", lang))
else:
    st.dataframe(tables.problems_table(problems, lang), hide_index=True)
