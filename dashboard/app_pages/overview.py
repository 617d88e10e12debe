"""总览 Overview (leadership): headline figures with 同比, trends, top provinces, a summary line."""

import streamlit as st

from dashboard import briefing_ui, sidebar
from dashboard.data import cache
from dashboard.data import overview as queries
from dashboard.data.db import build_info
from dashboard.filters import HEADLINE_METRICS
from dashboard.present import overview as view
from dashboard.present import slides
from dashboard.present.charts import province_bars
from dashboard.present.fmt import format_number, format_pct
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

# The briefing: this selection as a Word document and a PDF (present/briefing/); its key also tells the
# print stylesheet (print_layout.py) that this is the overview, which prints on one sheet.
with st.container(key="overview_briefing"):
    briefing_ui.offer(f, cat, head, ranking)

if not view.year_has_data(head, f.year):
    st.info(t("overview.no_data_year", lang, year=f.year), icon=":material/info:")
else:
    st.markdown("**" + view.summary_line(head, ranking, f, cat) + "**")

st.subheader(t("overview.headlines", lang))
cols = st.columns(len(HEADLINE_METRICS))
for col, h in zip(cols, view.headlines(head, f, HEADLINE_METRICS), strict=True):
    col.metric(
        cat.metric_with_unit(h.metric, lang),
        format_number(h.value, lang) if h.value is not None else t("overview.metric_no_data", lang),
        delta=format_pct(h.change, lang) if h.change is not None else None,
        delta_description=t("overview.change_label", lang) if h.change is not None else None,
        help=t("overview.change_help", lang) if h.change is not None else t("overview.no_prev", lang),
        chart_data=h.spark,
        border=True,
    )
st.caption(t("overview.definition", lang))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.trend", lang, years=f.years_label()))
    titles = {m: cat.metric_with_unit(m, lang) for m in HEADLINE_METRICS}
    shot = slides.slide(
        t("briefing.what_trend", lang), f.years_label(), "", channel, lang, cache.run(build_info)
    )
    st.plotly_chart(
        slides.framed(
            cache.figure(
                view.trend_grid,
                view.trend_rows(head, f, HEADLINE_METRICS),
                titles,
                lang,
                t("overview.year_axis", lang),
                t("overview.metric_no_data", lang),
            ),
            shot,
        ),
        config=slides.camera(shot),
    )
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
        st.plotly_chart(
            slides.framed(
                cache.figure(
                    province_bars,
                    ranking,
                    names,
                    lang,
                    cat.metric_with_unit(f.metric, lang),
                    t("overview.change_label", lang),
                ),
                shot,
            ),
            config=slides.camera(shot),
        )
