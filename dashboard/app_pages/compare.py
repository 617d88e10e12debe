"""地区对比 Compare regions: map, ranking, province × year, side by side, drill-down into a province."""

import streamlit as st

from dashboard import sidebar, url_state, widgets
from dashboard.data import cache, common
from dashboard.data import compare as queries
from dashboard.data.db import build_info
from dashboard.present import compare as view
from dashboard.present import map as map_chart
from dashboard.present import slides
from dashboard.present.charts import province_bars
from dashboard.present.text import label, t

f = sidebar.current()
lang = f.lang
cat = sidebar.catalog()
channel = label("channel", f.channel, lang)
metric_title = cat.metric_with_unit(f.metric, lang)


def shot(what: str, year: object) -> slides.Slide:  # the picture's title, source and file name
    return slides.slide(
        t(f"briefing.what_{what}", lang),
        year,
        cat.metric_name(f.metric, lang),
        channel,
        lang,
        cache.run(build_info),
    )


st.title(t("compare.title", lang))
years = list(f.years) or cache.run(common.years)
c1, c2 = st.columns([1, 2])
url_state.bind("compare_year", url_state.integer("cmp_year", sorted(years, reverse=True), max(years)))
year = c1.selectbox(t("compare.year", lang), sorted(years, reverse=True), key="compare_year")
url_state.bind("compare_per_capita", url_state.flag("per_capita"))
per_capita = c2.toggle(
    t("compare.per_capita", lang), key="compare_per_capita", help=t("compare.per_capita_help", lang)
)
st.caption(t("compare.subtitle", lang, metric=cat.metric_name(f.metric, lang), year=year, channel=channel))
st.caption(t("compare.channel_note", lang, channel=channel))
if f.area:  # this page always compares every province; say so rather than silently ignore the filter
    st.caption(t("compare.area_note", lang, area=cat.area_label(f.area, lang)))

compare = cache.run(queries.compare_map, year, f.metric, f.channel)
national = cache.run(queries.national_bodies, year, f.metric, f.channel)
provinces_geo, _ = map_chart.load_geometry()
polygon_codes = {feat["id"] for feat in provinces_geo["features"]}
names = {p: cat.province(p, lang) for p in compare["province"]}

left, right = st.columns([5, 2])
with left:
    st.subheader(t("compare.map_title", lang))
    fig = cache.figure(
        map_chart.province_map,
        compare,
        None,  # the shipped geometry: hashing the 320 KB GeoJSON as a cache key cost 0.8 s per run
        None,
        lang,
        per_capita,
        unit=cat.unit(f.metric, lang),
        geojson_url=map_chart.PROVINCES_URL,
    )
    st.plotly_chart(
        slides.framed(fig, shot("map", year)),
        config=slides.camera(shot("map", year), map_chart.PLOTLY_CONFIG),
        key="compare_map",
    )
    st.caption(t("compare.map_caption", lang))
with right:
    st.subheader(t("compare.no_polygon_title", lang))
    st.caption(t("compare.no_polygon_caption", lang))
    off = view.off_map(compare, national, polygon_codes, lang, names)
    widgets.table_or_note(off, t("compare.nothing_off_map", lang))

ranked = view.with_data(compare)
st.subheader(t("compare.ranking_title", lang))
st.caption(t("compare.change_note", lang))
if ranked.empty:
    st.info(t("common.no_data", lang))
else:
    r1, r2 = st.columns([3, 2])
    bars = cache.figure(
        province_bars, ranked, names, lang, metric_title, t("compare.change_label", lang), top_n=40
    )
    r1.plotly_chart(
        slides.framed(bars, shot("ranking", year)),
        config=slides.camera(shot("ranking", year)),
        key="compare_ranking",
    )
    # as tall as the bars beside it, so the table lists every province without its own scroll bar
    r2.dataframe(
        view.ranking_table(compare, names, lang), hide_index=True, height=int(bars.layout.height or 400)
    )

st.subheader(t("compare.heat_title", lang))
st.caption(t("compare.heat_caption", lang))
history = view.in_years(cache.run(queries.province_years, f.metric, f.channel), years)  # the sidebar's years
if history.empty:
    st.info(t("common.no_data", lang))
else:
    st.plotly_chart(
        slides.framed(
            cache.figure(view.heat_table, history, names, lang, metric_title), shot("heat", f.years_label())
        ),
        config=slides.camera(shot("heat", f.years_label())),
        key="compare_heat",
    )

st.subheader(t("compare.side_title", lang))
options = ranked["province"].tolist()
url_state.bind(f"compare_side_{lang}", url_state.Param("side", options[:3], options, many=True))
chosen = st.multiselect(
    t("compare.side_pick", lang),
    options,
    max_selections=5,
    format_func=lambda p: names.get(p, p),
    key=f"compare_side_{lang}",
)
if len(chosen) < 2:
    st.info(t("compare.side_need", lang))
else:
    side = view.in_years(cache.run(queries.provinces_all_metrics, chosen, f.channel), years)
    titles = {m: cat.metric_with_unit(m, lang) for m in cat.metric_codes()}
    st.plotly_chart(
        slides.framed(
            cache.figure(view.side_by_side, side, names, titles, lang), shot("side", f.years_label())
        ),
        config=slides.camera(shot("side", f.years_label())),
        key="compare_side",
    )

st.subheader(t("compare.drill_title", lang))
st.info(t("compare.drill_rule", lang), icon=":material/rule:")
drill_options = compare["province"].tolist()
default = drill_options.index(ranked["province"].iloc[0]) if len(ranked) else 0
url_state.bind(
    f"compare_drill_{lang}",
    url_state.Param("drill", drill_options[default] if drill_options else None, drill_options),
)
province = st.selectbox(
    t("compare.drill_pick", lang),
    drill_options,
    format_func=lambda p: names.get(p, p),
    key=f"compare_drill_{lang}",
)
st.markdown(view.drill_sentence(compare, province, year, names.get(province, province), lang))
drill = cache.run(queries.province_drilldown, province, year, f.metric, f.channel)
if not drill.empty:
    st.dataframe(view.drill_table(drill, lang), hide_index=True)
