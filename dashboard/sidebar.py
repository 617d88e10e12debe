"""The shared sidebar: language switch, filters bound to the URL, build time and demo banner.

URL parameters (codes, not display labels, so a link works in either language):
`?lang=en&years=2023&years=2024&area=华东&area=河南省&level=province&channel=农技协&metric=events`
(`area` repeated: several provinces and/or macro-regions, their union).
They are read once per session (a shared link or a reload), then rewritten whenever a widget
changes. Widget keys carry the language so switching language rebuilds them with translated
labels while keeping the selection (kept in session_state["_canon"]).
"""

from __future__ import annotations

import streamlit as st

from dashboard.data import cache, common
from dashboard.data.db import build_info
from dashboard.filters import AREA_SEP, CHANNELS, DEFAULT_METRIC, MACRO_REGIONS, ORG_LEVELS, Filters
from dashboard.present.catalog import Catalog
from dashboard.present.text import LANGS, label, t

_CANON = "_canon"
_FILTERS = "_filters"
LANG_NAMES = {"zh": "中文", "en": "English"}


def catalog() -> Catalog:
    return Catalog.from_frames(cache.run(common.metrics), cache.run(common.provinces))


def _from_url(all_years: list[int], cat: Catalog) -> dict:
    qp = st.query_params
    lang = qp.get("lang", "zh")
    years = [int(y) for y in qp.get_all("years") if y.isdigit() and int(y) in all_years]
    known = set(MACRO_REGIONS) | {p[0] for p in cat.provinces}
    # repeated (area=河南省&area=湖北省); one value may also hold several joined by AREA_SEP
    areas = [a for v in qp.get_all("area") for a in v.split(AREA_SEP) if a in known]
    levels = [lv for lv in qp.get_all("level") if lv in ORG_LEVELS]
    channel = qp.get("channel", CHANNELS[0])
    metric = qp.get("metric", DEFAULT_METRIC)
    codes = cat.metric_codes()
    return {
        "lang": lang if lang in LANGS else "zh",
        "years": years or list(all_years),
        "areas": list(dict.fromkeys(areas)),
        "levels": levels,
        "channel": channel if channel in CHANNELS else CHANNELS[0],
        "metric": metric if metric in codes else (DEFAULT_METRIC if DEFAULT_METRIC in codes else codes[0]),
    }


def _to_url(canon: dict, all_years: list[int]) -> None:
    """Write only our keys, only when they differ (other pages may keep their own parameters)."""
    wanted: dict[str, list[str] | str | None] = {
        "lang": canon["lang"] if canon["lang"] != "zh" else None,
        "years": [str(y) for y in canon["years"]] if sorted(canon["years"]) != sorted(all_years) else None,
        "area": list(canon["areas"]) or None,
        "level": list(canon["levels"]) or None,
        "channel": canon["channel"] if canon["channel"] != CHANNELS[0] else None,
        "metric": canon["metric"] if canon["metric"] != DEFAULT_METRIC else None,
    }
    qp = st.query_params
    for key, value in wanted.items():
        current = qp.get_all(key)
        if value is None:
            if current:
                del qp[key]
        elif current != (value if isinstance(value, list) else [value]):
            qp[key] = value


def lang_switch() -> str:
    """The 中文/English switch alone (used also on the missing-database page)."""
    canon = st.session_state.get(_CANON, {})
    if "w_lang" not in st.session_state:
        url_lang = st.query_params.get("lang", canon.get("lang", "zh"))
        st.session_state["w_lang"] = url_lang if url_lang in LANGS else "zh"
    lang = st.sidebar.radio(
        t("common.language"), LANGS, format_func=LANG_NAMES.get, key="w_lang", horizontal=True
    )
    return lang or "zh"


def render() -> Filters:
    """Draw the sidebar filters and return the Filters (also kept for current())."""
    all_years = cache.run(common.years)
    cat = catalog()
    if _CANON not in st.session_state:
        st.session_state[_CANON] = _from_url(all_years, cat)
    canon = st.session_state[_CANON]
    lang = lang_switch()
    canon["lang"] = lang

    sb = st.sidebar
    sb.subheader(t("common.filters", lang))
    years = sb.multiselect(
        t("common.years", lang),
        all_years,
        default=[y for y in canon["years"] if y in all_years],
        key=f"w_years_{lang}",
    )
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
    areas = sb.multiselect(
        t("common.area", lang),
        area_options,
        default=[a for a in canon["areas"] if a in area_options],
        format_func=area_fmt.get,
        placeholder=t("common.area_all", lang),
        help=t("common.area_help", lang),
        key=f"w_area_{lang}",
    )
    channel = sb.radio(
        t("common.channel", lang),
        CHANNELS,
        index=CHANNELS.index(canon["channel"]),
        format_func=lambda c: label("channel", c, lang),
        help=t("common.channel_help", lang),
        horizontal=True,
        key=f"w_channel_{lang}",
    )
    codes = cat.metric_codes()
    metric = sb.selectbox(
        t("common.metric", lang),
        codes,
        index=codes.index(canon["metric"]) if canon["metric"] in codes else 0,
        format_func=lambda c: cat.metric_name(c, lang),
        key=f"w_metric_{lang}",
    )
    levels = sb.multiselect(
        t("common.org_levels", lang),
        ORG_LEVELS,
        default=list(canon["levels"]),
        format_func=lambda v: label("level", v, lang),
        placeholder=t("common.org_levels_all", lang),
        key=f"w_levels_{lang}",
    )

    canon.update(
        years=sorted(years) or list(all_years),
        areas=list(areas),
        channel=channel,
        metric=metric,
        levels=list(levels),
    )
    _to_url(canon, all_years)
    filters = Filters(
        years=tuple(canon["years"]),
        area=AREA_SEP.join(canon["areas"]),
        provinces=cat.provinces_in(AREA_SEP.join(canon["areas"])),
        org_levels=tuple(canon["levels"]),
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
