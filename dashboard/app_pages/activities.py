"""优秀活动 Activities (leadership): recommended and planned activities, one search box, 2021 modules."""

import streamlit as st

from dashboard import sidebar, url_state, widgets
from dashboard.data import activities as queries
from dashboard.data import cache
from dashboard.data.activity_search import parse_search
from dashboard.data.db import build_info
from dashboard.filters import CHANNELS
from dashboard.present import activities as view
from dashboard.present import slides
from dashboard.present.text import coded, keyed, label, t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()

st.title(t("activities.title", lang))
st.caption(t("activities.subtitle", lang, area=cat.area_label(f.area, lang), years=f.years_label()))

# The search text and both choices live in the URL (?q=...), so a found list can be shared as a link.
url_state.bind("act_q", url_state.Param("q", ""))
search = st.text_input(
    t("activities.search", lang),
    key="act_q",
    placeholder=t("activities.search_placeholder", lang),
    help=t("activities.search_help", lang),
    icon=":material/search:",
)

left, right = st.columns(2)
kind_options = ["recommended", "planned"]
url_state.bind("act_kinds", url_state.Param("kinds", kind_options, kind_options, many=True))
kinds = left.pills(
    t("activities.kinds", lang),
    kind_options,
    selection_mode="multi",
    format_func=keyed("activities.kind_", lang),
    key="act_kinds",
)
url_state.bind("act_channels", url_state.Param("act_channel", list(CHANNELS), CHANNELS, many=True))
channels = right.pills(
    t("activities.channels", lang),
    list(CHANNELS),
    selection_mode="multi",
    format_func=coded("channel", lang),
    help=t("activities.channels_help", lang),
    key="act_channels",
)

parsed = parse_search(search, cache.run(queries.search_provinces))
if not parsed.empty:
    st.caption(t("activities.search_found", lang, parts=view.search_parts(parsed, cat, lang)))

acts = cache.run(queries.activities, f, tuple(kinds or ()), tuple(channels or ()), search)
n = view.counts(acts)
cols = st.columns(4)
cols[0].metric(t("activities.n_recommended", lang), n["recommended"], border=True)
cols[1].metric(t("activities.n_planned", lang), n["planned"], border=True)
cols[2].metric(t("activities.n_units", lang), n["units"], border=True)
cols[3].metric(t("activities.n_long", lang), n["long"], help=t("activities.n_long_help", lang), border=True)

st.subheader(t("activities.list", lang, n=len(acts)))
if acts.empty:
    st.info(t("activities.no_results", lang), icon=":material/search_off:")
else:
    st.caption(t("activities.list_help", lang))
    event = st.dataframe(
        view.activity_table(acts, cat, lang),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="act_table",
        column_config={t("activities.col_long", lang): st.column_config.CheckboxColumn(width="small")},
    )
    chosen = event.selection.rows if event and event.selection else []
    if chosen:
        row = acts.iloc[chosen[0]]
        with st.container(border=True):
            st.markdown(
                f"**{row['activity_name'] or t('activities.none', lang)}** · {row['org_name']} · {row['year']}"
            )
            if row["kind"] == "recommended":
                st.markdown(
                    f"**{t('activities.detail_reason', lang)}**（{t('activities.detail_reason_len', lang, n=int(row['reason_length'] or 0))}）"
                )
                st.write(row["reason"] or t("activities.none", lang))
                if row["reason_too_long"]:
                    st.warning(t("activities.detail_reason_long", lang), icon=":material/warning:")
            for name, value in view.detail_rows(row, lang):
                st.markdown(f"**{name}**：{value}")

chart_left, chart_right = st.columns(2)
info = cache.run(build_info)  # the pictures' source line: build date, demo
shown_channels = t("common.list_sep", lang).join(label("channel", c, lang) for c in (channels or CHANNELS))
with chart_left:
    st.subheader(t("activities.module_mix", lang))
    mods = cache.run(queries.plan_modules, f, tuple(channels or ()))
    if mods.empty:
        st.info(t("activities.no_modules", lang))
    else:
        names = {m: t(f"activities.module_{m}", lang) for m in view.MODULES}
        shot = slides.slide(t("briefing.what_modules", lang), f.years_label(), "", shown_channels, lang, info)
        widgets.slide_chart(
            cache.figure(
                view.module_mix,
                mods,
                view.MODULES,
                names,
                view.group_names(lang),
                t("activities.module_count", lang),
            ),
            shot,
        )
        st.caption(t("activities.module_mix_note", lang))
with chart_right:
    st.subheader(t("activities.by_province", lang))
    if acts.empty:  # say so rather than leave a heading over nothing
        st.info(t("activities.no_results", lang))
    else:
        names = {p: cat.province(p, lang) for p in acts["province"].dropna().unique()} | {
            "": cat.province(None, lang)
        }
        kinds_shown = {k: t(f"activities.kind_{k}_short", lang) for k in ("recommended", "planned")}
        shot = slides.slide(
            t("briefing.what_activities_by_province", lang), f.years_label(), "", shown_channels, lang, info
        )
        widgets.slide_chart(
            cache.figure(
                view.activity_province_bars,
                acts,
                names,
                kinds_shown,
                t("activities.activity_count", lang),
            ),
            shot,
        )
