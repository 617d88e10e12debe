"""The shared sidebar: language switch, filters bound to the URL, build time and demo banner.

URL parameters (codes, not display labels, so a link works in either language):
`?lang=en&years=2023&years=2024&area=华东&area=河南省&level=province&channel=农技协&metric=events` (`area`
repeated: several provinces and/or macro-regions, their union), each bound by
dashboard/url_state.py (the mechanism every page's controls use too). Widget keys carry the language so
switching language rebuilds them with translated labels while keeping the selection.
"""

from __future__ import annotations

import streamlit as st

from dashboard import url_state
from dashboard.data import cache, common
from dashboard.data.db import build_info
from dashboard.filters import AREA_SEP, CHANNELS, DEFAULT_METRIC, MACRO_REGIONS, ORG_LEVELS, Filters
from dashboard.present.catalog import Catalog
from dashboard.present.text import LANGS, label, t

_FILTERS = "_filters"
LANG_NAMES = {"zh": "中文", "en": "English"}
LANG = url_state.Param("lang", "zh", LANGS)


def catalog() -> Catalog:
    return Catalog.from_frames(cache.run(common.metrics), cache.run(common.provinces))


def lang_switch() -> str:
    """The 中文/English switch alone (used also on the missing-database page)."""
    url_state.bind("w_lang", LANG)
    lang = st.sidebar.radio(
        t("common.language"), LANGS, format_func=LANG_NAMES.get, key="w_lang", horizontal=True
    )
    return lang or "zh"


def render() -> Filters:
    """Draw the sidebar filters and return the Filters (also kept for current())."""
    all_years = cache.run(common.years)
    cat = catalog()
    lang = lang_switch()

    sb = st.sidebar
    sb.subheader(t("common.filters", lang))
    url_state.bind(
        f"w_years_{lang}", url_state.Param("years", list(all_years), all_years, many=True, parse=int)
    )
    years = sb.multiselect(t("common.years", lang), all_years, key=f"w_years_{lang}")
    area_options = [
        *[m for m in MACRO_REGIONS if cat.provinces_in(m) != (m,)],
        *[p[0] for p in cat.provinces],
    ]
    area_fmt = {
        a: (
            t("common.area_macro", lang, name=cat.area_label(a, lang))
            if a in MACRO_REGIONS
            else cat.area_label(a, lang)
        )
        for a in area_options
    }
    url_state.bind(f"w_area_{lang}", url_state.Param("area", [], area_options, many=True))
    areas = sb.multiselect(
        t("common.area", lang),
        area_options,
        format_func=area_fmt.get,
        placeholder=t("common.area_all", lang),
        help=t("common.area_help", lang),
        key=f"w_area_{lang}",
    )
    area = AREA_SEP.join(areas)  # several areas: their union (Catalog.provinces_in)
    url_state.bind(f"w_channel_{lang}", url_state.Param("channel", CHANNELS[0], CHANNELS))
    channel = sb.radio(
        t("common.channel", lang),
        CHANNELS,
        format_func=lambda c: label("channel", c, lang),
        help=t("common.channel_help", lang),
        horizontal=True,
        key=f"w_channel_{lang}",
    )
    codes = cat.metric_codes()
    url_state.bind(
        f"w_metric_{lang}",
        url_state.Param("metric", DEFAULT_METRIC if DEFAULT_METRIC in codes else codes[0], codes),
    )
    metric = sb.selectbox(
        t("common.metric", lang),
        codes,
        format_func=lambda c: cat.metric_name(c, lang),
        key=f"w_metric_{lang}",
    )
    url_state.bind(f"w_levels_{lang}", url_state.Param("level", [], ORG_LEVELS, many=True))
    levels = sb.multiselect(
        t("common.org_levels", lang),
        ORG_LEVELS,
        format_func=lambda v: label("level", v, lang),
        placeholder=t("common.org_levels_all", lang),
        key=f"w_levels_{lang}",
    )
    filters = Filters(
        years=tuple(sorted(years) or all_years),
        area=area or "",
        provinces=cat.provinces_in(area or ""),
        org_levels=tuple(levels),
        channel=channel,
        metric=metric,
        lang=lang,
    )
    st.session_state[_FILTERS] = filters
    return filters


def current() -> Filters:
    """The filters of this rerun, for pages (app.py renders the sidebar before the page runs)."""
    return st.session_state.get(_FILTERS, Filters())


def build_banner(lang: str) -> None:
    """When the data was built, and a clear banner when it is the generated demo data."""
    info = cache.run(build_info)
    built = info.get("built_at")
    if built is not None:
        st.sidebar.caption(t("common.built_at", lang, when=str(built)[:16]))
    if bool(info.get("is_demo")):
        st.warning(t("common.demo_banner", lang), icon=":material/science:")
