"""报送进度 Submissions: who reported for a year, on time or late against the applicable notice's deadline
(or the one the secretariat entered), who to remind, and (when upload is on) a form to enter a deadline."""

from datetime import date
from functools import partial

import streamlit as st

from dashboard import sidebar, upload, url_state, widgets
from dashboard.data import cache, common
from dashboard.data import submissions as queries
from dashboard.data.db import default_db
from dashboard.present import submissions as view
from dashboard.present.text import label, t
from etl import paths
from etl.issues import InputError
from etl.pipeline import deadlines as entered

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
st.markdown(t("submissions.units_heading", lang))
cols = st.columns(3)
for col, key in zip(cols, ("expected", "submitted", "missing"), strict=True):
    col.metric(t(f"submissions.m_{key}", lang), counts[key], border=True)
st.markdown(t("submissions.files_heading", lang, n=counts["files"]))
cols = st.columns(4)
for col, key in zip(cols, ("late", "on_time", "unknown", "time_unknown"), strict=True):
    col.metric(t(f"submissions.m_{key}", lang), counts[key], border=True)

deadlines = cache.run(queries.year_deadlines, year)
if counts["unknown"]:
    st.warning(t("submissions.unknown_warning", lang, n=counts["unknown"], year=year), icon=":material/event_busy:")

names = {p: cat.province(p, lang) for p in expected["province"]}
notices = view.notice_names(deadlines)
st.subheader(t("submissions.expected_title", lang))
st.dataframe(view.expected_table(expected, names, lang, notices), hide_index=True)

st.subheader(t("submissions.reminders_title", lang))
reminders = view.reminder_table(cache.run(queries.non_reporters, year, f.channel), names, lang)
if reminders.empty:
    st.info(t("submissions.no_reminders", lang))
else:
    st.caption(t("submissions.reminders_caption", lang, n=len(reminders)))
    st.dataframe(reminders, hide_index=True)
    widgets.xlsx_and_text_downloads(
        reminders,
        view.reminder_text(reminders, year, lang),
        [t("submissions.reminders_file", lang), str(year), f.channel],
        (t("submissions.dl_xlsx", lang), t("submissions.dl_text", lang)),
        "submissions_reminders",
        t("submissions.reminders_file", lang),
    )

st.subheader(t("submissions.all_title", lang))
url_state.bind("submissions_only_late", url_state.flag("only_late"))
only_late = st.toggle(t("submissions.only_late", lang), key="submissions_only_late")
st.dataframe(view.submitted_table(submitted, lang, only_late, notices), hide_index=True)

st.subheader(t("submissions.deadlines_title", lang))
if not deadlines.empty:
    st.dataframe(view.deadlines_table(deadlines, lang), hide_index=True)
own = cache.run(queries.entered_deadlines, year)
if not own.empty:
    st.markdown(t("submissions.entered_title", lang))
    st.dataframe(view.entered_table(own, lang), hide_index=True)
if deadlines.empty and own.empty:
    st.info(t("submissions.no_notice", lang, year=year))

if upload.access() == "ok":  # who may change the data is decided once, in dashboard/upload.py
    with st.expander(t("submissions.form_title", lang), icon=":material/edit_calendar:"):
        st.caption(t("submissions.form_caption", lang))
        provinces = [""] + sorted(n for n in expected["province"])
        with st.form("submissions_deadline_form"):
            c1, c2 = st.columns(2)
            province = c1.selectbox(
                t("submissions.form_province", lang),
                provinces,
                format_func=partial(view.province_option, names, t("submissions.form_province_all", lang)),
                key="submissions_form_province",
            )
            day = c2.date_input(t("submissions.form_date", lang), value=None, key="submissions_form_date")
            who = c1.text_input(t("submissions.form_who", lang), key="submissions_form_who")
            note = c2.text_input(t("submissions.form_note", lang), key="submissions_form_note")
            saved = st.form_submit_button(
                t("submissions.form_save", lang, year=year, channel=channel), type="primary"
            )
        if saved:
            try:
                entered.save_entry(
                    entered.deadlines_file(paths.submissions_dir()),
                    {"year": year, "channel": f.channel, "province": province or None,
                     "deadline": day.isoformat() if day else None, "entered_by": who.strip() or None,
                     "entered_on": date.today().isoformat(), "note": note.strip() or None},
                )
            except InputError as err:
                st.error(err.reason_en if lang == "en" else err.reason_zh)
            else:
                with st.spinner(t("submissions.form_building", lang)):
                    from etl.pipeline.build import build  # noqa: PLC0415 - only a save pays for the ETL import

                    build(paths.submissions_dir(), paths.notices_dir(), default_db(), cache_dir=paths.cache_dir())
                st.session_state["submissions_form_done"] = True
                st.rerun()
    if st.session_state.pop("submissions_form_done", False):
        st.success(t("submissions.form_saved", lang))

st.subheader(t("submissions.problems_title", lang))
st.caption(t("submissions.problems_caption", lang))
problems = cache.run(queries.problem_files, year)
widgets.table_or_note(view.problems_table(problems, lang), t("submissions.no_problems", lang))
