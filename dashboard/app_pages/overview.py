"""总览 Overview (leadership): headline figures with like-for-like 同比 and their coverage, trends, top
provinces (a click opens the province), and the sentences for the selection."""

import streamlit as st

from dashboard import briefing_ui, sidebar, url_state, widgets
from dashboard.data import cache
from dashboard.data import overview as queries
from dashboard.data.db import build_info
from dashboard.filters import HEADLINE_METRICS
from dashboard.present import overview as view
from dashboard.present import slides, summary
from dashboard.present.charts import bar_order, province_bars
from dashboard.present.text import label, t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()
area = cat.area_label(f.area, lang)
channel = label("channel", f.channel, lang)

st.title(t("overview.title", lang))
st.caption(t("overview.subtitle", lang, year=f.year, area=area, channel=channel))

head = cache.run(queries.headline, f)
ranking = cache.run(queries.province_ranking, f, f.year)
coverage = cache.run(queries.coverage, f)

has_data = view.year_has_data(head, f.year) or len(f.provinces) == 1
if has_data:
    all_metrics = cache.run(queries.province_year, f, f.year) if len(f.provinces) == 1 else ranking
    sentence = summary.summary_line(head, ranking, all_metrics, coverage, f, cat)
else:
    sentence = t("overview.no_data_year", lang, year=f.year)
covered = summary.coverage_line(coverage, f.year, cat, lang)

# The briefing: this selection as a Word document and a PDF (present/briefing/), with the page's own
# sentences; its key also tells the print stylesheet (print_layout.py) that this is the overview (one sheet).
with st.container(key="overview_briefing"):
    briefing_ui.offer(f, cat, head, ranking, (sentence, covered))

if has_data:
    st.markdown("**" + sentence + "**")
else:
    st.info(sentence, icon=":material/info:")
st.caption(covered)

st.subheader(t("overview.headlines", lang))
cols = st.columns(len(HEADLINE_METRICS))
# no sparklines in the cards: the trend chart beside them shows the years, and four Vega charts loaded a
# second charting library (0.75 MB of JavaScript) and cost ~0.4 s of the page's drawing
for col, h in zip(cols, view.headlines(head, f, HEADLINE_METRICS), strict=True):
    unit = t("overview.card_unit", lang, unit=cat.unit(h.metric, lang)) if lang == "en" else ""
    col.metric(
        view.card_label(cat, h.metric, lang),
        view.card_value(h, lang, t("overview.metric_no_data", lang)),
        delta=view.card_delta(h, lang),
        delta_description=t("overview.change_same", lang) if h.change is not None else None,
        help=unit + view.change_help(h, f, lang),
        border=True,
    )
st.caption(t("overview.definition", lang) + " " + t("common.marks_note", lang))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.trend", lang, years=f.years_label()))
    titles = {m: cat.metric_with_unit(m, lang) for m in HEADLINE_METRICS}
    shot = slides.slide(
        t("briefing.what_trend", lang), f.years_label(), "", channel, lang, cache.run(build_info)
    )
    widgets.slide_chart(
        cache.figure(
            view.trend_grid,
            view.trend_rows(head, f, HEADLINE_METRICS),
            titles,
            lang,
            t("overview.year_axis", lang),
            t("overview.metric_no_data", lang),
        ),
        shot,
    )
    note = summary.trend_coverage_note(head, f.years, f.metric, lang)
    if note:
        st.caption(note)
with right:
    st.subheader(t("overview.top_provinces", lang, metric=cat.metric_name(f.metric, lang), year=f.year, n=10))
    if ranking.empty:
        st.info(t("overview.no_provinces", lang))
    else:
        names = {p: cat.province(p, lang) for p in ranking["province"]}
        shot = slides.slide(
            t("briefing.what_ranking", lang),
            f.year,
            cat.metric_name(f.metric, lang),
            channel,
            lang,
            cache.run(build_info),
        )
        event = widgets.slide_chart(
            cache.figure(
                province_bars,
                ranking,
                names,
                lang,
                cat.metric_with_unit(f.metric, lang),
                t("overview.change_label", lang),
            ),
            shot,
            on_select="rerun",
            selection_mode="points",
            key="overview_ranking",
        )
        st.caption(t("overview.click_hint", lang))
        clicked = view.clicked_province(event, bar_order(ranking))
        if clicked:  # a bar opens its province on the compare page (its cities, counties and files)
            url_state.remember(
                url_state.Param("drill"), clicked
            )  # the compare page's drill-down starts there
            st.switch_page("app_pages/compare.py", query_params={"drill": clicked})
