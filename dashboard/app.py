"""Entry point: `streamlit run dashboard/app.py`. Page config, navigation, shared sidebar, banners.

Pages live in dashboard/app_pages/ and are layout only. To add one, create the file and add one
PageSpec line to PAGES (its title is the text key common.nav_<name>); files not yet written are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import memory, print_layout, sidebar, upload, url_state
from dashboard.data import cache
from dashboard.data.db import default_db
from dashboard.present.text import t
from etl.paths import PAGES_DIR, STATIC_DIR


@dataclass(frozen=True)
class PageSpec:
    name: str  # file app_pages/<name>.py, URL path /<name>, title key common.nav_<name>
    section: str  # text key common.section_<section>
    icon: str


# One line per page, in menu order. Pages whose file does not exist yet are skipped.
PAGES = [
    PageSpec("overview", "leadership", ":material/dashboard:"),
    PageSpec("compare", "leadership", ":material/map:"),
    PageSpec("activities", "leadership", ":material/star:"),
    PageSpec("submissions", "secretariat", ":material/fact_check:"),
    PageSpec("notices", "secretariat", ":material/campaign:"),
    PageSpec("quality", "secretariat", ":material/rule:"),
    PageSpec("upload", "secretariat", ":material/upload_file:"),
    PageSpec("explore", "analysis", ":material/table_view:"),
]


def _navigation(lang: str) -> dict[str, list[st.Page]]:
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        path = PAGES_DIR / f"{spec.name}.py"
        if not path.exists():
            continue
        if spec.name == "upload" and not upload.enabled():  # off unless enabled (see dashboard/upload.py)
            # a hidden page that says so, in the reader's language (not Streamlit's English "Page not found")
            off = st.Page(lambda: _page_off(lang), title=t("common.nav_upload", lang), url_path=spec.name,
                          visibility="hidden")
            sections.setdefault(t(f"common.section_{spec.section}", lang), []).append(off)
            continue
        page = st.Page(
            path,
            title=t(f"common.nav_{spec.name}", lang),
            icon=spec.icon,
            url_path="" if spec.name == "overview" else spec.name,
            default=spec.name == "overview",
        )
        sections.setdefault(t(f"common.section_{spec.section}", lang), []).append(page)
        if spec.name == "overview":  # /overview works too (not only /): a hidden alias to the default page
            alias = st.Page(
                lambda target=page: st.switch_page(target, query_params=st.query_params.to_dict()),
                title=page.title,
                url_path=spec.name,
                visibility="hidden",
            )
            sections[t(f"common.section_{spec.section}", lang)].append(alias)
    return sections


def _page_off(lang: str) -> None:
    st.title(t("common.nav_upload", lang))
    st.info(t("common.upload_off", lang), icon=":material/block:")


def _missing_page(status: str, lang: str) -> None:
    st.title(t("common.missing_title", lang))
    st.write(
        t("common.missing_body", lang, path=default_db(), reason=t(f"common.missing_reason_{status}", lang))
    )
    st.write(t("common.missing_make", lang))
    st.code("make run", language="bash")
    st.write(t("common.missing_steps", lang))
    st.code(
        ".venv/bin/python -m etl sample\n.venv/bin/python -m etl build\n"
        ".venv/bin/python -m streamlit run dashboard/app.py",
        language="bash",
    )
    st.caption(t("common.missing_env", lang))


memory.setup()  # once per process: freed memory goes back to the system (dashboard/memory.py)

# A local icon: a :material/...: page_icon makes every browser fetch it from fonts.gstatic.com (no internet here).
st.set_page_config(
    page_title=t("common.app_title"),
    page_icon=str(STATIC_DIR / "favicon.png"),
    layout="wide",
)

print_layout.inject()  # every page prints its content only, on A4 landscape

status = cache.status()
if status != "ok":
    lang = sidebar.lang_switch()
    st.navigation(
        [
            st.Page(
                lambda: _missing_page(status, lang), title=t("common.missing_title", lang), url_path="setup"
            )
        ]
    ).run()
    st.stop()

filters = sidebar.render()
st.sidebar.divider()
sidebar.build_banner(filters.lang)
st.navigation(_navigation(filters.lang)).run()
# After the page ran: its own controls are in the URL by now (dashboard/url_state.py).
url_state.copy_link_box(st.sidebar, t("common.copy_link", filters.lang), t("common.copy_link_help", filters.lang))
