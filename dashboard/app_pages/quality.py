"""数据质量 Data quality: every load issue (filterable), file counts, and a submission's values beside their cells."""

from functools import partial

import streamlit as st

from dashboard import sidebar, url_state, widgets
from dashboard.data import cache, common, notices
from dashboard.data import quality as queries
from dashboard.present import quality as view
from dashboard.present.text import keyed, t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()

st.title(t("quality.title", lang))
st.caption(t("quality.subtitle", lang))

st.subheader(t("quality.counts_title", lang))
counts = view.quality_counts(
    cache.run(queries.status_counts), cache.run(queries.load_issue_rows, [], [], [], [])
)
cols = st.columns(5)
for col, key in zip(cols, ("loaded", "duplicate", "rejected", "errors", "warnings"), strict=True):
    col.metric(t(f"quality.m_{key}", lang), counts[key], border=True)

st.subheader(t("quality.todo_title", lang))
st.caption(t("quality.todo_caption", lang))
all_years = cache.run(common.years)
q1, q2 = st.columns([1, 3], vertical_alignment="bottom")
url_state.bind("quality_todo_year", url_state.integer("todo_year", all_years, max(all_years)))
todo_year = q1.selectbox(t("quality.todo_year", lang), sorted(all_years, reverse=True), key="quality_todo_year")
url_state.bind("quality_todo_errors", url_state.flag("todo_errors"))
errors_only = q2.toggle(t("quality.todo_errors_only", lang), key="quality_todo_errors")
todo = view.todo_rows(cache.run(queries.sender_problems, todo_year), lang)
if errors_only:
    todo = todo[todo[t("quality.col_severity", lang)] == t("quality.severity_error", lang)]
if todo.empty:
    st.info(t("quality.todo_none", lang))
else:
    senders = todo[t("quality.col_sender", lang)].unique().tolist()
    st.caption(t("quality.todo_senders", lang, n=len(senders), rows=len(todo)))
    st.dataframe(
        todo,
        hide_index=True,
        column_config={
            t("quality.col_message", lang): st.column_config.TextColumn(width="large"),
            t("quality.col_todo", lang): st.column_config.TextColumn(width="large"),
        },
    )
    widgets.xlsx_and_text_downloads(
        todo,
        view.todo_text(todo, lang),
        [t("quality.todo_file", lang), str(todo_year)] + ([t("quality.severity_error", lang)] if errors_only else []),
        (t("quality.dl_xlsx", lang), t("quality.dl_text", lang)),
        "quality_todo",
        t("quality.todo_file", lang),
    )
    url_state.bind("quality_todo_sender", url_state.Param("todo_sender", senders[0], senders))
    sender = st.selectbox(t("quality.todo_pick", lang), senders, key="quality_todo_sender")
    st.code(view.todo_text(todo, lang, sender), language=None, wrap_lines=True)

st.subheader(t("quality.issues_title", lang))
options = cache.run(queries.issue_options)
# The four filters: (what, column of issue_options, URL name, label of a value, width), each bound to the URL.
FILTERS = (
    ("years", "year", "q_year", str, 1),
    ("files", "source_file", "q_file", str, 3),
    ("severity", "severity", "q_severity", keyed("quality.severity_", lang), 1),
    ("codes", "code", "q_code", partial(view.issue_type, lang=lang), 2),
)
chosen: dict[str, list] = {}
for col, (what, column, name, fmt, _) in zip(st.columns([w for *_, w in FILTERS]), FILTERS, strict=True):
    values = view.options_of(options, column)
    url_state.bind(
        f"quality_{what}_{lang}",
        url_state.Param(name, [], values, many=True, parse=int if column == "year" else str),
    )
    chosen[what] = col.multiselect(
        t(f"quality.f_{what}", lang),
        values,
        format_func=fmt,
        placeholder=t("quality.f_any", lang),
        key=f"quality_{what}_{lang}",
    )
years, files, severities, codes = (chosen[w] for w in ("years", "files", "severity", "codes"))
issues = cache.run(queries.load_issue_rows, years, files, severities, codes)
st.caption(t("quality.n_rows", lang, n=len(issues)))
widgets.table_or_note(
    view.issues_table(issues, lang, view.notice_titles(cache.run(notices.notice_list))),
    t("quality.no_issues", lang),
    column_config={  # the message is what a reader needs; the path may be cut (hover shows it)
        t("quality.col_file", lang): st.column_config.TextColumn(width="medium"),
        t("quality.col_message", lang): st.column_config.TextColumn(width="large"),
    },
)

st.subheader(t("quality.cells_title", lang))
st.caption(t("quality.cells_caption", lang))
p1, p2 = st.columns([1, 3])
url_state.bind("quality_pick_year", url_state.integer("q_pick_year", all_years, max(all_years)))
year = p1.selectbox(t("quality.pick_year", lang), sorted(all_years, reverse=True), key="quality_pick_year")
choices = cache.run(queries.submission_choices, year)
if not choices.empty:
    labels = dict(zip(choices["submission_id"], choices["source_file"], strict=True))
    ids = choices["submission_id"].tolist()
    url_state.bind("quality_pick_file", url_state.Param("q_pick_file", ids[0], ids))
    sid = p2.selectbox(
        t("quality.pick_file", lang),
        choices["submission_id"].tolist(),
        format_func=labels.get,
        key="quality_pick_file",
    )
    cells = cache.run(queries.submission_cells, sid)
    names = {m: cat.metric_name(m, lang) for m in cat.metric_codes()}
    widgets.table_or_note(view.cells_table(cells, names, lang), t("quality.no_cells", lang))
