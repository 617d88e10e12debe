"""上传报送 Upload (secretariat): check received workbooks, show what was read, save and rebuild on confirmation.

Layout only: the checks, storing and rebuilding are etl/intake/upload.py; who may upload is dashboard/upload.py.
Text from the files is shown with st.text / st.dataframe only, never as Markdown.
"""

import datetime as dt

import streamlit as st

from dashboard import sidebar, upload
from dashboard.data.db import default_db
from dashboard.present.text import t
from etl import paths
from etl.intake import upload as intake

lang = sidebar.current().lang
st.title(t("upload.title", lang))

decision = upload.access()
if decision == "disabled":
    st.info(t("upload.disabled", lang))
    st.stop()
if decision == "login":
    st.warning(t("upload.login", lang))
    st.button(t("upload.login_button", lang), on_click=st.login)
    st.stop()
if decision == "denied":
    st.error(t("upload.denied", lang, email=st.user.get("email") or "?"))
    st.button(t("upload.logout_button", lang), on_click=st.logout)
    st.stop()
if not upload.settings()[1]:
    st.warning(t("upload.open_warning", lang))

st.caption(t("upload.intro", lang))
round_ = st.session_state.setdefault("upload_round", 0)
files = st.file_uploader(
    t("upload.files", lang, formats=" / ".join(intake.UPLOAD_TYPES)),
    type=intake.UPLOAD_TYPES,
    accept_multiple_files=True,
    key=f"upload_files_{round_}",
)
checked_cache = st.session_state.setdefault("upload_checked", {})
this_year = dt.date.today().year
ready: list[intake.Checked] = []

for up in files or []:
    with st.container(border=True):
        st.text(t("upload.file_header", lang, name=intake.safe_name(up.name)))
        key = (up.file_id, None)
        if key not in checked_cache:
            checked_cache[key] = intake.check_upload(up.name, up.getvalue())
        checked = checked_cache[key]
        if (
            checked.year is None
            and not checked.problems
            and {i["code"] for i in checked.errors} == {"no_year"}
        ):
            year = st.selectbox(
                t("upload.year_missing", lang),
                list(range(this_year + 1, 2020, -1)),
                index=1,
                key=f"year_{up.file_id}",
            )
            key = (up.file_id, year)
            if key not in checked_cache:
                checked_cache[key] = intake.check_upload(up.name, up.getvalue(), year=year)
            checked = checked_cache[key]
        sub = checked.submission
        used = sum(1 for v in checked.rows.cell_values if v["role"] == "value" and v["value"] is not None)
        if checked.accepted:
            st.success(t("upload.verdict_ok", lang, org=sub["org_name"] or "?", year=sub["year"], n=used))
        else:
            st.error(t("upload.verdict_rejected", lang))
            for reason in upload.refusal_reasons(checked.problems, checked.errors, lang):
                st.text(reason)
        c1, c2 = st.columns(2)
        c1.text(t("upload.errors", lang, n=len(checked.errors)))
        c2.text(t("upload.warnings", lang, n=len(checked.warnings)))
        st.text(t("upload.values", lang))
        st.dataframe(
            upload.review_frame(intake.review_table(checked), lang), hide_index=True, width="stretch"
        )
        if checked.rows.contacts:
            st.text(t("upload.contacts", lang))
            st.dataframe(upload.contacts_frame(checked.rows.contacts), hide_index=True)
        if not checked.accepted:
            continue
        existing = intake.existing_submissions(default_db(), checked)
        same = [e["source_file"] for e in existing if e["same_bytes"]]
        if same:
            st.info(t("upload.same_bytes", lang, files=", ".join(same)))
            continue
        if existing:
            st.info(t("upload.existing", lang))
            st.dataframe(existing, hide_index=True)
        ready.append(checked)

if files:
    if not ready:
        st.info(t("upload.nothing", lang))
    elif st.button(t("upload.confirm", lang, n=len(ready)), type="primary"):
        with st.spinner(t("upload.building", lang)):
            stored, summary = intake.accept(
                ready, paths.submissions_dir(), paths.notices_dir(), default_db(), cache_dir=paths.cache_dir()
            )
        for path in stored:
            st.text(t("upload.stored", lang, path=path.relative_to(paths.submissions_dir()).as_posix()))
        st.success(
            t(
                "upload.built",
                lang,
                loaded=summary.loaded,
                duplicate=summary.duplicate,
                rejected=summary.rejected,
            )
        )
        st.session_state["upload_round"] = round_ + 1  # a fresh, empty uploader on the next run
        st.session_state["upload_checked"] = {}
