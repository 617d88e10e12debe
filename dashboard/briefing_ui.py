"""The overview's briefing button: one click makes the .docx and the PDF of the current selection, then
offers both for download. Streamlit only; the content is present/briefing/ (pure)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from dashboard.data import activities, cache, compare
from dashboard.data.db import build_info
from dashboard.filters import Filters
from dashboard.present.briefing.overview import overview_briefing
from dashboard.present.catalog import Catalog
from dashboard.present.text import t

_MADE = "overview_briefing_files"  # session state: (filters, Files) of the last briefing made


def offer(f: Filters, cat: Catalog, head: pd.DataFrame, ranking: pd.DataFrame, sentences: tuple[str, ...]) -> None:
    """The button, and once pressed the two downloads (kept while the selection stays the same).
    `sentences` are the page's own (summary and coverage lines), so the files say what the page says."""
    lang = f.lang
    if st.button(
        t("briefing.button", lang), help=t("briefing.button_help", lang), icon=":material/description:"
    ):
        with st.spinner(t("briefing.making", lang)):
            # imported at the first click, not with the page: python-docx, fpdf2, fontTools and kaleido are
            # 36 MB of the server's RSS that a process without a briefing never needs (issue 16, item 4);
            # the first briefing of a process waits for the import once (0.3-1.4 s here)
            from dashboard.present.briefing.build import make_files

            map_rows = cache.run(compare.compare_map, f.year, f.metric, f.channel)
            acts = cache.run(
                activities.activities, dataclasses.replace(f, years=(f.year,)), ("recommended",), (f.channel,)
            )
            b = overview_briefing(f, cat, head, ranking, sentences, map_rows, acts, cache.run(build_info))
            st.session_state[_MADE] = (f, make_files(b))
    made = st.session_state.get(_MADE)
    if not made or made[0] != f:  # files of another selection are not offered as this one's
        return
    files = made[1]
    from dashboard.present.briefing.build import DOCX_MIME  # imported already: files were made

    st.caption(t("briefing.made_in", lang, seconds=f"{files.seconds:.1f}"))
    left, right = st.columns(2)
    left.download_button(
        t("briefing.download_docx", lang),
        files.docx,
        file_name=f"{files.stem}.docx",
        mime=DOCX_MIME,
        icon=":material/download:",
        on_click="ignore",
    )
    if files.pdf is not None:
        right.download_button(
            t("briefing.download_pdf", lang),
            files.pdf,
            file_name=f"{files.stem}.pdf",
            mime="application/pdf",
            icon=":material/download:",
            on_click="ignore",
        )
    for note in files.notes:
        st.warning(note, icon=":material/info:")
