"""地区对比 Compare regions: map, ranking, province × year, side by side, drill-down into a province.
A click on the map or on a ranking bar opens that province's drill-down, and `?drill=` in the URL follows."""

from functools import partial

import streamlit as st

from dashboard import sidebar, url_state, widgets
from dashboard.data import cache, common
from dashboard.data import compare as queries
from dashboard.data.db import build_info
from dashboard.present import compare as view
from dashboard.present import map as map_chart
from dashboard.present import slides
from dashboard.present.charts import bar_order, province_bars
from dashboard.present.overview import clicked_province
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
if f.area:  # the map stays national for reference; say what the sidebar's area restricts
    st.caption(t("compare.area_note", lang, area=cat.area_label(f.area, lang)))
st.caption(t("compare.map_click_hint", lang) + " " + t("common.marks_note", lang))
DRILL_KEY = f"compare_drill_{lang}"
DRILL_TABLE_KEY = "compare_drill_table"  # the drill-down's table, drawn only once opened
all_provinces = cat.provinces_by_code()


# a partial, not a page function: Streamlit keeps a callback for the session's life, and a page's function
# keeps the page's every global with it (tests/unit/test_page_closures.py)
show_drill_table = partial(st.session_state.__setitem__, DRILL_TABLE_KEY, True)
province_name = partial(cat.province, lang=lang)


def open_province(province: str | None) -> None:
    """A click on the map or a bar: the drill-down below shows that province and opens its table, and the
    URL says so."""
    if province and province in all_provinces:
        st.session_state[DRILL_KEY] = province  # url_state.bind writes it to the URL
        show_drill_table()


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
    map_event = widgets.slide_chart(
        fig,
        shot("map", year),
        base_config=map_chart.PLOTLY_CONFIG,
        key="compare_map",
        on_select="rerun",
        selection_mode="points",
    )
    open_province(map_chart.clicked_province(map_event, compare))
    st.caption(t("compare.map_caption", lang))
with right:
    st.subheader(t("compare.no_polygon_title", lang))
    st.caption(t("compare.no_polygon_caption", lang))
    off = view.off_map(compare, national, polygon_codes, lang, names)
    widgets.table_or_note(off, t("compare.nothing_off_map", lang), small=True)

ranked = view.in_area(view.with_data(compare), f.provinces)
st.subheader(t("compare.ranking_title", lang))
st.caption(t("compare.change_note", lang))
if ranked.empty:
    st.info(t("common.no_data", lang))
else:
    r1, r2 = st.columns([3, 2])
    bars = cache.figure(
        province_bars, ranked, names, lang, metric_title, t("compare.change_label", lang), top_n=40
    )
    bar_event = widgets.slide_chart(
        bars,
        shot("ranking", year),
        where=r1,
        key="compare_ranking",
        on_select="rerun",
        selection_mode="points",
    )
    open_province(clicked_province(bar_event, bar_order(ranked, 40)))
    # read beside the bars, not sorted: a static table (no data grid to load), every province listed
    widgets.small_table(view.ranking_table(compare, names, lang, f.provinces), where=r2)

st.subheader(t("compare.heat_title", lang))
st.caption(t("compare.heat_caption", lang))
history = view.in_area(
    view.in_years(cache.run(queries.province_years, f.metric, f.channel), years), f.provinces
)
if history.empty:
    st.info(t("common.no_data", lang))
else:
    # every province, each cell on its shade; a static table (a year without a figure is a blank cell)
    widgets.small_table(view.heat_table(history, names, lang, metric_title))

st.subheader(t("compare.side_title", lang))
all_names = {p: cat.province(p, lang) for p in all_provinces}
SIDE = url_state.Param("side", view.side_default(f.provinces, ranked), all_provinces, many=True)
if st.session_state.get("_compare_side_area") != f.area:  # a new sidebar area: start again from it
    if "_compare_side_area" in st.session_state:
        url_state.remember(SIDE, SIDE.default)
        st.session_state.pop(f"compare_side_{lang}", None)
    st.session_state["_compare_side_area"] = f.area
url_state.bind(f"compare_side_{lang}", SIDE)
chosen = st.multiselect(
    t("compare.side_pick", lang),
    all_provinces,  # every province, with data or not: one without a report is shown as such
    max_selections=5,
    format_func=province_name,
    key=f"compare_side_{lang}",
)
if chosen:
    status = cache.run(common.report_status, list(chosen), year, f.channel)
    side = view.in_years(cache.run(queries.provinces_all_metrics, list(chosen), f.channel), years)
    missing = view.side_missing(side, list(chosen), status, year, all_names, lang)
    if len(missing):
        st.warning(t("compare.side_missing", lang, year=year), icon=":material/report:")
        widgets.small_table(missing)
if len(chosen) < 2:
    st.info(t("compare.side_need", lang))
else:
    titles = {m: cat.metric_with_unit(m, lang) for m in cat.metric_codes()}
    # drawn only once opened (a lazy expander sends nothing while closed): the page's third figure, a
    # panel per metric, cost ~0.5 s of every visit's drawing for a view most visits do not look at
    chart_box = st.expander(
        t("compare.side_chart", lang), icon=":material/show_chart:", key="compare_side_chart", on_change="rerun"
    )
    if chart_box.open and not side.empty:
        with chart_box:
            widgets.slide_chart(
                cache.figure(view.side_by_side, side, all_names, titles, lang),
                shot("side", f.years_label()),
                key="compare_side",
            )

st.subheader(t("compare.drill_title", lang))
st.info(t("compare.drill_rule", lang), icon=":material/rule:")
# the drill-down starts on the one chosen province, else the top one; a link, a click on the map or the
# ranking here, or on the overview's ranking (url_state.remember there) sets it
start = f.provinces[0] if len(f.provinces) == 1 else (ranked["province"].iloc[0] if len(ranked) else None)
DRILL = url_state.Param("drill", start if start in all_provinces else all_provinces[0], all_provinces)
arriving = DRILL_KEY not in st.session_state
if url_state.bind(DRILL_KEY, DRILL) != DRILL.default and arriving:
    show_drill_table()  # a link or the overview's ranking chose the province: its table is what was asked for
province = st.selectbox(
    t("compare.drill_pick", lang),
    all_provinces,
    format_func=province_name,
    key=DRILL_KEY,
    on_change=show_drill_table,
)
drill_status = cache.run(common.report_status, [province], year, f.channel)
st.markdown(
    view.drill_sentence(compare, province, year, all_names.get(province, province), lang, drill_status)
)
drill = cache.run(queries.province_drilldown, province, year, f.metric, f.channel)
if not drill.empty:
    # a few hundred rows (every city, county and unit), kept in the data grid to sort and download; sent
    # only once opened (a click, a link or the picker opens it): on a first visit the grid's JavaScript
    # and its rows were the page's largest cost after Plotly's
    drill_box = st.expander(
        t("compare.drill_table", lang), icon=":material/table_rows:", key=DRILL_TABLE_KEY, on_change="rerun"
    )
    if drill_box.open:
        drill_box.dataframe(view.drill_table(drill, lang), hide_index=True)
